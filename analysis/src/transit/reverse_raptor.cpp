#include "needmap/analysis/transit/raptor.hpp"

#include <algorithm>

namespace needmap::analysis::transit {

ReverseRaptor::ReverseRaptor(const TransitNetwork& network, const RaptorOptions& options)
    : m_network(network),
      m_tt(*network.timetable),
      m_options(options),
      m_stops(m_tt.stop_count()),
      m_transfer_first(m_stops + 1, 0),
      m_alight(static_cast<std::size_t>(options.max_rides) * m_stops, kUnreached),
      m_board(static_cast<std::size_t>(options.max_rides) * m_stops, kUnreached),
      m_best(m_stops, kUnreached),
      m_marked(m_stops, 0),
      m_route_to(m_tt.route_count(), UINT32_MAX),
      m_is_improved(m_stops, 0) {
    // The network lists transfers by the stop they leave; this search follows them into a stop.
    for (const StopWalk& w : network.transfers) ++m_transfer_first[w.stop.value() + 1];
    for (std::size_t s = 0; s < m_stops; ++s) m_transfer_first[s + 1] += m_transfer_first[s];
    m_transfers_to.resize(network.transfers.size());
    std::vector<std::uint32_t> next(m_transfer_first.begin(), m_transfer_first.end() - 1);
    for (std::uint32_t from = 0; from < m_stops; ++from)
        for (const StopWalk& w : network.transfers_from(StopId(from)))
            m_transfers_to[next[w.stop.value()]++] = {StopId(from), w.time};
}

void ReverseRaptor::reset() {
    std::fill(m_alight.begin(), m_alight.end(), kUnreached);
    std::fill(m_board.begin(), m_board.end(), kUnreached);
    std::fill(m_best.begin(), m_best.end(), kUnreached);
}

void ReverseRaptor::mark(std::uint32_t stop) {
    if (!m_marked[stop]) {
        m_marked[stop] = 1;
        m_next_marked.push_back(stop);
    }
}

void ReverseRaptor::scan_route(RouteId r, std::uint32_t to, int round, std::int32_t earliest) {
    const auto stops = m_tt.stops_of(r);
    const auto flags = m_tt.stop_flags_of(r);
    const std::uint32_t first_trip = m_tt.first_trip_of(r).value();
    const auto trips = static_cast<std::uint32_t>(m_tt.trip_count_of(r));
    const std::int32_t* target = alight(round);
    std::int32_t* boarding = board(round);
    const std::int32_t slack = m_network.options.board_slack.value();
    constexpr std::uint32_t kNone = UINT32_MAX;
    std::uint32_t trip = kNone;  // the latest trip that still gets there in time
    for (std::uint32_t i = to + 1; i-- > 0;) {
        const std::uint32_t s = stops[i].value();
        if (trip != kNone && (flags[i] & kBoarding)) {
            const std::int32_t ready = m_tt.departure_at(TripId(first_trip + trip), i).value() - slack;
            bool dominated = ready < earliest || ready <= boarding[s];
            for (int k = 1; k < round && !dominated; ++k) dominated = ready <= board(k)[s];  // fewer rides
            if (!dominated) {
                boarding[s] = ready;
                m_boarded.emplace_back(s, ready);
                if (ready > m_best[s]) {
                    m_best[s] = ready;
                    if (!m_is_improved[s]) {
                        m_is_improved[s] = 1;
                        m_improved.push_back(s);
                    }
                }
            }
        }
        // Can a later trip be left here in time?
        if (!(flags[i] & kAlighting) || target[s] == kUnreached) continue;
        const std::uint32_t lo = trip == kNone ? 0 : trip + 1;
        if (lo >= trips || m_tt.arrival_at(TripId(first_trip + lo), i).value() > target[s]) continue;
        // The latest trip arriving by the target: trips never overtake, so arrivals at every
        // position are sorted.
        std::uint32_t a = lo;
        std::uint32_t b = trips;  // arrival(a) <= target < arrival(b)
        while (b - a > 1) {
            const std::uint32_t mid = a + (b - a) / 2;
            if (m_tt.arrival_at(TripId(first_trip + mid), i).value() <= target[s])
                a = mid;
            else
                b = mid;
        }
        trip = a;
    }
}

void ReverseRaptor::run_deadline(Seconds deadline, std::span<const StopWalk> egress, Seconds earliest) {
    for (const std::uint32_t s : m_improved) m_is_improved[s] = 0;
    m_improved.clear();
    const std::int32_t t_min = earliest.value();

    // The last ride: off the vehicle in time to walk to the destination.
    m_next_marked.clear();
    std::int32_t* last = alight(1);
    for (const StopWalk& w : egress) {
        const std::uint32_t s = w.stop.value();
        const std::int32_t latest = deadline.value() - w.time.value();
        if (latest <= last[s] || latest < t_min) continue;
        last[s] = latest;
        mark(s);
    }
    for (int round = 1; round <= m_options.max_rides && !m_next_marked.empty(); ++round) {
        m_marked_list.swap(m_next_marked);
        m_next_marked.clear();
        // Routes through the stops marked for this round, up to the last marked position.
        m_routes.clear();
        for (const std::uint32_t s : m_marked_list) {
            m_marked[s] = 0;
            const auto routes = m_tt.routes_at(StopId(s));
            const auto positions = m_tt.positions_at(StopId(s));
            for (std::size_t k = 0; k < routes.size(); ++k) {
                const std::uint32_t r = routes[k].value();
                if (m_route_to[r] == UINT32_MAX) {
                    m_routes.push_back(r);
                    m_route_to[r] = positions[k];
                } else {
                    m_route_to[r] = std::max(m_route_to[r], positions[k]);
                }
            }
        }
        m_boarded.clear();
        for (const std::uint32_t r : m_routes) {
            scan_route(RouteId(r), m_route_to[r], round, t_min);
            m_route_to[r] = UINT32_MAX;
        }
        if (round == m_options.max_rides) break;
        // The ride before: off a vehicle at the boarding stop itself, or at a stop one walking
        // transfer away.
        std::int32_t* before = alight(round + 1);
        const std::int32_t* boarding = board(round);
        for (const auto& [s, ready] : m_boarded) {
            if (ready != boarding[s]) continue;  // bettered later in this round
            if (ready > before[s]) {
                before[s] = ready;
                mark(s);
            }
            for (std::uint32_t k = m_transfer_first[s]; k < m_transfer_first[s + 1]; ++k) {
                const std::uint32_t v = m_transfers_to[k].stop.value();
                const std::int32_t latest = ready - m_transfers_to[k].time.value();
                if (latest <= before[v] || latest < t_min) continue;
                before[v] = latest;
                mark(v);
            }
        }
    }
    for (const std::uint32_t s : m_next_marked) m_marked[s] = 0;
    m_next_marked.clear();
}

}  // namespace needmap::analysis::transit
