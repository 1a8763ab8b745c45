#pragma once

// Range RAPTOR (Delling, Pajor and Werneck 2012, "Round-Based Public Transit Routing", §4): the
// earliest arrival at every stop for every departure minute of a window, running the departures
// from the latest to the earliest and keeping the labels, which stay valid for earlier departures.
// And the same search turned around: towards one destination, the latest departure from every
// stop for a rising series of arrival deadlines.

#include "needmap/analysis/transit/transit_network.hpp"

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace needmap::analysis::transit {

struct RaptorOptions {
    int max_rides = 3;           ///< vehicles boarded at most (r5r's max_rides); transfers = rides - 1
    Seconds max_duration{7200};  ///< arrivals later than departure + this are pruned
};

/// Search state for one origin at a time; one per thread. Labels are kept per round (rides
/// used), so a label of a later departure never hides a journey with fewer rides.
class RangeRaptor {
public:
    /// Without `track_routes`, routes_to() is not available and the search keeps no parents.
    RangeRaptor(const TransitNetwork& network, const RaptorOptions& options, bool track_routes = true);

    /// Starts a new origin: forgets every label.
    void reset();

    /// One departure of the range. Call with departures in decreasing order after reset().
    /// `access` are the stops walked to from the origin. Afterwards, for every stop, the earliest
    /// arrival of any departure at or after `departure` with at most max_rides rides (a later
    /// departure can always be waited for), and improved() lists the stops whose arrival by
    /// vehicle this call made earlier.
    void run_departure(Seconds departure, std::span<const StopWalk> access);

    /// Earliest arrival at the stop, on foot (a transfer walk or the walk from the origin) or by
    /// vehicle; kUnreached when not reached. Seconds since midnight.
    [[nodiscard]] std::int32_t best_arrival(StopId s) const { return m_best[s.value()]; }
    /// Earliest arrival at the stop off a vehicle: where a walk to the destination may start.
    [[nodiscard]] std::int32_t vehicle_arrival(StopId s) const { return m_best_vehicle[s.value()]; }
    [[nodiscard]] std::span<const std::uint32_t> improved() const { return m_improved; }
    /// Appends the routes ridden by a journey that reaches the stop by vehicle at
    /// vehicle_arrival(), from the last ride to the first (nothing when it is not reached).
    void routes_to(StopId s, std::vector<RouteId>& out) const;
    static constexpr std::int32_t kUnreached = INT32_MAX / 2;

private:
    /// How a label was reached: off `route`, boarded at stop `from` (from the label of the round
    /// before there), or (route kWalked) on foot from the arrival by vehicle at `from`.
    struct Parent {
        std::uint32_t route = 0;
        std::uint32_t from = 0;
    };
    static constexpr std::uint32_t kWalked = UINT32_MAX;

    /// The index of a stop's label of `round`: a stop's rounds lie side by side.
    [[nodiscard]] std::size_t slot(std::uint32_t stop, int round) const {
        return static_cast<std::size_t>(stop) * static_cast<std::size_t>(m_options.max_rides + 1) +
               static_cast<std::size_t>(round);
    }
    void scan_route(RouteId r, std::uint32_t from, int round, std::int32_t limit);
    /// Sets the label of `labels` (m_tau or m_vehicle) at the stop in `round` and every later
    /// round it betters, with its parent; false, changing nothing, when the label of `round` is
    /// as early already.
    bool improve(std::vector<std::int32_t>& labels, std::vector<Parent>* parents, std::uint32_t stop,
                 std::int32_t arrival, int round, Parent parent);
    /// Marks a stop reached in `round` for the next round's route scans.
    void mark(std::uint32_t stop);

    const TransitNetwork& m_network;
    const Timetable& m_tt;
    RaptorOptions m_options;
    std::size_t m_stops;
    /// Labels per stop and round (slot()): the arrival with at most k rides, on foot or by vehicle.
    std::vector<std::int32_t> m_tau;
    std::vector<std::int32_t> m_vehicle;       ///< the same, off a vehicle
    std::vector<Parent> m_tau_parent;          ///< per m_tau label; empty without track_routes
    std::vector<Parent> m_vehicle_parent;      ///< per m_vehicle label; empty without track_routes
    std::vector<std::int32_t> m_best;          ///< over all rounds, on foot or by vehicle
    std::vector<std::int32_t> m_best_vehicle;  ///< over all rounds, off a vehicle
    std::vector<std::uint8_t> m_best_vehicle_round;  ///< the round of m_best_vehicle
    std::vector<std::uint8_t> m_marked;
    std::vector<std::uint32_t> m_marked_list;
    std::vector<std::uint32_t> m_next_marked;
    /// Stops reached by vehicle in the current round, and when: where transfer walks start.
    std::vector<std::pair<std::uint32_t, std::int32_t>> m_alighted;
    std::vector<std::uint32_t> m_route_from;  ///< first marked position per queued route
    std::vector<std::uint32_t> m_routes;
    std::vector<std::uint8_t> m_is_improved;
    std::vector<std::uint32_t> m_improved;
};

/// Search state for arrive-by searches towards one destination at a time: RangeRaptor with time
/// running backwards. Rides are scanned from the last to the first; a label is the latest time one
/// can stand at a stop (before the boarding slack) and still reach the destination by the deadline.
/// Labels are kept per round (rides used), so a label of a later deadline never hides a journey
/// with fewer rides.
class ReverseRaptor {
public:
    ReverseRaptor(const TransitNetwork& network, const RaptorOptions& options);

    /// Starts a new destination: forgets every label.
    void reset();

    /// One deadline of the range. Call with deadlines in increasing order after reset().
    /// `egress` are the stops from which the destination is walked to; labels before `earliest`
    /// (the first departure that matters) are dropped. Afterwards, for every stop, the latest time
    /// to be there for any deadline up to `deadline` with at most max_rides rides, and improved()
    /// lists the stops whose time this call made later.
    void run_deadline(Seconds deadline, std::span<const StopWalk> egress, Seconds earliest);

    /// Latest time at the stop, ready to board (the board slack allowed for), from which the
    /// destination is reached by the deadline; kUnreached when none. Seconds since midnight.
    [[nodiscard]] std::int32_t latest_departure(StopId s) const { return m_best[s.value()]; }
    [[nodiscard]] std::span<const std::uint32_t> improved() const { return m_improved; }
    static constexpr std::int32_t kUnreached = INT32_MIN / 2;

private:
    void scan_route(RouteId r, std::uint32_t to, int round, std::int32_t earliest);
    void mark(std::uint32_t stop);
    [[nodiscard]] std::int32_t* alight(int round) { return m_alight.data() + static_cast<std::size_t>(round - 1) * m_stops; }
    [[nodiscard]] std::int32_t* board(int round) { return m_board.data() + static_cast<std::size_t>(round - 1) * m_stops; }

    const TransitNetwork& m_network;
    const Timetable& m_tt;
    RaptorOptions m_options;
    std::size_t m_stops;
    /// Walking transfers into each stop (CSR by stop; StopWalk::stop is where the walk starts).
    std::vector<std::uint32_t> m_transfer_first;
    std::vector<StopWalk> m_transfers_to;
    std::vector<std::int32_t> m_alight;  ///< max_rides x stops: latest arrival by vehicle, ride k from the end
    std::vector<std::int32_t> m_board;   ///< max_rides x stops: latest time to board ride k from the end
    std::vector<std::int32_t> m_best;    ///< over all rounds: latest_departure()
    std::vector<std::uint8_t> m_marked;
    std::vector<std::uint32_t> m_marked_list;
    std::vector<std::uint32_t> m_next_marked;
    std::vector<std::pair<std::uint32_t, std::int32_t>> m_boarded;  ///< this round: (stop, time)
    std::vector<std::uint32_t> m_route_to;  ///< last marked position per queued route
    std::vector<std::uint32_t> m_routes;
    std::vector<std::uint8_t> m_is_improved;
    std::vector<std::uint32_t> m_improved;
};

}  // namespace needmap::analysis::transit
