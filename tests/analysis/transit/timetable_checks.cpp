#include "timetable_checks.hpp"

#include <catch2/catch.hpp>

namespace needmap::test {

using namespace needmap::analysis;
using namespace needmap::analysis::transit;

void check_timetable_layout(const Timetable& tt) {
    const std::size_t stops = tt.stop_count();
    REQUIRE(tt.stop_names.size() == stops);
    REQUIRE(tt.stop_points.size() == stops);
    REQUIRE(tt.stop_station.size() == stops);
    REQUIRE(tt.route_stop_first.size() == tt.route_count() + 1);
    REQUIRE(tt.route_trip_first.size() == tt.route_count() + 1);
    REQUIRE(tt.route_names.size() == tt.route_count());
    REQUIRE(tt.route_types.size() == tt.route_count());
    REQUIRE(tt.route_stops.size() == tt.route_stop_first.back());
    REQUIRE(tt.route_stop_flags.size() == tt.route_stops.size());
    REQUIRE(tt.trip_first_event.size() == tt.trip_count() + 1);
    REQUIRE(tt.trip_gtfs_ids.size() == tt.trip_count());
    REQUIRE(tt.trip_previous_day.size() == tt.trip_count());
    REQUIRE(tt.route_trip_first.back() == tt.trip_count());
    REQUIRE(tt.arrival.size() == tt.trip_first_event.back());
    REQUIRE(tt.departure.size() == tt.arrival.size());
    REQUIRE(tt.stop_route_first.size() == stops + 1);
    REQUIRE(tt.stop_routes.size() == tt.route_stops.size());
    REQUIRE(tt.stop_route_positions.size() == tt.route_stops.size());
    REQUIRE(tt.stop_transfer_first.size() == stops + 1);
    REQUIRE(tt.stop_transfers.size() == tt.stop_transfer_first.back());

    for (std::uint32_t r = 0; r < tt.route_count(); ++r) {
        const RouteId route(r);
        const std::size_t n = tt.stop_count_of(route);
        REQUIRE(n >= 2);
        REQUIRE(tt.trip_count_of(route) >= 1);
        for (const StopId s : tt.stops_of(route)) REQUIRE(s.value() < stops);
        const std::uint32_t first = tt.first_trip_of(route).value();
        for (std::uint32_t t = first; t < first + tt.trip_count_of(route); ++t) {
            const TripId trip(t);
            REQUIRE(tt.trip_route[t] == route);
            REQUIRE(tt.trip_first_event[t + 1] - tt.trip_first_event[t] == n);
            for (std::size_t i = 0; i < n; ++i) {
                REQUIRE(tt.arrival_at(trip, i) <= tt.departure_at(trip, i));
                if (i > 0) REQUIRE(tt.departure_at(trip, i - 1) <= tt.arrival_at(trip, i));
                if (t > first) {
                    // FIFO: no trip is earlier than the one before it at any stop.
                    REQUIRE(tt.arrival_at(TripId(t - 1), i) <= tt.arrival_at(trip, i));
                    REQUIRE(tt.departure_at(TripId(t - 1), i) <= tt.departure_at(trip, i));
                }
            }
        }
    }
    for (std::uint32_t s = 0; s < stops; ++s) {
        const StopId stop(s);
        const auto routes = tt.routes_at(stop);
        const auto positions = tt.positions_at(stop);
        for (std::size_t k = 0; k < routes.size(); ++k) {
            REQUIRE(tt.stops_of(routes[k])[positions[k]] == stop);
            if (k > 0) REQUIRE(std::pair(routes[k - 1], positions[k - 1]) < std::pair(routes[k], positions[k]));
        }
        for (const StopTransfer& t : tt.transfers_from(stop)) REQUIRE(t.to.value() < stops);
    }
}

std::string render_timetable(const Timetable& tt) {
    std::string out;
    for (std::uint32_t r = 0; r < tt.route_count(); ++r) {
        const RouteId route(r);
        out += "route " + std::to_string(r) + " " + tt.route_gtfs_ids[r] + ":";
        for (const StopId s : tt.stops_of(route)) out += " " + tt.stop_ids[s.value()];
        out += "\n";
        const std::uint32_t first = tt.first_trip_of(route).value();
        for (std::uint32_t t = first; t < first + tt.trip_count_of(route); ++t) {
            out += "  " + tt.trip_gtfs_ids[t] + (tt.trip_previous_day[t] != 0 ? " (day before)" : "") + ":";
            for (std::size_t i = 0; i < tt.stop_count_of(route); ++i) {
                const Seconds a = tt.arrival_at(TripId(t), i);
                const Seconds d = tt.departure_at(TripId(t), i);
                out += " " + format_gtfs_time(a) + (a == d ? "" : "/" + format_gtfs_time(d));
            }
            out += "\n";
        }
    }
    return out;
}

}  // namespace needmap::test
