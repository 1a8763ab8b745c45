// Range RAPTOR against a brute-force search written here, on a real community-bus feed.

#include "needmap/analysis/transit/raptor.hpp"
#include "needmap/analysis/transit/transit.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace needmap;
using namespace needmap::analysis;
using namespace needmap::analysis::transit;

namespace {

constexpr std::int32_t kNever = INT32_MAX / 2;

/// Earliest arrival at every stop leaving `origin` at `t`, with at most `rides` vehicles, by
/// trying every trip at every stop event in every round (the time-expanded graph, searched
/// exhaustively). Walking transfers follow each ride, as in RAPTOR.
std::vector<std::int32_t> brute_force(const TransitNetwork& net, StopId origin, std::int32_t t, int rides) {
    const Timetable& tt = *net.timetable;
    const std::size_t n = tt.stop_count();
    std::vector<std::int32_t> best(n, kNever);
    best[origin.value()] = t;
    std::vector<std::int32_t> previous = best;
    for (int k = 1; k <= rides; ++k) {
        std::vector<std::int32_t> by_vehicle(n, kNever);
        for (std::uint32_t trip = 0; trip < tt.trip_count(); ++trip) {
            const RouteId r = tt.trip_route[trip];
            const auto stops = tt.stops_of(r);
            const auto flags = tt.stop_flags_of(r);
            bool aboard = false;
            for (std::size_t i = 0; i < stops.size(); ++i) {
                const std::uint32_t s = stops[i].value();
                if (aboard && (flags[i] & kAlighting))
                    by_vehicle[s] = std::min(by_vehicle[s], tt.arrival_at(TripId(trip), i).value());
                if (!aboard && (flags[i] & kBoarding) && previous[s] < kNever &&
                    previous[s] + net.options.board_slack.value() <= tt.departure_at(TripId(trip), i).value())
                    aboard = true;
            }
        }
        std::vector<std::int32_t> next = previous;
        for (std::size_t s = 0; s < n; ++s) next[s] = std::min(next[s], by_vehicle[s]);
        for (std::size_t s = 0; s < n; ++s) {
            if (by_vehicle[s] >= kNever) continue;
            for (const StopWalk& w : net.transfers_from(StopId(static_cast<std::uint32_t>(s))))
                next[w.stop.value()] = std::min(next[w.stop.value()], by_vehicle[s] + w.time.value());
        }
        previous = next;
    }
    return previous;
}

/// Transfers between stops within 400 m as the crow flies, at 1 m/s: the same footpaths for both
/// searches (this test is about the timetable search, not the streets).
TransitNetwork straight_line_network(const Timetable& tt) {
    TransitNetwork net;
    net.timetable = &tt;
    net.transfer_first.assign(1, 0);
    for (std::uint32_t s = 0; s < tt.stop_count(); ++s) {
        for (std::uint32_t u = 0; u < tt.stop_count(); ++u) {
            if (u == s) continue;
            const double dy = (tt.stop_points[u].y - tt.stop_points[s].y) * 111'320.0;
            const double dx = (tt.stop_points[u].x - tt.stop_points[s].x) * 111'320.0 *
                              std::cos(tt.stop_points[s].y * 3.14159265358979 / 180.0);
            const double d = std::hypot(dx, dy);
            if (d <= 400) net.transfers.push_back({StopId(u), Seconds(static_cast<std::int32_t>(std::lround(d)))});
        }
        net.transfer_first.push_back(static_cast<std::uint32_t>(net.transfers.size()));
    }
    return net;
}

}  // namespace

TEST_CASE("粕屋町 ふれあいバス: range RAPTOR gives the brute-force earliest arrivals, minute by minute",
          "[realdata][transit]") {
    NEEDMAP_SHARED_DATA(dir, "gtfs-jp");
    const std::vector<Feed> feeds{load_feed(dir / "403491_fureaibus_gtfs_20190401.zip")};
    DayReport day;
    const Timetable tt = build_timetable(feeds, *parse_iso_date("2019-05-14"), DayOptions{}, day);
    REQUIRE(tt.trip_count() > 10);
    const TransitNetwork net = straight_line_network(tt);

    RaptorOptions options;
    options.max_rides = 3;
    options.max_duration = Seconds(24 * 3600);
    RangeRaptor raptor(net, options);
    std::mt19937 rng(404);
    std::uniform_int_distribution<std::uint32_t> stop(0, static_cast<std::uint32_t>(tt.stop_count() - 1));
    std::uniform_int_distribution<int> start(7 * 60, 17 * 60);
    std::size_t compared = 0;
    std::size_t reached = 0;
    for (int trial = 0; trial < 25; ++trial) {
        const StopId origin(stop(rng));
        const int first_minute = start(rng);
        const StopWalk access[] = {{origin, Seconds(0)}};
        raptor.reset();
        // A 45-minute window, latest departure first, as the matrix runs it.
        for (int m = first_minute + 44; m >= first_minute; --m) {
            raptor.run_departure(Seconds(m * 60), access);
            if (m % 5 != 0) continue;
            const auto expected = brute_force(net, origin, m * 60, options.max_rides);
            for (std::uint32_t s = 0; s < tt.stop_count(); ++s) {
                if (s == origin.value()) continue;
                INFO("from " << tt.stop_ids[origin.value()] << " at minute " << m << " to " << tt.stop_ids[s]);
                const std::int32_t ours = raptor.best_arrival(StopId(s));
                REQUIRE(std::min(ours, kNever) == expected[s]);
                ++compared;
                reached += expected[s] < kNever ? 1 : 0;
            }
        }
    }
    CHECK(compared > 10000);
    CHECK(reached > 1000);
}

namespace {

constexpr std::int32_t kNoTime = ReverseRaptor::kUnreached;

/// Latest time at every stop, ready to board, from which vehicle `rides` reach `destination` by
/// `deadline` (off a vehicle there), by trying every boarding and alighting pair of every trip in
/// every round; walking transfers come between rides, as in RAPTOR.
std::vector<std::int32_t> brute_force_latest(const TransitNetwork& net, StopId destination, std::int32_t deadline,
                                             int rides) {
    const Timetable& tt = *net.timetable;
    const std::size_t n = tt.stop_count();
    const std::int32_t slack = net.options.board_slack.value();
    std::vector<std::int32_t> alight(n, kNoTime);  // latest arrival by vehicle that still works
    alight[destination.value()] = deadline;
    std::vector<std::int32_t> best(n, kNoTime);
    for (int k = 1; k <= rides; ++k) {
        std::vector<std::int32_t> board(n, kNoTime);
        for (std::uint32_t trip = 0; trip < tt.trip_count(); ++trip) {
            const RouteId r = tt.trip_route[trip];
            const auto stops = tt.stops_of(r);
            const auto flags = tt.stop_flags_of(r);
            for (std::size_t i = 0; i < stops.size(); ++i) {
                if (!(flags[i] & kBoarding)) continue;
                for (std::size_t j = i + 1; j < stops.size(); ++j)
                    if ((flags[j] & kAlighting) && tt.arrival_at(TripId(trip), j).value() <= alight[stops[j].value()])
                        board[stops[i].value()] =
                            std::max(board[stops[i].value()], tt.departure_at(TripId(trip), i).value() - slack);
            }
        }
        for (std::size_t s = 0; s < n; ++s) best[s] = std::max(best[s], board[s]);
        // Off the ride before at the boarding stop, or a walk away from it.
        for (std::uint32_t v = 0; v < n; ++v) {
            alight[v] = std::max(alight[v], board[v]);
            for (const StopWalk& w : net.transfers_from(StopId(v)))
                if (board[w.stop.value()] != kNoTime)
                    alight[v] = std::max(alight[v], board[w.stop.value()] - w.time.value());
        }
    }
    return best;
}

}  // namespace

TEST_CASE("粕屋町 ふれあいバス: the arrive-by search gives the brute-force latest departures, deadline by deadline",
          "[realdata][transit][reverse]") {
    NEEDMAP_SHARED_DATA(dir, "gtfs-jp");
    const std::vector<Feed> feeds{load_feed(dir / "403491_fureaibus_gtfs_20190401.zip")};
    DayReport day;
    const Timetable tt = build_timetable(feeds, *parse_iso_date("2019-05-14"), DayOptions{}, day);
    const TransitNetwork net = straight_line_network(tt);

    RaptorOptions options;
    options.max_rides = 3;
    ReverseRaptor raptor(net, options);
    std::mt19937 rng(505);
    std::uniform_int_distribution<std::uint32_t> stop(0, static_cast<std::uint32_t>(tt.stop_count() - 1));
    std::uniform_int_distribution<int> start(8 * 60, 18 * 60);
    std::size_t compared = 0;
    std::size_t reached = 0;
    for (int trial = 0; trial < 25; ++trial) {
        const StopId destination(stop(rng));
        const int first_minute = start(rng);
        const StopWalk egress[] = {{destination, Seconds(0)}};
        raptor.reset();
        // Deadlines from the earliest, as transit_times_to runs them.
        for (int m = first_minute; m <= first_minute + 60; m += 3) {
            raptor.run_deadline(Seconds(m * 60), egress, Seconds(0));
            if (m % 2 != 0) continue;
            const auto expected = brute_force_latest(net, destination, m * 60, options.max_rides);
            for (std::uint32_t s = 0; s < tt.stop_count(); ++s) {
                INFO("to " << tt.stop_ids[destination.value()] << " by minute " << m << " from "
                           << tt.stop_ids[s]);
                REQUIRE(raptor.latest_departure(StopId(s)) == expected[s]);
                ++compared;
                reached += expected[s] != kNoTime ? 1 : 0;
            }
        }
    }
    CHECK(compared > 5000);
    CHECK(reached > 500);
}
