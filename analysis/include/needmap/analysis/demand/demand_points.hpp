#pragma once

// Demand points: the population placed in the districts, one point per population unit and
// district, weighted per need kind by the district's survey rate.

#include "needmap/analysis/demand/districts.hpp"
#include "needmap/analysis/demand/population.hpp"
#include "needmap/analysis/demand/survey.hpp"
#include "needmap/geo/crs.hpp"
#include "needmap/geo/geometry.hpp"
#include "needmap/geo/layer.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace needmap::analysis::demand {

struct DemandConfig {
    /// The population band multiplied by the survey rates: the people the survey speaks for.
    std::string elderly_band = "pop65";
};

struct DemandPoint {
    std::string id;              ///< the unit's id, or "<unit id>@<district id>" when the unit is split
    std::string unit_id;         ///< the population unit it comes from
    std::size_t district = 0;    ///< index into the Districts
    geo::Point position;         ///< metric CRS: the piece's centroid, or the population-weighted centre
    double share = 1;            ///< fraction of the unit's people placed here, by area
    std::vector<double> people;  ///< per band
    /// Per need kind: people of the elderly band × the district's rate; nothing when the
    /// district has no rate for that need.
    std::vector<std::optional<double>> weights;
};

/// Totals per district, accumulated from the area shares independently of the points.
struct DistrictDemand {
    std::vector<double> people;  ///< per band
    std::size_t points = 0;
    std::vector<std::optional<double>> weights;  ///< per need kind, as for points
};

struct DemandReport {
    std::size_t units = 0;
    std::size_t units_without_people = 0;  ///< left without a point
    std::size_t units_split = 0;           ///< units shared by two or more districts
    std::size_t units_outside = 0;         ///< units wholly outside every district
    std::size_t units_partly_outside = 0;
    std::vector<double> people_outside;  ///< per band, not in any district
    /// Units where districts overlap each other: their shares were scaled down so that no one is
    /// counted twice.
    std::size_t units_in_overlaps = 0;
    std::size_t positions_weighted = 0;  ///< points placed at the centre of a finer layer's people
    std::vector<std::string> notes;

    [[nodiscard]] std::vector<std::string> lines(const std::vector<std::string>& bands) const;
};

struct DemandModel {
    geo::Crs crs;  ///< metric, that of the districts
    std::vector<std::string> bands;
    std::size_t elderly_band = 0;
    std::vector<std::string> needs;
    std::vector<DemandPoint> points;
    std::vector<DistrictDemand> districts;  ///< indexed like the Districts
    DemandReport report;
};

/// Places the population in the districts. A polygon unit's people are split among the
/// districts by the area each shares with it (geo::intersection_areas); each piece becomes a
/// point at the piece's centroid carrying its share of every band. A point unit goes to the
/// district containing it. People outside every district are counted in the report. Where
/// districts overlap, a unit's shares are scaled so that they add up to at most 1.
///
/// When `finer` is given (a population layer of smaller units, e.g. 250 m cells inside 1 km
/// cells), each point is placed instead at the centre of the finer units' representative points
/// that fall in its piece, weighted by their elderly band (or their first band when they have no
/// band of that name); pieces with no finer people keep their centroid.
///
/// `survey` may be null: points then carry no weights.
/// All layers must be in the districts' CRS.
/// @throws InputError when the elderly band is not one of the population's bands.
/// @throws std::invalid_argument when the population, finer layer or survey does not fit the
/// districts (another CRS, another number of districts).
/// @throws std::logic_error when the totals check fails: the sum over points must equal the sum
/// over districts, and people in districts plus people outside must equal the population, band
/// by band and weight by weight.
[[nodiscard]] DemandModel build_demand_points(const Districts& districts, const Population& population,
                                              const SurveyRates* survey, const DemandConfig& config = {},
                                              const Population* finer = nullptr);

/// The points as a layer (metric CRS): id, unit_id, district_id, district, share, one field per
/// band, and one "<need>_weight" field per need kind (null where there is no rate).
[[nodiscard]] geo::Layer demand_points_layer(const DemandModel& model, const Districts& districts);

/// The districts as a polygon layer (metric CRS) with their demand and survey figures: id, name,
/// one field per band, points, respondents, small_sample (0/1), and per need kind "<need>_rate",
/// "<need>_low", "<need>_high" (95% Wilson), "<need>_n" and "<need>_weight".
[[nodiscard]] geo::Layer district_demand_layer(const DemandModel& model, const Districts& districts,
                                               const SurveyRates* survey);

}  // namespace needmap::analysis::demand
