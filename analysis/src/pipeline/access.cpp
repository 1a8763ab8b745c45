#include "needmap/analysis/pipeline/access.hpp"

#include "needmap/analysis/network/walk_matrix.hpp"
#include "needmap/analysis/parallel.hpp"
#include "needmap/analysis/transit/transit_matrix.hpp"
#include "needmap/geo/spatial_index.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace needmap::analysis::pipeline {

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

}  // namespace

transit::TransitMatrixOptions transit_options(const TravelTimeRequest& request) {
    transit::TransitMatrixOptions options;
    options.departure = request.departure;
    options.window_minutes = request.window;
    options.percentiles = {request.percentile};
    options.raptor.max_rides = request.max_rides;
    options.raptor.max_duration = Seconds(static_cast<std::int32_t>(request.limit_min * 60));
    return options;
}

transit::ArriveByOptions arrive_by_options(const TravelTimeRequest& request) {
    const transit::TransitMatrixOptions depart = transit_options(request);
    transit::ArriveByOptions options;
    options.arrive_by = request.departure;
    options.window_minutes = request.window;
    options.percentiles = depart.percentiles;
    options.raptor = depart.raptor;
    return options;
}

TravelTimeMatrix point_to_site_times(const network::WalkNetwork& streets, std::span<const network::Snap> points,
                                     std::span<const network::Snap> sites, const TravelTimeRequest& request,
                                     const ProgressCallback& progress,
                                     std::vector<std::vector<RouteId>>* routes_used) {
    if (request.transit == nullptr) {
        network::WalkOptions walk;
        walk.speed_kmh = request.walk_speed_kmh;
        walk.max_minutes = request.limit_min;
        return network::walk_matrix(streets, points, sites, walk, progress);
    }
    // Arrive-by searches go from each site: they tell no routes per point (routes_used is left empty).
    if (routes_used != nullptr) routes_used->clear();
    TravelTimeMatrix m =
        request.arrive_by
            ? transit::transit_matrix_arrive_by(*request.transit, points, sites, arrive_by_options(request), progress)
            : transit::transit_matrix(*request.transit, points, sites, transit_options(request), progress, routes_used);
    // A pair whose percentile is beyond the limit has no time.
    TravelTimeMatrix kept;
    kept.percentiles = m.percentiles;
    for (std::size_t o = 0; o < m.origin_count(); ++o) {
        for (std::uint32_t k = m.row_begin[o]; k < m.row_begin[o + 1]; ++k)
            if (!std::isnan(m.seconds[k])) {
                kept.destination.push_back(m.destination[k]);
                kept.seconds.push_back(m.seconds[k]);
            }
        kept.row_begin.push_back(static_cast<std::uint32_t>(kept.destination.size()));
    }
    return kept;
}

TravelTimeRequest travel_time_request(const Project& project) {
    TravelTimeRequest r;
    const double threshold = project.parameters.threshold_min;
    r.limit_min = time_limit_for(threshold);
    for (const int c : project.parameters.cutoffs_min) r.limit_min = std::max(r.limit_min, static_cast<double>(c));
    r.walk_speed_kmh = project.parameters.walk_speed_kmh;
    r.departure = project.transit.departure_time;
    r.arrive_by = project.transit.arrive_by;
    r.window = project.transit.window;
    r.percentile = project.transit.percentile;
    r.max_rides = project.transit.max_rides;
    return r;
}

double time_limit_for(double threshold_min) {
    return std::max(2 * threshold_min, threshold_min + 30);
}

measures::Decay decay_of(const Parameters& parameters, double threshold_min) {
    measures::Decay d;
    d.kind = measures::parse_decay(parameters.decay);
    d.cutoff_min = threshold_min;
    d.parameter = parameters.decay_parameter.value_or(d.kind == measures::DecayKind::Exponential ? 0.1 : threshold_min / 2);
    return d;
}

KindAccess kind_access(const demand::DemandModel& model, const TravelTimeMatrix& times, std::span<const Site> sites,
                       const ResourceConfig& kind, double threshold_min, const measures::Decay& decay,
                       std::span<const int> cutoffs_min) {
    KindAccess a;
    a.kind = kind.kind;
    a.need = kind.need;
    for (std::size_t n = 0; n < model.needs.size(); ++n)
        if (model.needs[n] == kind.need) a.need_index = n;
    std::vector<std::uint8_t> of_kind(sites.size(), 0);
    for (std::size_t j = 0; j < sites.size(); ++j)
        if (sites[j].kind == kind.kind) {
            of_kind[j] = 1;
            a.sites.push_back(j);
        }
    const std::size_t n = model.points.size();
    a.nearest_min.assign(n, kInf);
    a.within.assign(n, 0);
    a.covered.assign(n, 0);
    a.sfca.assign(n, 0);
    a.within_cutoff.assign(cutoffs_min.size(), std::vector<std::uint32_t>(n, 0));
    const double threshold_s = threshold_min * 60;

    // 2SFCA, step 1: each resource's capacity over the older people within its reach.
    std::vector<double> reached_people(sites.size(), 0);
    for (std::size_t i = 0; i < n; ++i)
        for (std::uint32_t k = times.row_begin[i]; k < times.row_begin[i + 1]; ++k) {
            const std::uint32_t j = times.destination[k];
            if (j >= sites.size() || !of_kind[j]) continue;  // candidates come after the resources
            const double t = times.seconds[k];
            a.nearest_min[i] = std::min(a.nearest_min[i], static_cast<float>(t / 60.0));
            if (t <= threshold_s) {
                ++a.within[i];
                reached_people[j] += model.points[i].people[model.elderly_band];
            }
            for (std::size_t c = 0; c < cutoffs_min.size(); ++c)
                if (t <= cutoffs_min[c] * 60.0) ++a.within_cutoff[c][i];
        }
    // Graded: every pair within the cutoff, its weight falling with time (gravity and E2SFCA).
    std::vector<measures::Reach> pairs;
    std::vector<double> supply(sites.size(), 0);
    std::vector<double> older(n, 0);
    for (std::size_t j = 0; j < sites.size(); ++j) supply[j] = of_kind[j] ? sites[j].capacity : 0;
    for (std::size_t i = 0; i < n; ++i) {
        older[i] = model.points[i].people[model.elderly_band];
        for (std::uint32_t k = times.row_begin[i]; k < times.row_begin[i + 1]; ++k) {
            const std::uint32_t j = times.destination[k];
            if (j < sites.size() && of_kind[j] && times.seconds[k] <= decay.cutoff_min * 60)
                pairs.push_back({i, j, times.seconds[k] / 60.0});
        }
    }
    a.weighted = measures::gravity(pairs, supply, n, decay);
    a.e2sfca = measures::e2sfca(pairs, supply, older, decay);
    // Step 2: each point's accessibility is the sum of the ratios of the resources it reaches.
    for (std::size_t i = 0; i < n; ++i) {
        a.covered[i] = a.nearest_min[i] * 60.0F <= static_cast<float>(threshold_s) ? 1 : 0;
        for (std::uint32_t k = times.row_begin[i]; k < times.row_begin[i + 1]; ++k) {
            const std::uint32_t j = times.destination[k];
            if (j < sites.size() && of_kind[j] && times.seconds[k] <= threshold_s && reached_people[j] > 0)
                a.sfca[i] += sites[j].capacity / reached_people[j];
        }
    }
    return a;
}

double weighted_quantile(std::vector<std::pair<double, double>> value_weight, double q) {
    std::sort(value_weight.begin(), value_weight.end());
    double total = 0;
    for (const auto& [v, w] : value_weight) total += w;
    if (total <= 0) return std::numeric_limits<double>::quiet_NaN();
    double seen = 0;
    for (const auto& [v, w] : value_weight) {
        seen += w;
        if (seen >= q * total - 1e-9) return v;
    }
    return value_weight.back().first;
}

std::vector<DistrictKindAccess> district_access(const demand::DemandModel& model, const KindAccess& access,
                                                std::span<const Site> sites, std::size_t district_count) {
    std::vector<DistrictKindAccess> out(district_count);
    std::vector<std::vector<std::pair<double, double>>> times(district_count);
    std::vector<double> sfca_weighted(district_count, 0);
    std::vector<double> e2sfca_weighted(district_count, 0);
    const std::size_t cutoffs = access.within_cutoff.size();
    for (auto& d : out) d.reach_share.assign(cutoffs, 0.0);
    for (std::size_t i = 0; i < model.points.size(); ++i) {
        const auto& p = model.points[i];
        DistrictKindAccess& d = out[p.district];
        const double people = p.people[model.elderly_band];
        // Need-weighted demand: people times the district's rate; a district without a rate for
        // this need adds no need (the run warns about it). Without a need kind: the people.
        const double need = !access.need_index ? people : p.weights[*access.need_index].value_or(0.0);
        d.elderly += people;
        d.need += need;
        if (!access.covered[i]) {
            d.uncovered_people += people;
            d.uncovered_need += need;
        }
        times[p.district].emplace_back(access.nearest_min[i], people);
        sfca_weighted[p.district] += access.sfca[i] * people;
        e2sfca_weighted[p.district] += access.e2sfca[i] * people;
        for (std::size_t c = 0; c < cutoffs; ++c)
            if (access.within_cutoff[c][i] > 0) d.reach_share[c] += people;  // people first, shares below
    }
    for (const std::size_t j : access.sites)
        if (sites[j].district) ++out[*sites[j].district].resources_inside;
    for (std::size_t d = 0; d < district_count; ++d) {
        out[d].median_min = weighted_quantile(times[d], 0.5);
        out[d].p90_min = weighted_quantile(times[d], 0.9);
        out[d].sfca_per_1000 = out[d].elderly > 0 ? 1000.0 * sfca_weighted[d] / out[d].elderly : 0;
        out[d].e2sfca_per_1000 = out[d].elderly > 0 ? 1000.0 * e2sfca_weighted[d] / out[d].elderly : 0;
        for (double& reach : out[d].reach_share) reach = out[d].elderly > 0 ? reach / out[d].elderly : 0;
    }
    return out;
}

std::vector<Yardstick> yardstick(const demand::DemandModel& model, std::span<const Site> food_stores,
                                 std::size_t band65, std::span<const double> no_car_share, std::size_t district_count) {
    std::vector<geo::Point> stores;
    for (const Site& s : food_stores) stores.push_back(s.position);
    const geo::PointIndex index(stores);
    std::vector<Yardstick> out(district_count);
    for (const auto& p : model.points) {
        Yardstick& y = out[p.district];
        const double people = p.people[band65];
        y.people65 += people;
        bool near = false;
        if (!stores.empty()) {
            const std::size_t k = index.nearest(p.position, 1).front();
            near = std::hypot(stores[k].x - p.position.x, stores[k].y - p.position.y) < 500.0;
        }
        if (!near) y.far += people;
    }
    for (std::size_t d = 0; d < district_count; ++d) out[d].no_car_share = no_car_share[d];
    return out;
}

}  // namespace needmap::analysis::pipeline
