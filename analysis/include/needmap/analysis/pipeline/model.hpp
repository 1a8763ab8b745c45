#pragma once

// The model: a project's inputs read, checked and joined once, with the travel times from every
// demand point to every place computed once. Scenarios are computed against it (compute.hpp)
// without reading a file again; it is never changed by them.

#include "needmap/analysis/demand/demand_points.hpp"
#include "needmap/analysis/matrix.hpp"
#include "needmap/analysis/network/walk_network.hpp"
#include "needmap/analysis/pipeline/access.hpp"
#include "needmap/analysis/pipeline/project.hpp"
#include "needmap/analysis/pipeline/sites.hpp"
#include "needmap/analysis/progress.hpp"
#include "needmap/analysis/transit/timetable.hpp"
#include "needmap/analysis/transit/transit_network.hpp"
#include "needmap/geo/spatial_index.hpp"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace needmap::analysis::pipeline {

/// Buses, when the project has them: the day's timetable tied to the streets.
struct BusModel {
    std::shared_ptr<const transit::Timetable> timetable;
    /// Holds pointers to the timetable and the model's streets, which the shared pointers keep.
    std::shared_ptr<const transit::TransitNetwork> network;
    std::vector<std::string> feeds;  ///< feed names, as the timetable's ids are qualified
    /// Per demand point, the stops within walking reach (seconds at the project's speed).
    std::vector<std::vector<transit::StopWalk>> access;
    /// Per demand point, the routes its journeys in Model::times ride: a point whose routes all
    /// still run keeps its times when others are dropped.
    std::vector<std::vector<RouteId>> routes_used;
};

struct Model {
    Project project;
    std::string crs_reason;  ///< which metric CRS, and why
    std::string mode;        ///< "walk at 3 km/h", or the buses' day and window
    /// What was read, for the run summary: (input, description).
    std::vector<std::pair<std::string, std::string>> inputs;
    std::vector<std::string> warnings;
    std::vector<std::pair<std::string, double>> timings;  ///< stage, seconds
    std::vector<std::string> attributions;

    demand::Districts districts;
    std::optional<demand::SurveyRates> survey;
    demand::DemandModel demand;

    std::shared_ptr<const network::WalkNetwork> streets;
    std::vector<network::Snap> point_snaps;            ///< per demand point
    std::shared_ptr<const geo::PointIndex> point_index;  ///< of the snapped demand points

    std::vector<Site> resources;   ///< existing places of every kind; PlaceId is the index
    std::vector<Site> candidates;  ///< candidate sites; PlaceId is the index
    std::optional<BusModel> bus;

    /// How the travel times were computed: the limit, speed and departure window.
    TravelTimeRequest request;
    /// From every demand point to the resources, then the candidates (destination resources.size()
    /// + c is candidate c), by the run's modes: on foot, or on foot and by bus.
    TravelTimeMatrix times;
    /// The same on foot alone, when the run has buses (what the buses add is the difference).
    std::optional<TravelTimeMatrix> walk_times;
};

/// Reads every input of the project, joins them and computes the travel times, reporting each
/// stage to `feedback`.
/// @throws InputError for bad input, naming the file, the row and what is wrong; Cancelled.
[[nodiscard]] Model load_inputs(const Project& project, Feedback& feedback);

}  // namespace needmap::analysis::pipeline
