#include "needmap/analysis/transit/transit_matrix.hpp"

#include "needmap/analysis/network/walk_search.hpp"
#include "needmap/analysis/parallel.hpp"
#include "needmap/geo/spatial_index.hpp"

#include <algorithm>
#include <array>
#include <functional>
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

geo::PointIndex stop_index_of(const TransitNetwork& net) {
    std::vector<geo::Point> positions;
    for (const Snap& s : net.stop_snaps) positions.push_back(s.on_edge);
    return geo::PointIndex(positions);
}

/// Appends the requested percentiles of one pair's times over the departure minutes (kNone where
/// over the limit, reordered) to `seconds`; false, appending nothing, when even the first
/// percentile is over the limit.
bool summarise(std::vector<float>& times, std::span<const int> percentiles, std::vector<float>& seconds) {
    // Each rank in place, from the highest down, each selection within the part below the last:
    // a few linear passes instead of a sort.
    std::array<std::size_t, 16> ranks{};
    const std::size_t n = std::min(percentiles.size(), ranks.size());
    for (std::size_t i = 0; i < n; ++i) ranks[i] = percentile_index(times.size(), percentiles[i]);
    std::sort(ranks.begin(), ranks.begin() + static_cast<std::ptrdiff_t>(n), std::greater<>());
    auto end = times.end();
    for (std::size_t i = 0; i < n; ++i) {
        const auto at = times.begin() + static_cast<std::ptrdiff_t>(ranks[i]);
        if (at >= end) continue;  // the same rank as the one above, already in place
        std::nth_element(times.begin(), at, end);
        end = at;
    }
    if (percentiles.size() > ranks.size()) std::sort(times.begin(), times.end());
    if (times[percentile_index(times.size(), percentiles.front())] == kNone) return false;
    for (const int p : percentiles) {
        const float v = times[percentile_index(times.size(), p)];
        seconds.push_back(v == kNone ? std::numeric_limits<float>::quiet_NaN() : v);
    }
    return true;
}

/// Which departure minutes of [first, first + 60 minutes) to search: the latest, and each from
/// which a vehicle can be caught that the minute after cannot catch. From any other minute every
/// journey is one of the minute after's, waiting longer (rRAPTOR's departure times).
void minutes_to_search(const TransitNetwork& net, std::span<const StopWalk> access, std::int32_t first,
                       std::size_t minutes, std::vector<std::uint8_t>& search) {
    const Timetable& tt = *net.timetable;
    const std::int32_t slack = net.options.board_slack.value();
    const std::int32_t end = first + static_cast<std::int32_t>(minutes) * 60;
    search.assign(minutes, 0);
    search[minutes - 1] = 1;
    for (const StopWalk& w : access) {
        const auto routes = tt.routes_at(w.stop);
        const auto positions = tt.positions_at(w.stop);
        // Leaving the origin at t catches a vehicle leaving here at t + walk + slack or later.
        const std::int32_t lead = w.time.value() + slack;
        for (std::size_t k = 0; k < routes.size(); ++k) {
            if (!(tt.stop_flags_of(routes[k])[positions[k]] & kBoarding)) continue;
            const std::uint32_t first_trip = tt.first_trip_of(routes[k]).value();
            std::uint32_t lo = 0;
            std::uint32_t hi = static_cast<std::uint32_t>(tt.trip_count_of(routes[k]));
            const auto leaves = [&](std::uint32_t t) { return tt.departure_at(TripId(first_trip + t), positions[k]).value(); };
            const std::uint32_t trips = hi;
            while (lo < hi) {  // departures are sorted at every position (FIFO)
                const std::uint32_t mid = (lo + hi) / 2;
                if (leaves(mid) - lead < first)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (std::uint32_t t = lo; t < trips && leaves(t) - lead < end; ++t)
                search[static_cast<std::size_t>((leaves(t) - lead - first) / 60)] = 1;
        }
    }
}

/// The points each stop is walked to from: access_stops turned around (CSR by stop).
class WalkersByStop {
public:
    WalkersByStop(std::span<const std::vector<StopWalk>> access, std::size_t stop_count) : m_first(stop_count + 1, 0) {
        for (const auto& stops : access)
            for (const StopWalk& w : stops) ++m_first[w.stop.value() + 1];
        for (std::size_t s = 0; s < stop_count; ++s) m_first[s + 1] += m_first[s];
        m_walkers.resize(m_first.back());
        std::vector<std::uint32_t> next(m_first.begin(), m_first.end() - 1);
        for (std::uint32_t p = 0; p < access.size(); ++p)
            for (const StopWalk& w : access[p]) m_walkers[next[w.stop.value()]++] = {p, w.time.value()};
    }
    /// (point, seconds walked) of the stop.
    [[nodiscard]] std::span<const std::pair<std::uint32_t, std::int32_t>> at(std::uint32_t stop) const {
        return std::span(m_walkers).subspan(m_first[stop], m_first[stop + 1] - m_first[stop]);
    }

private:
    std::vector<std::uint32_t> m_first;
    std::vector<std::pair<std::uint32_t, std::int32_t>> m_walkers;
};

}  // namespace

std::vector<std::vector<StopWalk>> access_stops(const TransitNetwork& net, std::span<const Snap> points,
                                                unsigned threads, network::Direction direction) {
    const double speed = net.options.walk_speed_kmh / 3.6;
    const geo::PointIndex stop_index = stop_index_of(net);
    std::vector<std::vector<StopWalk>> out(points.size());
    JobQueue jobs(points.size());
    run_workers(worker_count(threads, points.size()), [&](unsigned /*worker*/) {
        WalkSearch search(*net.streets);
        const EffortDm limit = network::effort_of_metres(net.options.max_walk_to_stop_m);
        while (const auto job = jobs.next()) {
            if (points[*job].status != SnapStatus::TooFar) {
                search.run(points[*job], limit, direction);
                out[*job] = stops_near(net, search, points[*job].on_edge, stop_index, speed);
            }
            jobs.finished();
        }
    });
    return out;
}

TravelTimeMatrix transit_matrix(const TransitNetwork& net, std::span<const Snap> origins,
                                std::span<const Snap> destinations, const TransitMatrixOptions& options,
                                const ProgressCallback& progress, std::vector<std::vector<RouteId>>* routes_used) {
    if (routes_used != nullptr) routes_used->assign(origins.size(), {});
    const network::WalkNetwork& streets = *net.streets;
    const double speed = net.options.walk_speed_kmh / 3.6;
    const std::int32_t max_s = options.raptor.max_duration.value();
    const auto minutes = static_cast<std::size_t>(options.window_minutes);
    const std::size_t nd = destinations.size();

    const geo::PointIndex stop_index = stop_index_of(net);
    // Stops near each destination, turned around: for each stop, the destinations it serves.
    struct Egress {
        std::uint32_t destination;
        std::int32_t walk;  ///< seconds
    };
    std::vector<std::uint32_t> egress_first(net.timetable->stop_count() + 1, 0);  // CSR by stop
    std::vector<Egress> egress;
    {
        std::vector<std::vector<Egress>> by_stop(net.timetable->stop_count());
        const auto near = access_stops(net, destinations, options.threads, network::Direction::To);
        for (std::uint32_t d = 0; d < nd; ++d)
            for (const StopWalk& w : near[d]) by_stop[w.stop.value()].push_back({d, w.time.value()});
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
        RangeRaptor raptor(net, options.raptor, routes_used != nullptr);
        std::vector<double> walk_only(nd);  // seconds, unrounded: as the walk matrix reports them
        std::vector<std::int32_t> arrival(nd);
        // Each destination's arrival changes at few of the minutes: keep the changes, not a full
        // minutes x destinations table (minute, arrival from that minute on, latest minute first).
        std::vector<std::vector<std::pair<std::uint16_t, std::int32_t>>> changes(nd);
        std::vector<std::uint32_t> changed;
        std::vector<float> times(minutes);
        std::vector<std::uint8_t> to_search;
        std::vector<std::uint8_t> is_used(routes_used != nullptr ? net.timetable->route_count() : 0, 0);
        std::vector<RouteId> used;
        std::vector<std::uint32_t> arrived_now;  // destinations whose arrival this minute changed
        std::vector<std::uint32_t> last_stop(routes_used != nullptr ? nd : 0);  // where it was alighted
        std::vector<std::uint32_t> stop_counted(routes_used != nullptr ? net.timetable->stop_count() : 0, 0);
        // The journeys behind the changes: per destination parallel to its changes, an index into
        // journey_first (the routes of journey j are journey_routes[journey_first[j] ..
        // journey_first[j + 1])), or kNoJourney where the bus does not beat walking.
        constexpr std::uint32_t kNoJourney = UINT32_MAX;
        std::vector<std::vector<std::uint32_t>> journey_of(routes_used != nullptr ? nd : 0);
        std::vector<std::uint32_t> journey_first{0};
        std::vector<RouteId> journey_routes;
        std::vector<std::uint32_t> stop_journey(stop_counted.size());
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
                std::fill(stop_counted.begin(), stop_counted.end(), 0);
                journey_first.assign(1, 0);
                journey_routes.clear();
                for (const std::uint32_t d : changed) {
                    changes[d].clear();
                    if (routes_used != nullptr) journey_of[d].clear();
                }
                changed.clear();
                if (!access.empty()) minutes_to_search(net, access, options.departure.value(), minutes, to_search);
                for (std::size_t m = access.empty() ? 0 : minutes; m-- > 0;) {
                    if (!to_search[m]) continue;  // the minute after's journeys, and no other
                    const std::int32_t t0 = options.departure.value() + static_cast<std::int32_t>(m) * 60;
                    raptor.run_departure(Seconds(t0), access);
                    for (const std::uint32_t s : raptor.improved()) {
                        const std::int32_t at_stop = raptor.vehicle_arrival(StopId(s));
                        for (std::uint32_t k = egress_first[s]; k < egress_first[s + 1]; ++k) {
                            const std::uint32_t d = egress[k].destination;
                            if (at_stop + egress[k].walk >= arrival[d]) continue;
                            arrival[d] = at_stop + egress[k].walk;
                            if (routes_used != nullptr) last_stop[d] = s;
                            if (changes[d].empty()) changed.push_back(d);
                            if (!changes[d].empty() && changes[d].back().first == m) {
                                changes[d].back().second = arrival[d];
                            } else {
                                changes[d].emplace_back(static_cast<std::uint16_t>(m), arrival[d]);
                                if (routes_used != nullptr) arrived_now.push_back(d);
                            }
                        }
                    }
                    // The routes of the journeys behind this minute's new arrivals, where the bus
                    // beats walking within the limit.
                    for (const std::uint32_t d : arrived_now) {
                        const double by_bus = arrival[d] - t0;
                        const std::uint32_t s = last_stop[d];
                        if (by_bus >= walk_only[d] || by_bus > max_s) {
                            journey_of[d].push_back(kNoJourney);
                            continue;
                        }
                        if (stop_counted[s] != m + 1) {
                            stop_counted[s] = static_cast<std::uint32_t>(m + 1);
                            stop_journey[s] = static_cast<std::uint32_t>(journey_first.size() - 1);
                            raptor.routes_to(StopId(s), journey_routes);
                            journey_first.push_back(static_cast<std::uint32_t>(journey_routes.size()));
                        }
                        journey_of[d].push_back(stop_journey[s]);
                    }
                    arrived_now.clear();
                }
                for (std::uint32_t d = 0; d < nd; ++d) {
                    if (walk_only[d] > max_s && changes[d].empty()) continue;  // nothing within the limit
                    if (changes[d].empty()) {  // on foot at every minute: every percentile is the walk
                        row.seconds.insert(row.seconds.end(), options.percentiles.size(), static_cast<float>(walk_only[d]));
                        row.destination.push_back(d);
                        continue;
                    }
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
                    if (!summarise(times, options.percentiles, row.seconds)) continue;
                    row.destination.push_back(d);
                    if (routes_used == nullptr) continue;
                    // A journey counts where it is in force at a minute whose time is at most the
                    // highest percentile: dropping a route raises only the times of the minutes
                    // its journeys are in force, and raising times above a percentile leaves it.
                    float bound = 0;
                    for (std::size_t p = row.seconds.size() - options.percentiles.size(); p < row.seconds.size(); ++p)
                        bound = std::isnan(row.seconds[p]) ? static_cast<float>(max_s) : std::max(bound, row.seconds[p]);
                    for (std::size_t c = 0; c < changes[d].size(); ++c) {
                        const std::uint32_t j = journey_of[d][c];
                        const std::int32_t t0 = options.departure.value() + changes[d][c].first * 60;
                        if (j == kNoJourney || changes[d][c].second - t0 > bound) continue;  // its latest minute is its fastest
                        for (std::uint32_t k = journey_first[j]; k < journey_first[j + 1]; ++k)
                            if (!is_used[journey_routes[k].value()]) {
                                is_used[journey_routes[k].value()] = 1;
                                used.push_back(journey_routes[k]);
                            }
                    }
                }
                if (routes_used != nullptr) {
                    std::sort(used.begin(), used.end());
                    for (const RouteId r : used) is_used[r.value()] = 0;
                    (*routes_used)[o] = used;
                    used.clear();
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

TravelTimeMatrix transit_times_to(const TransitNetwork& net, std::span<const Snap> origins,
                                  std::span<const std::vector<StopWalk>> access, const Snap& destination,
                                  const TransitMatrixOptions& options, const ProgressCallback& progress) {
    TravelTimeMatrix m;
    m.percentiles = options.percentiles;
    if (destination.status == SnapStatus::TooFar) {
        m.row_begin.assign(origins.size() + 1, 0);
        return m;
    }
    const Timetable& tt = *net.timetable;
    const double speed = net.options.walk_speed_kmh / 3.6;
    const std::int32_t max_s = options.raptor.max_duration.value();
    const std::int32_t first = options.departure.value();
    const std::int32_t last = first + (options.window_minutes - 1) * 60;

    // Walking all the way, and the stops the destination is walked to from, by one search.
    WalkSearch search(*net.streets);
    search.run(destination, network::effort_in(max_s, speed), network::Direction::To);
    const std::vector<StopWalk> egress = stops_near(net, search, destination.on_edge, stop_index_of(net), speed);

    // Every time a journey can arrive: off a vehicle at a stop near the destination, then the
    // walk, within reach of some departure of the window.
    std::vector<std::int32_t> deadlines;
    for (const StopWalk& w : egress) {
        const auto routes = tt.routes_at(w.stop);
        const auto positions = tt.positions_at(w.stop);
        for (std::size_t k = 0; k < routes.size(); ++k) {
            if (!(tt.stop_flags_of(routes[k])[positions[k]] & kAlighting)) continue;
            const std::uint32_t first_trip = tt.first_trip_of(routes[k]).value();
            for (std::uint32_t t = 0; t < tt.trip_count_of(routes[k]); ++t) {
                const std::int32_t at = tt.arrival_at(TripId(first_trip + t), positions[k]).value() + w.time.value();
                if (at > first && at <= last + max_s) deadlines.push_back(at);
            }
        }
    }
    std::sort(deadlines.begin(), deadlines.end());
    deadlines.erase(std::unique(deadlines.begin(), deadlines.end()), deadlines.end());

    const WalkersByStop by_stop(access, tt.stop_count());

    // Deadlines from the earliest: each origin's latest departure only grows, one step per
    // deadline that moves it (deadline, latest departure).
    std::vector<std::vector<std::pair<std::int32_t, std::int32_t>>> steps(origins.size());
    std::vector<std::int32_t> latest(origins.size(), ReverseRaptor::kUnreached);
    ReverseRaptor raptor(net, options.raptor);
    raptor.reset();
    for (std::size_t i = 0; i < deadlines.size(); ++i) {
        if (progress && i % 64 == 0) progress({"transit times to one place", i, deadlines.size()});
        raptor.run_deadline(Seconds(deadlines[i]), egress, options.departure);
        for (const std::uint32_t s : raptor.improved()) {
            const std::int32_t at_stop = raptor.latest_departure(StopId(s));
            for (const auto& [o, walk] : by_stop.at(s)) {
                const std::int32_t leave = at_stop - walk;
                if (leave <= latest[o] || leave < first) continue;
                latest[o] = leave;
                if (!steps[o].empty() && steps[o].back().first == deadlines[i])
                    steps[o].back().second = leave;
                else
                    steps[o].emplace_back(deadlines[i], leave);
            }
        }
    }

    const auto minutes = static_cast<std::size_t>(options.window_minutes);
    std::vector<float> times(minutes);
    std::vector<std::uint32_t> destination_of;
    std::vector<float> seconds;
    for (std::uint32_t o = 0; o < origins.size(); ++o) {
        destination_of.clear();
        seconds.clear();
        double walk_only = std::numeric_limits<double>::infinity();
        if (origins[o].status != SnapStatus::TooFar)
            if (const EffortDm e = search.effort_to(origins[o]); e != network::kUnreached)
                walk_only = network::seconds_for(e, speed);
        if (walk_only <= max_s || !steps[o].empty()) {
            // The earliest arrival leaving at t0: the first step whose departure is t0 or later.
            std::size_t step = 0;
            for (std::size_t k = 0; k < minutes; ++k) {
                const std::int32_t t0 = first + static_cast<std::int32_t>(k) * 60;
                while (step < steps[o].size() && steps[o][step].second < t0) ++step;
                const double by_bus = step < steps[o].size() ? steps[o][step].first - t0
                                                             : std::numeric_limits<double>::infinity();
                const double t = std::min(walk_only, by_bus);
                times[k] = t <= max_s ? static_cast<float>(t) : kNone;
            }
            if (summarise(times, options.percentiles, seconds)) destination_of.push_back(0);
        }
        m.add_row(destination_of, seconds);
    }
    return m;
}

TravelTimeMatrix transit_matrix_arrive_by(const TransitNetwork& net, std::span<const Snap> origins,
                                          std::span<const Snap> destinations, const ArriveByOptions& options,
                                          const ProgressCallback& progress, std::span<const std::vector<StopWalk>> access) {
    const double speed = net.options.walk_speed_kmh / 3.6;
    const std::int32_t max_s = options.raptor.max_duration.value();
    const auto minutes = static_cast<std::size_t>(options.window_minutes);
    const std::int32_t first = options.arrive_by.value() - (options.window_minutes - 1) * 60;
    const std::size_t no = origins.size();
    std::vector<std::vector<StopWalk>> own_access;
    if (access.empty()) {
        own_access = access_stops(net, origins, options.threads);
        access = own_access;
    }
    const WalkersByStop by_stop(access, net.timetable->stop_count());
    const geo::PointIndex stop_index = stop_index_of(net);

    struct Column {
        std::vector<std::uint32_t> origin;
        std::vector<float> seconds;
    };
    std::vector<Column> columns(destinations.size());
    JobQueue jobs(destinations.size(), progress, "arrive-by matrix", 16);
    run_workers(worker_count(options.threads, destinations.size()), [&](unsigned /*worker*/) {
        WalkSearch search(*net.streets);
        ReverseRaptor raptor(net, options.raptor);
        std::vector<double> walk_only(no);
        std::vector<std::int32_t> latest(no);   // the latest departure from each origin by bus so far
        std::vector<float> times(no * minutes);  // per origin, per deadline
        std::vector<float> one(minutes);
        while (const auto job = jobs.next()) {
            const std::size_t d = *job;
            if (destinations[d].status != SnapStatus::TooFar) {
                // Walking all the way, and the stops the destination is walked to from (towards it).
                search.run(destinations[d], network::effort_in(max_s, speed), network::Direction::To);
                for (std::size_t o = 0; o < no; ++o) {
                    const EffortDm e = origins[o].status == SnapStatus::TooFar ? network::kUnreached
                                                                                : search.effort_to(origins[o]);
                    walk_only[o] = e == network::kUnreached ? std::numeric_limits<double>::infinity()
                                                            : network::seconds_for(e, speed);
                }
                const std::vector<StopWalk> egress = stops_near(net, search, destinations[d].on_edge, stop_index, speed);
                raptor.reset();
                std::fill(latest.begin(), latest.end(), ReverseRaptor::kUnreached);
                // Deadlines from the earliest: each origin's latest departure only grows.
                for (std::size_t k = 0; k < minutes; ++k) {
                    const std::int32_t deadline = first + static_cast<std::int32_t>(k) * 60;
                    if (!egress.empty()) {
                        raptor.run_deadline(Seconds(deadline), egress, Seconds(first - max_s));
                        for (const std::uint32_t s : raptor.improved()) {
                            const std::int32_t at_stop = raptor.latest_departure(StopId(s));
                            for (const auto& [o, walk] : by_stop.at(s)) latest[o] = std::max(latest[o], at_stop - walk);
                        }
                    }
                    for (std::size_t o = 0; o < no; ++o) {
                        const double by_bus = latest[o] == ReverseRaptor::kUnreached
                                                  ? std::numeric_limits<double>::infinity()
                                                  : static_cast<double>(deadline - latest[o]);
                        const double t = std::min(walk_only[o], by_bus);
                        times[o * minutes + k] = t <= max_s ? static_cast<float>(t) : kNone;
                    }
                }
                Column& column = columns[d];
                for (std::uint32_t o = 0; o < no; ++o) {
                    std::copy_n(times.begin() + static_cast<std::ptrdiff_t>(o * minutes), minutes, one.begin());
                    if (summarise(one, options.percentiles, column.seconds)) column.origin.push_back(o);
                }
            }
            jobs.finished();
        }
    });

    // Columns into rows: origin by origin, destinations in order.
    const std::size_t np = options.percentiles.size();
    std::vector<std::vector<std::pair<std::uint32_t, std::size_t>>> entries(no);  // (destination, column entry)
    for (std::uint32_t d = 0; d < columns.size(); ++d)
        for (std::size_t e = 0; e < columns[d].origin.size(); ++e) entries[columns[d].origin[e]].emplace_back(d, e);
    TravelTimeMatrix m;
    m.percentiles = options.percentiles;
    std::vector<std::uint32_t> row_destinations;
    std::vector<float> row_seconds;
    for (std::size_t o = 0; o < no; ++o) {
        row_destinations.clear();
        row_seconds.clear();
        for (const auto& [d, e] : entries[o]) {
            row_destinations.push_back(d);
            const auto at = columns[d].seconds.begin() + static_cast<std::ptrdiff_t>(e * np);
            row_seconds.insert(row_seconds.end(), at, at + static_cast<std::ptrdiff_t>(np));
        }
        m.add_row(row_destinations, row_seconds);
    }
    return m;
}

}  // namespace needmap::analysis::transit
