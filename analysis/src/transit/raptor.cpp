#include "needmap/analysis/transit/raptor.hpp"

#include <algorithm>
#include <cassert>

namespace needmap::analysis::transit {

RangeRaptor::RangeRaptor(const TransitNetwork& network, const RaptorOptions& options, bool track_routes)
    : m_network(network),
      m_tt(*network.timetable),
      m_options(options),
      m_stops(m_tt.stop_count()),
      m_tau(static_cast<std::size_t>(options.max_rides + 1) * m_stops, kUnreached),
      m_vehicle(m_tau.size(), kUnreached),
      m_tau_parent(track_routes ? m_tau.size() : 0),
      m_vehicle_parent(track_routes ? m_tau.size() : 0),
      m_best(m_stops, kUnreached),
      m_best_vehicle(m_stops, kUnreached),
      m_best_vehicle_round(m_stops, 0),
      m_marked(m_stops, 0),
      m_route_from(m_tt.route_count(), UINT32_MAX),
      m_is_improved(m_stops, 0) {}

void RangeRaptor::reset() {
    std::fill(m_tau.begin(), m_tau.end(), kUnreached);
    std::fill(m_vehicle.begin(), m_vehicle.end(), kUnreached);
    std::fill(m_best.begin(), m_best.end(), kUnreached);
    std::fill(m_best_vehicle.begin(), m_best_vehicle.end(), kUnreached);
}

void RangeRaptor::routes_to(StopId stop, std::vector<RouteId>& out) const {
    assert(!m_tau_parent.empty() && "routes_to needs track_routes");
    std::uint32_t s = stop.value();
    if (m_best_vehicle[s] >= kUnreached) return;
    int round = m_best_vehicle_round[s];
    Parent p = m_vehicle_parent[slot(s, round)];
    for (;;) {
        out.push_back(RouteId(p.route));
        s = p.from;  // boarded here, from a label of the round before
        if (--round == 0) return;
        p = m_tau_parent[slot(s, round)];
        if (p.route == kWalked) p = m_vehicle_parent[slot(p.from, round)];
    }
}

void RangeRaptor::mark(std::uint32_t stop) {
    if (!m_marked[stop]) {
        m_marked[stop] = 1;
        m_next_marked.push_back(stop);
    }
}

inline bool RangeRaptor::improve(std::vector<std::int32_t>& labels, std::vector<Parent>* parents, std::uint32_t stop,
                          std::int32_t arrival, int round, Parent parent) {
    // Labels never get worse with more rides allowed: a label of `round` also stands for every
    // later round, so one comparison tells whether a label with as many rides or fewer (of this
    // departure or a later one of the range) is as good. A label with more rides never hides one
    // with fewer: it leaves fewer rides for the rest of the way.
    std::size_t at = slot(stop, round);
    if (labels[at] <= arrival) return false;
    for (int k = round; k <= m_options.max_rides && arrival < labels[at]; ++k, ++at) {
        labels[at] = arrival;
        if (parents != nullptr) (*parents)[at] = parent;
    }
    return true;
}

void RangeRaptor::scan_route(RouteId r, std::uint32_t from, int round, std::int32_t limit) {
    const auto stops = m_tt.stops_of(r);
    const auto flags = m_tt.stop_flags_of(r);
    const auto trips = static_cast<std::uint32_t>(m_tt.trip_count_of(r));
    const std::size_t width = stops.size();
    // A route's events form one block, trip after trip: event (t, i) is block[t * width + i].
    const std::size_t block = m_tt.trip_first_event[m_tt.first_trip_of(r).value()];
    const Seconds* departures = m_tt.departure.data() + block;
    const Seconds* arrivals = m_tt.arrival.data() + block;
    const std::int32_t slack = m_network.options.board_slack.value();
    std::vector<Parent>* vehicle_parents = m_vehicle_parent.empty() ? nullptr : &m_vehicle_parent;
    std::vector<Parent>* tau_parents = m_tau_parent.empty() ? nullptr : &m_tau_parent;
    std::uint32_t trip = trips;  // none yet
    std::uint32_t board = 0;     // where `trip` is boarded
    for (std::uint32_t i = from; i < width; ++i) {
        const std::uint32_t s = stops[i].value();
        if (trip < trips && (flags[i] & kAlighting)) {
            const std::int32_t arrival = arrivals[trip * width + i].value();
            if (arrival <= limit) {
                if (arrival < m_best_vehicle[s]) {  // a walk to the destination may start here
                    m_best_vehicle[s] = arrival;
                    m_best_vehicle_round[s] = static_cast<std::uint8_t>(round);
                    if (!m_is_improved[s]) {
                        m_is_improved[s] = 1;
                        m_improved.push_back(s);
                    }
                }
                if (improve(m_vehicle, vehicle_parents, s, arrival, round, {r.value(), board}))
                    m_alighted.emplace_back(s, arrival);  // a walking transfer may start here
                if (improve(m_tau, tau_parents, s, arrival, round, {r.value(), board})) {
                    m_best[s] = std::min(m_best[s], arrival);  // the next ride may start here
                    mark(s);
                }
            }
        }
        // Can an earlier trip be caught here?
        const std::int32_t before = m_tau[slot(s, round - 1)];  // the label boarding starts from
        if (!(flags[i] & kBoarding) || before >= kUnreached) continue;
        const std::int32_t ready = before + slack;
        const auto leaves = [&](std::uint32_t t) { return departures[t * width + i].value(); };
        if (trip < trips) {
            // On a trip already: the earlier ones that can be caught are usually one or two back.
            if (trip == 0 || leaves(trip - 1) < ready) continue;
            std::uint32_t earlier = trip - 1;
            while (earlier > 0 && leaves(earlier - 1) >= ready) --earlier;
            trip = earlier;
            board = s;
            continue;
        }
        // The earliest trip leaving at or after `ready`: trips never overtake, so departures at
        // every position are sorted.
        std::uint32_t lo = 0;
        std::uint32_t hi = trips;
        while (lo < hi) {
            const std::uint32_t mid = (lo + hi) / 2;
            if (leaves(mid) < ready)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < trips) {
            trip = lo;
            board = s;
        }
    }
}

void RangeRaptor::run_departure(Seconds departure, std::span<const StopWalk> access) {
    for (const std::uint32_t s : m_improved) m_is_improved[s] = 0;
    m_improved.clear();
    const std::int32_t t0 = departure.value();
    const std::int32_t limit = t0 + m_options.max_duration.value();

    std::vector<Parent>* tau_parents = m_tau_parent.empty() ? nullptr : &m_tau_parent;

    // Round 0: the walk to the stops.
    m_next_marked.clear();
    for (const StopWalk& w : access) {
        const std::uint32_t s = w.stop.value();
        const std::int32_t arrival = t0 + w.time.value();
        if (arrival > limit || !improve(m_tau, nullptr, s, arrival, 0, {})) continue;
        m_best[s] = std::min(m_best[s], arrival);
        mark(s);
    }
    for (int round = 1; round <= m_options.max_rides && !m_next_marked.empty(); ++round) {
        m_marked_list.swap(m_next_marked);
        m_next_marked.clear();
        // Routes through the stops marked in the last round, from the earliest marked position.
        m_routes.clear();
        for (const std::uint32_t s : m_marked_list) {
            m_marked[s] = 0;
            const auto routes = m_tt.routes_at(StopId(s));
            const auto positions = m_tt.positions_at(StopId(s));
            for (std::size_t k = 0; k < routes.size(); ++k) {
                const std::uint32_t r = routes[k].value();
                if (m_route_from[r] == UINT32_MAX) m_routes.push_back(r);
                m_route_from[r] = std::min(m_route_from[r], positions[k]);
            }
        }
        m_alighted.clear();
        for (const std::uint32_t r : m_routes) {
            scan_route(RouteId(r), m_route_from[r], round, limit);
            m_route_from[r] = UINT32_MAX;
        }
        // One walking transfer after each ride, from the time the vehicle arrived.
        for (const auto& [s, arrived] : m_alighted) {
            if (m_vehicle[slot(s, round)] != arrived) continue;  // bettered later in this round
            for (const StopWalk& w : m_network.transfers_from(StopId(s))) {
                const std::uint32_t u = w.stop.value();
                const std::int32_t arrival = arrived + w.time.value();
                if (arrival > limit || !improve(m_tau, tau_parents, u, arrival, round, {kWalked, s})) continue;
                m_best[u] = std::min(m_best[u], arrival);
                mark(u);
            }
        }
    }
    for (const std::uint32_t s : m_next_marked) m_marked[s] = 0;
    m_next_marked.clear();
}

}  // namespace needmap::analysis::transit
