#pragma once

// The results of a run or a scenario, as plain values: what the GeoPackage holds (results_io.hpp
// writes and reads it), what the console tables, the viewer and the reports show. Nothing points
// back into the project or the model. Minutes are minutes, shares are 0..1, need is in people.

#include "needmap/analysis/ids.hpp"
#include "needmap/analysis/network/walk_network.hpp"
#include "needmap/analysis/pipeline/access.hpp"
#include "needmap/analysis/siting/mclp.hpp"
#include "needmap/geo/crs.hpp"
#include "needmap/geo/geometry.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace needmap::analysis::pipeline {

/// How the run was made: its parameters and what it read, for the run summary.
struct RunInfo {
    std::string project;       ///< the project's name
    std::string project_file;  ///< as given
    std::string needmap_version;
    std::string scenario;                    ///< empty for the base run
    std::vector<std::string> modifications;  ///< described, in order
    std::string mode;                        ///< "walk at 3 km/h", or the buses' day and window
    std::string crs_reason;
    /// The districts were drawn from centre points ([districts] centres), not given as polygons.
    bool approximate_districts = false;
    double threshold_min = 30;
    double walk_speed_kmh = 3.0;
    double max_snap_m = 500;
    std::size_t new_sites = 3;
    double limit_min = 60;  ///< travel times beyond this are not computed: "more than"
    bool transit = false;
    std::string departure;  ///< as given in the project, with buses: a departure, or the deadline
    bool arrive_by = false;  ///< `departure` is the deadline to arrive by
    bool slopes = false;     ///< walking times from an elevation model: slower uphill
    std::string decay;       ///< of graded access (E2SFCA), described
    std::vector<int> cutoffs_min;  ///< cumulative opportunities: places within each of these minutes
    std::string siting = "mclp";  ///< "mclp", or "lscp": the fewest sites for cover_share of the need
    double cover_share = 0;
    int window_min = 0;
    int percentile = 0;
    double max_walk_to_stop_m = 0;
    int max_rides = 0;
    std::vector<std::pair<std::string, std::string>> inputs;  ///< (input, what was read)
    std::vector<std::string> warnings;
    std::vector<std::pair<std::string, double>> timings;  ///< stage, seconds
    std::vector<std::string> attributions;
    std::string yardstick_note;
};

/// A survey rate with its 95% Wilson interval and sample size.
struct NeedRate {
    double rate = 0;
    double low = 0;
    double high = 0;
    double n = 0;
};

struct DistrictInfo {
    std::string id;
    std::string name;
    geo::MultiPolygon geometry;  ///< in the results' CRS
    std::vector<double> people;  ///< per band
    std::size_t points = 0;      ///< demand points in it
    std::optional<double> respondents;
    std::optional<bool> small_sample;
    std::vector<std::optional<NeedRate>> rates;          ///< per need kind; none where the survey has no row
    std::vector<std::optional<double>> need_weights;     ///< per need kind: people × rate
    std::optional<Yardstick> yardstick;                  ///< with food stores
};

struct PointInfo {
    std::string id;
    std::string unit_id;
    DistrictId district;
    geo::Point position;
    double share = 1;  ///< of its population unit
    std::vector<double> people;                   ///< per band
    std::vector<std::optional<double>> weights;   ///< per need kind
};

struct PlaceInfo {
    std::string id;
    std::string kind;  ///< "candidate" for candidate sites
    std::string name;
    double capacity = 1;
    bool food_store = false;
    bool added = false;  ///< added by the scenario
    geo::Point position;
    std::optional<DistrictId> district;
    network::SnapStatus snap = network::SnapStatus::Ok;
    std::optional<double> snap_m;  ///< none when too far
    std::string address;           ///< where the data gives them (see Site)
    std::string days;
    std::string hours;
};

/// New sites for one kind, ranked.
/// A district with fewer older people than this is too small a base for its shares to be a
/// finding (25 people at 100%): tables and maps mark it.
inline constexpr double kSmallDistrictPeople = 100;

struct SitingOutcome {
    siting::SitingResult result;              ///< result.chosen are candidate PlaceIds in rank order
    std::vector<double> cumulative;           ///< need covered by the first r sites together
    std::vector<std::string> district_gains;  ///< per rank: "東中学校区 12.3, 西中学校区 4.1"
    double uncovered_need = 0;                ///< the need no existing place covers: what sites can win
    std::vector<double> alone;                ///< per candidate: the uncovered need it would cover alone
    /// What another model than covering achieves, before and after the new sites: p-median, the
    /// need-weighted mean minutes to the nearest; capacitated, the need served; backup, the need
    /// within reach of two places or more. Not kept in the results file (its note says it).
    double model_before = 0;
    double model_after = 0;
};

struct KindResult {
    std::string kind;
    std::string need;  ///< the survey's need kind it serves, "" for older people as such
    bool food_store = false;
    KindAccess access;  ///< per demand point, by the run's modes
    std::vector<DistrictKindAccess> districts;
    /// On foot alone, when the run also uses buses.
    std::optional<KindAccess> walk_access;
    std::vector<DistrictKindAccess> walk_districts;
    std::optional<SitingOutcome> siting;
    geo::MultiPolygon service_area;  ///< within the threshold on foot of the kind's places
    double service_area_km2 = 0;

    /// 1 for the district with the most unmet need.
    [[nodiscard]] std::vector<std::int64_t> gap_ranks() const;
};

/// A bus stop of the run's day, for maps.
struct BusStop {
    std::string id;  ///< "<feed>:<stop_id>"
    std::string name;
    geo::Point position;
};

/// A bus route of the run's day as a line through its stops, for maps: one per GTFS route, every
/// stop sequence of it a part.
struct BusRoute {
    std::string id;  ///< "<feed>:<route_id>"
    std::string name;
    geo::MultiLineString line;
    std::size_t trips = 0;  ///< that day
};

struct Results {
    RunInfo info;
    geo::Crs crs;  ///< metric, of every geometry
    std::vector<std::string> bands;
    std::size_t elderly_band = 0;
    std::vector<std::string> needs;
    std::vector<DistrictInfo> districts;
    std::vector<PointInfo> points;
    std::vector<PlaceInfo> places;      ///< existing places of every kind (and any the scenario added)
    std::vector<PlaceInfo> candidates;  ///< candidate sites
    std::vector<KindResult> kinds;
    std::vector<BusStop> bus_stops;  ///< served that day, with buses (without the routes a scenario dropped)
    std::vector<BusRoute> bus_routes;

    [[nodiscard]] std::optional<KindId> find_kind(std::string_view kind) const;
    [[nodiscard]] std::optional<DistrictId> find_district(std::string_view id) const;
};

/// How evenly the time to the nearest place of a kind falls on the town's older people (each
/// demand point weighted by its older people). Times beyond the limit of the run count as the
/// limit, so the indices are a lower bound where many are beyond it.
struct Equity {
    double gini = 0;   ///< of the time to the nearest place
    double palma = 0;  ///< time borne by the 10% who travel longest over that of the 40% least
    double fgt0 = 0;   ///< share of people beyond the threshold
    double fgt1 = 0;   ///< mean excess over the threshold, relative to it, over everyone
    double fgt2 = 0;   ///< the same squared: weighs the farthest most
    double beyond_limit = 0;           ///< share of people beyond the limit (counted at the limit)
    std::vector<double> beyond_by_band;  ///< per band: the share of its people beyond the threshold
};

/// The equity of access to one kind, from the results' points and their times.
[[nodiscard]] Equity equity(const Results& r, KindId kind);

/// One district and kind's gap before and after a scenario.
struct Change {
    DistrictId district;
    KindId kind;
    double people_before = 0;  ///< older people beyond the threshold
    double people_after = 0;
    double need_before = 0;  ///< unmet need
    double need_after = 0;
};

/// Per district and kind, the gap in `base` and in `scenario` (same districts and kinds).
[[nodiscard]] std::vector<Change> compare(const Results& base, const Results& scenario);

}  // namespace needmap::analysis::pipeline
