#pragma once

// Access: how long each demand point takes to reach the nearest resource of each kind, how many
// it reaches within the threshold, and the district totals a council reads: the access gap.

#include "needmap/analysis/demand/demand_points.hpp"
#include "needmap/analysis/matrix.hpp"
#include "needmap/analysis/measures.hpp"
#include "needmap/analysis/network/walk_network.hpp"
#include "needmap/analysis/pipeline/project.hpp"
#include "needmap/analysis/transit/transit_matrix.hpp"
#include "needmap/analysis/pipeline/sites.hpp"
#include "needmap/analysis/progress.hpp"
#include "needmap/analysis/transit/transit_network.hpp"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace needmap::analysis::pipeline {

/// Times from every demand point to every site within `limit_min` minutes: on foot (one search
/// from each site; walking is symmetric), or on foot and by bus at `percentile` across the
/// departure window (range RAPTOR from each point) when `transit` is given.
struct TravelTimeRequest {
    double limit_min = 60;
    double walk_speed_kmh = 3.0;
    const transit::TransitNetwork* transit = nullptr;
    Seconds departure{9 * 3600};  ///< or the (last) deadline, with arrive_by
    bool arrive_by = false;
    int window = 120;
    int percentile = 50;
    int max_rides = 3;
};
/// The request a project makes: its walking speed, its buses' window, and a limit of
/// time_limit_for(threshold) (the transit network is left for the caller to set).
[[nodiscard]] TravelTimeRequest travel_time_request(const Project& project);

/// Travel times are computed up to this many minutes, so that medians and the 90th percentile
/// beyond the threshold still read as numbers: twice the threshold, and at least 30 minutes more.
[[nodiscard]] double time_limit_for(double threshold_min);

/// The bus search's options for a request: its window, percentile, rides and limit.
[[nodiscard]] transit::TransitMatrixOptions transit_options(const TravelTimeRequest& request);
[[nodiscard]] transit::ArriveByOptions arrive_by_options(const TravelTimeRequest& request);

[[nodiscard]] TravelTimeMatrix point_to_site_times(const network::WalkNetwork& streets,
                                                   std::span<const network::Snap> points,
                                                   std::span<const network::Snap> sites,
                                                   const TravelTimeRequest& request,
                                                   const ProgressCallback& progress = {},
                                                   std::vector<std::vector<RouteId>>* routes_used = nullptr);

/// Per demand point, access to one kind of resource.
struct KindAccess {
    std::string kind;
    std::string need;                       ///< the need kind it serves ("" for none)
    std::optional<std::size_t> need_index;  ///< in the demand model's needs
    std::vector<std::size_t> sites;         ///< indexes of this kind's resources among all sites
    std::vector<float> nearest_min;         ///< minutes to the nearest; +inf beyond the time limit
    std::vector<std::uint32_t> within;      ///< resources within the threshold
    std::vector<std::uint8_t> covered;      ///< nearest within the threshold
    std::vector<double> sfca;               ///< 2SFCA: capacity per older person within reach
    std::vector<double> weighted;           ///< capacity within reach, each weighted by the decay of its time
    std::vector<double> e2sfca;             ///< enhanced 2SFCA with the decay: capacity per older person
    /// Cumulative opportunities: per cut-off (Parameters::cutoffs_min), places within it per point.
    std::vector<std::vector<std::uint32_t>> within_cutoff;
};

/// Per district and kind: what the council reads.
struct DistrictKindAccess {
    double elderly = 0;           ///< people in the elderly band
    double need = 0;              ///< need-weighted demand (elderly people times the survey rate)
    double uncovered_people = 0;  ///< elderly people beyond the threshold: the access gap
    double uncovered_need = 0;
    double median_min = 0;  ///< elderly-weighted median time to the nearest; +inf when over half are beyond the limit
    double p90_min = 0;
    std::size_t resources_inside = 0;
    double sfca_per_1000 = 0;  ///< capacity per 1,000 older people, elderly-weighted mean of the points
    double e2sfca_per_1000 = 0;  ///< the same by E2SFCA
    std::vector<double> reach_share;  ///< per cut-off: share of older people with a place within it
    [[nodiscard]] double uncovered_share() const { return elderly > 0 ? uncovered_people / elderly : 0; }
    [[nodiscard]] double uncovered_need_share() const { return need > 0 ? uncovered_need / need : 0; }
};

/// Access of every point to one kind, from the times to all sites: `sites` are the resources (any
/// kind), which come first among the times' destinations; destinations past them (candidates)
/// are skipped.
[[nodiscard]] KindAccess kind_access(const demand::DemandModel& model, const TravelTimeMatrix& times,
                                     std::span<const Site> sites, const ResourceConfig& kind, double threshold_min,
                                     const measures::Decay& decay, std::span<const int> cutoffs_min = {});

/// The project's decay for graded access, cut off at the threshold.
[[nodiscard]] measures::Decay decay_of(const Parameters& parameters, double threshold_min);

[[nodiscard]] std::vector<DistrictKindAccess> district_access(const demand::DemandModel& model,
                                                              const KindAccess& access, std::span<const Site> sites,
                                                              std::size_t district_count);

/// The Ministry of Agriculture's 食料品アクセス困難人口 (農林水産政策研究所): people aged 65+ who live
/// 500 m or more, as the crow flies, from a food store and cannot use a car; 9.04 million people,
/// 25.6% of all people 65+ in Japan in 2020.
struct Yardstick {
    double people65 = 0;      ///< in the district
    double far = 0;           ///< of those, 500 m or more from every food store
    double no_car_share = 0;  ///< the share that cannot use a car
    [[nodiscard]] double people() const { return far * no_car_share; }
    [[nodiscard]] double share() const { return people65 > 0 ? people() / people65 : 0; }
};
inline constexpr double kNationalYardstickShare = 0.256;
inline constexpr double kNationalYardstickPeople = 9.04e6;

/// Per district. `no_car_share` holds the share per district (from the survey or one parameter).
[[nodiscard]] std::vector<Yardstick> yardstick(const demand::DemandModel& model, std::span<const Site> food_stores,
                                               std::size_t band65, std::span<const double> no_car_share,
                                               std::size_t district_count);

/// The elderly-weighted p-quantile (0..1) of values, +inf counted as largest.
[[nodiscard]] double weighted_quantile(std::vector<std::pair<double, double>> value_weight, double q);

}  // namespace needmap::analysis::pipeline
