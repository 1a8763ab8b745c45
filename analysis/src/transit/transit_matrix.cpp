#include "needmap/analysis/transit/transit_matrix.hpp"

#include "needmap/analysis/network/walk_search.hpp"
#include "needmap/analysis/parallel.hpp"
#include "needmap/geo/spatial_index.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace needmap::analysis::transit {

std::size_t percentile_index(std::size_t n, int percentile) {
    const auto rank = static_cast<std::size_t>(std::ceil(percentile / 100.0 * static_cast<double>(n)));
    return std::clamp<std::size_t>(rank, 1, n) - 1;
}

namespace {

/// A departure minute whose trip takes longer than the limit.
constexpr float kNone = std::numeric_limits<float>::infinity();

using network::EffortDm;
using network::Snap;
using network::SnapStatus;
using network::WalkSearch;

/// Stops within walking reach of a snapped point, with the walking time; uses (and overwrites)
/// the search, which must already have been run from the point.
std::vector<StopWalk> stops_near(const TransitNetwork& net, const WalkSearch& search, geo::Point position,
                                 const geo::PointIndex& stop_index, double speed) {
    std::vector<StopWalk> out;
    const EffortDm limit = network::effort_of_metres(net.options.max_walk_to_stop_m);
    for (const std::size_t s : stop_index.within(position, net.options.max_walk_to_stop_m)) {
        const EffortDm e = search.effort_to(net.stop_snaps[s]);
        if (e == network::kUnreached || e > limit) continue;
        out.push_back({StopId(static_cast<std::uint32_t>(s)),
                       Seconds(static_cast<std::int32_t>(std::lround(network::seconds_for(e, speed))))});
    }
    return out;
}

}  // namespace

TravelTimeMatrix transit_matrix(const TransitNetwork& net, std::span<const Snap> origins,
                                std::span<const Snap> destinations, const TransitMatrixOptions& options,
                                const ProgressCallback& progress) {
    const network::WalkNetwork& streets = *net.streets;
    const double speed = net.options.walk_speed_kmh / 3.6;
    const std::int32_t max_s = options.raptor.max_duration.value();
    const auto minutes = static_cast<std::size_t>(options.window_minutes);
    const std::size_t nd = destinations.size();

    // Stops near each destination, turned around: for each stop, the destinations it serves.
    std::vector<geo::Point> stop_positions;
    for (const Snap& s : net.stop_snaps) stop_positions.push_back(s.on_edge);
    const geo::PointIndex stop_index(stop_positions);
    struct Egress {
        std::uint32_t destination;
        std::int32_t walk;  ///< seconds
    };
    std::vector<std::uint32_t> egress_first(net.timetable->stop_count() + 1, 0);  // CSR by stop
    std::vector<Egress> egress;
    {
        std::vector<std::vector<Egress>> by_stop(net.timetable->stop_count());
        WalkSearch search(streets);
        const EffortDm limit = network::effort_of_metres(net.options.max_walk_to_stop_m);
        for (std::uint32_t d = 0; d < nd; ++d) {
            if (destinations[d].status == SnapStatus::TooFar) continue;
            search.run(destinations[d], limit);
            for (const StopWalk& w : stops_near(net, search, destinations[d].on_edge, stop_index, speed))
                by_stop[w.stop.value()].push_back({d, w.time.value()});
        }
        for (std::size_t s = 0; s < by_stop.size(); ++s) {
            egress.insert(egress.end(), by_stop[s].begin(), by_stop[s].end());
            egress_first[s + 1] = static_cast<std::uint32_t>(egress.size());
        }
    }

    struct Row {
        std::vector<std::uint32_t> destination;
        std::vector<float> seconds;
    };
    std::vector<Row> rows(origins.size());
    JobQueue jobs(origins.size(), progress, "transit matrix", 16);
    run_workers(worker_count(options.threads, origins.size()), [&](unsigned /*worker*/) {
        WalkSearch search(streets);
        RangeRaptor raptor(net, options.raptor);
        std::vector<double> walk_only(nd);  // seconds, unrounded: as the walk matrix reports them
        std::vector<std::int32_t> arrival(nd);
        // Each destination's arrival changes at few of the minutes: keep the changes, not a full
        // minutes x destinations table (minute, arrival from that minute on, latest minute first).
        std::vector<std::vector<std::pair<std::uint16_t, std::int32_t>>> changes(nd);
        std::vector<std::uint32_t> changed;
        std::vector<float> times(minutes);
        while (const auto job = jobs.next()) {
            const std::size_t o = *job;
            Row& row = rows[o];
            if (origins[o].status != SnapStatus::TooFar) {
                // Walking all the way, and the stops within reach, from one search.
                search.run(origins[o], network::effort_in(max_s, speed));
                for (std::size_t d = 0; d < nd; ++d) {
                    const EffortDm e = search.effort_to(destinations[d]);
                    walk_only[d] = e == network::kUnreached ? std::numeric_limits<double>::infinity()
                                                            : network::seconds_for(e, speed);
                }
                const std::vector<StopWalk> access = stops_near(net, search, origins[o].on_edge, stop_index, speed);

                raptor.reset();
                std::fill(arrival.begin(), arrival.end(), RangeRaptor::kUnreached);
                for (const std::uint32_t d : changed) changes[d].clear();
                changed.clear();
                for (std::size_t m = access.empty() ? 0 : minutes; m-- > 0;) {
                    const std::int32_t t0 = options.departure.value() + static_cast<std::int32_t>(m) * 60;
                    raptor.run_departure(Seconds(t0), access);
                    for (const std::uint32_t s : raptor.improved()) {
                        const std::int32_t at_stop = raptor.vehicle_arrival(StopId(s));
                        for (std::uint32_t k = egress_first[s]; k < egress_first[s + 1]; ++k) {
                            const std::uint32_t d = egress[k].destination;
                            if (at_stop + egress[k].walk >= arrival[d]) continue;
                            arrival[d] = at_stop + egress[k].walk;
                            if (changes[d].empty()) changed.push_back(d);
                            if (!changes[d].empty() && changes[d].back().first == m)
                                changes[d].back().second = arrival[d];
                            else
                                changes[d].emplace_back(static_cast<std::uint16_t>(m), arrival[d]);
                        }
                    }
                }
                for (std::uint32_t d = 0; d < nd; ++d) {
                    if (walk_only[d] > max_s && changes[d].empty()) continue;  // nothing within the limit
                    // Minutes from the latest: the arrival in force is the last change at or after m.
                    std::int32_t arrives = RangeRaptor::kUnreached;
                    std::size_t next_change = 0;
                    for (std::size_t m = minutes; m-- > 0;) {
                        while (next_change < changes[d].size() && changes[d][next_change].first >= m)
                            arrives = changes[d][next_change++].second;
                        const std::int32_t t0 = options.departure.value() + static_cast<std::int32_t>(m) * 60;
                        const double t = std::min(walk_only[d], static_cast<double>(arrives - t0));
                        times[m] = t <= max_s ? static_cast<float>(t) : kNone;
                    }
                    std::sort(times.begin(), times.end());
                    if (times[percentile_index(minutes, options.percentiles.front())] == kNone) continue;
                    row.destination.push_back(d);
                    for (const int p : options.percentiles) {
                        const float v = times[percentile_index(minutes, p)];
                        row.seconds.push_back(v == kNone ? std::numeric_limits<float>::quiet_NaN() : v);
                    }
                }
            }
            jobs.finished();
        }
    });

    TravelTimeMatrix m;
    m.percentiles = options.percentiles;
    for (const Row& row : rows) m.add_row(row.destination, row.seconds);
    return m;
}

}  // namespace needmap::analysis::transit
