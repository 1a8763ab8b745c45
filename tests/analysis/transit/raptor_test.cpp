// Walk + transit routing on small hand-made towns: a street network drawn as text, bus stops on
// its nodes, and inline GTFS feeds. Walking at 3.6 km/h is 1 m/s; the board slack is r5's 60 s.

#include "../network/ascii_network.hpp"
#include "gtfs_text.hpp"
#include "needmap/analysis/network/loaders.hpp"
#include "needmap/analysis/network/walk_matrix.hpp"
#include "needmap/analysis/transit/transit_matrix.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

using namespace needmap;
using namespace needmap::analysis;
using namespace needmap::analysis::transit;
using Catch::Detail::Approx;
using needmap::test::AsciiMap;
using needmap::test::TempDir;

namespace {

constexpr std::string_view kRoute = R"(
    # routes.txt
    route_id,route_short_name,route_type
    R,1,3
)";

/// A footway 12 km long from a to d by b and c (4 km apart), and a spur of 300 m from b to e:
///   a-----b-----c-----d
///         |
///         e
/// with a bus stop (A, B, C, D, E) at every node.
struct Town {
    explicit Town(std::string_view feed_body, std::string date = "2019-05-13") : map("a", 1) {
        nodes = {{'a', {0, 0}}, {'b', {4000, 0}}, {'c', {8000, 0}}, {'d', {12000, 0}}, {'e', {4000, -300}}};
        write_osm();
        network::NetworkReport report;
        streets = network::load_osm_network(dir / "town.osm", network::WalkProfile{}, report);
        std::string stops = "# stops.txt\nstop_id,stop_name,stop_lat,stop_lon\n";
        for (const auto& [name, xy] : nodes) {
            const geo::Point ll = map.lon_lat(map.at(xy.x, xy.y));
            stops += fmt::format("{},{},{:.8f},{:.8f}\n", static_cast<char>(std::toupper(name)), name, ll.y, ll.x);
        }
        feeds.push_back(load_feed(test::gtfs_from_text(stops + std::string(feed_body)), "bus"));
        DayReport day;
        timetable = build_timetable(feeds, *parse_iso_date(date), DayOptions{}, day);
        warnings = day.warnings;
        StreetOptions options;
        options.walk_speed_kmh = 3.6;
        transit = link_to_streets(timetable, streets, options);
    }

    void write_osm() {
        // The OSM file by hand: the letters' positions are in metres here, not grid cells.
        std::string xml = "<?xml version='1.0'?>\n<osm version=\"0.6\">\n";
        int id = 1;
        std::map<char, int> ids;
        for (const auto& [name, xy] : nodes) {
            const geo::Point ll = map.lon_lat(map.at(xy.x, xy.y));
            ids[name] = id;
            xml += fmt::format("<node id=\"{}\" version=\"1\" lat=\"{:.8f}\" lon=\"{:.8f}\"/>\n", id++, ll.y, ll.x);
        }
        auto way = [&](std::string_view letters) {
            xml += fmt::format("<way id=\"{}\" version=\"1\">", id++);
            for (const char c : letters) xml += fmt::format("<nd ref=\"{}\"/>", ids[c]);
            xml += "<tag k=\"highway\" v=\"footway\"/></way>\n";
        };
        way("abcd");
        way("be");
        xml += "</osm>\n";
        test::write_file(dir / "town.osm", xml);
    }

    network::Snap at(char node) const {
        const auto& xy = nodes.at(node);
        return streets.snap(map.at(xy.x, xy.y), 500);
    }

    /// Travel time percentiles (seconds) from one node to another.
    std::vector<float> seconds(char from, char to, const std::string& departure, int window,
                               std::vector<int> percentiles = {50}, int max_rides = 3) const {
        TransitMatrixOptions o;
        o.departure = *parse_gtfs_time(departure);
        o.window_minutes = window;
        o.percentiles = std::move(percentiles);
        o.raptor.max_rides = max_rides;
        o.raptor.max_duration = Seconds(3 * 3600);
        o.threads = 1;
        const std::vector<network::Snap> origin{at(from)};
        const std::vector<network::Snap> destination{at(to)};
        const TravelTimeMatrix m = transit_matrix(transit, origin, destination, o);
        if (m.entry_count() == 0) return {};
        return m.seconds;
    }

    /// The same by the arrive-by search towards `to` (transit_times_to).
    std::vector<float> seconds_to(char from, char to, const std::string& departure, int window,
                                  std::vector<int> percentiles = {50}, int max_rides = 3) const {
        TransitMatrixOptions o;
        o.departure = *parse_gtfs_time(departure);
        o.window_minutes = window;
        o.percentiles = std::move(percentiles);
        o.raptor.max_rides = max_rides;
        o.raptor.max_duration = Seconds(3 * 3600);
        const std::vector<network::Snap> origin{at(from)};
        const auto access = access_stops(transit, origin);
        const TravelTimeMatrix m = transit_times_to(transit, origin, access, at(to), o);
        if (m.entry_count() == 0) return {};
        return m.seconds;
    }

    /// Arrive-by percentiles (seconds) from one node to another, deadlines every minute for
    /// `window` minutes up to `arrive_by`.
    std::vector<float> arrive_by(char from, char to, const std::string& arrive_by, int window,
                                 std::vector<int> percentiles = {50}) const {
        ArriveByOptions o;
        o.arrive_by = *parse_gtfs_time(arrive_by);
        o.window_minutes = window;
        o.percentiles = std::move(percentiles);
        o.raptor.max_duration = Seconds(3 * 3600);
        o.threads = 1;
        const std::vector<network::Snap> origin{at(from)};
        const std::vector<network::Snap> destination{at(to)};
        const TravelTimeMatrix m = transit_matrix_arrive_by(transit, origin, destination, o);
        if (m.entry_count() == 0) return {};
        return m.seconds;
    }

    TempDir dir;
    AsciiMap map;
    std::map<char, geo::Point> nodes;
    network::WalkNetwork streets;
    std::vector<Feed> feeds;
    Timetable timetable;
    std::vector<std::string> warnings;
    TransitNetwork transit;
};

constexpr std::string_view kWeekdays = R"(
    # calendar.txt
    service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date
    WD,1,1,1,1,1,0,0,20190401,20190630
)";

}  // namespace

TEST_CASE("a journey with a transfer: wait, ride, walk 300 m to another stop, ride on", "[transit]") {
    // Bus 1 runs A 09:10 -> B 09:20. Bus 2 runs E 09:26 -> D 09:50. E is 300 m (300 s) from B.
    const Town town(std::string(kWeekdays) + R"(
        # routes.txt
        route_id,route_short_name,route_type
        R1,1,3
        R2,2,3
        # trips.txt
        route_id,service_id,trip_id
        R1,WD,T1
        R2,WD,T2
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        T1,09:10:00,09:10:00,A,1
        T1,09:20:00,09:20:00,B,2
        T2,09:26:00,09:26:00,E,1
        T2,09:50:00,09:50:00,D,2
    )");
    // Leaving a at 09:00: the 09:10 bus, off at B at 09:20, 300 s to E (09:25), with the 60 s
    // slack just in time for 09:26, at D 09:50: 50 minutes. Walking the 12 km takes 200 minutes.
    CHECK(town.seconds('a', 'd', "09:00:00", 1) == std::vector<float>{50 * 60});
    CHECK(town.seconds_to('a', 'd', "09:00:00", 1) == std::vector<float>{50 * 60});
    // With one ride only, there is no way within three hours but walking (200 min > 180).
    CHECK(town.seconds('a', 'd', "09:00:00", 1, {50}, 1).empty());
    CHECK(town.seconds_to('a', 'd', "09:00:00", 1, {50}, 1).empty());
    // Leaving at 09:09:30 would miss the bus by the slack; at 09:09 it is caught: 41 minutes.
    CHECK(town.seconds('a', 'd', "09:09:00", 1) == std::vector<float>{41 * 60});
    CHECK(town.seconds_to('a', 'd', "09:09:00", 1) == std::vector<float>{41 * 60});
    // At 09:10 the bus is gone and the walk is over three hours.
    CHECK(town.seconds('a', 'd', "09:10:00", 1).empty());
    CHECK(town.seconds_to('a', 'd', "09:10:00", 1).empty());
    // Arrive by 09:50: leave at 09:09, the latest that catches the 09:10 with the slack: 41 min;
    // by 10:00 the same bus, and ten minutes' wait at the end: 51 min; by 09:49 nothing but the walk.
    CHECK(town.arrive_by('a', 'd', "09:50:00", 1) == std::vector<float>{41 * 60});
    CHECK(town.arrive_by('a', 'd', "10:00:00", 1) == std::vector<float>{51 * 60});
    CHECK(town.arrive_by('a', 'd', "09:49:00", 1).empty());
}

TEST_CASE("arrive-by times equal a brute-force search over departure minutes", "[transit]") {
    // Buses from A every 15 minutes from 09:05 (minute-aligned), 10 minutes to B; a stop at B's spur E.
    std::string feed = std::string(kWeekdays) + std::string(kRoute) + R"(
        # trips.txt
        route_id,service_id,trip_id
    )";
    std::string times = "# stop_times.txt\ntrip_id,arrival_time,departure_time,stop_id,stop_sequence\n";
    for (int k = 0; k < 8; ++k) {
        const int dep = 9 * 3600 + 5 * 60 + k * 15 * 60;
        feed += fmt::format("R,WD,T{}\n", k);
        times += fmt::format("T{0},{1},{1},A,1\nT{0},{2},{2},B,2\n", k, format_gtfs_time(Seconds(dep)),
                             format_gtfs_time(Seconds(dep + 600)));
    }
    const Town town(feed + times);
    // By brute force with the depart-at search: for a deadline, the latest whole minute from
    // which the journey arrives by then; the time is the deadline less that minute.
    const auto brute = [&](char from, char to, int deadline) {
        for (int t0 = deadline; t0 >= deadline - 3 * 3600; t0 -= 60) {
            const auto t = town.seconds(from, to, format_gtfs_time(Seconds(t0)), 1);
            if (!t.empty() && t0 + static_cast<int>(t.front()) <= deadline) return static_cast<float>(deadline - t0);
        }
        return -1.0F;
    };
    std::vector<float> by_deadline;
    for (int k = 0; k < 30; ++k) {
        const int deadline = 9 * 3600 + 40 * 60 + k * 60;  // 09:40 .. 10:09
        const float expected = brute('a', 'b', deadline);
        INFO(format_gtfs_time(Seconds(deadline)));
        CHECK(town.arrive_by('a', 'b', format_gtfs_time(Seconds(deadline)), 1) == std::vector<float>{expected});
        CHECK(town.arrive_by('e', 'b', format_gtfs_time(Seconds(deadline)), 1) ==
              std::vector<float>{brute('e', 'b', deadline)});  // 300 m to the stop, or walking 300 m
        by_deadline.push_back(expected);
    }
    // Over a window of deadlines, percentiles of those times (nearest rank).
    std::sort(by_deadline.begin(), by_deadline.end());
    const std::vector<int> ps{5, 50, 95};
    std::vector<float> want;
    for (const int p : ps) want.push_back(by_deadline[static_cast<std::size_t>(std::ceil(p * 0.3)) - 1]);
    CHECK(town.arrive_by('a', 'b', "10:09:00", 30, ps) == want);
}

TEST_CASE("waiting for the next bus shows up across the departure window's percentiles", "[transit]") {
    // Buses from A every 15 minutes from 09:05, 10 minutes to B. Window: 30 minutes from 09:00.
    std::string feed = std::string(kWeekdays) + R"(
        # trips.txt
        route_id,service_id,trip_id
    )";
    std::string times = "# stop_times.txt\ntrip_id,arrival_time,departure_time,stop_id,stop_sequence\n";
    std::vector<int> buses;
    for (int k = 0; k < 6; ++k) {
        const int dep = 9 * 3600 + 5 * 60 + k * 15 * 60;
        buses.push_back(dep);
        feed += fmt::format("R,WD,T{}\n", k);
        times += fmt::format("T{0},{1},{1},A,1\nT{0},{2},{2},B,2\n", k, format_gtfs_time(Seconds(dep)),
                             format_gtfs_time(Seconds(dep + 600)));
    }
    const Town town(std::string(kRoute) + feed + times);
    // By hand: leaving at minute m, the first bus at or after m + 60 s, then 600 s.
    std::vector<int> expected;
    for (int m = 0; m < 30; ++m) {
        const int t = 9 * 3600 + m * 60;
        const int bus = *std::find_if(buses.begin(), buses.end(), [&](int b) { return b >= t + 60; });
        expected.push_back(bus + 600 - t);
    }
    std::sort(expected.begin(), expected.end());
    // Nearest rank: the p-th percentile of 30 values is the ceil(p/100 x 30)-th smallest.
    const std::vector<int> ps{5, 25, 50, 75, 95};
    std::vector<float> want;
    for (const int p : ps)
        want.push_back(static_cast<float>(expected[static_cast<std::size_t>(std::ceil(p * 0.3)) - 1]));
    CHECK(town.seconds('a', 'b', "09:00:00", 30, ps) == want);
    CHECK(town.seconds_to('a', 'b', "09:00:00", 30, ps) == want);
    CHECK(want.front() == 11 * 60);  // leaving 09:04, bus 09:05, B 09:15
    CHECK(want.back() == 25 * 60);   // leaving 09:05 misses the 09:05 by the slack: 09:20, B 09:30
}

TEST_CASE("a trip of the day before running past midnight is caught the next morning", "[transit]") {
    // NIGHT runs on Sundays only: its trip leaves A at 24:30 (00:30 Monday) and reaches B at 24:40.
    const Town town(std::string(kRoute) + R"(
        # calendar.txt
        service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date
        NIGHT,0,0,0,0,0,0,1,20190401,20190630
        # trips.txt
        route_id,service_id,trip_id
        R,NIGHT,N
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        N,24:30:00,24:30:00,A,1
        N,24:40:00,24:40:00,B,2
    )");
    // Monday 00:20: wait 10 min, ride 10 min.
    CHECK(town.seconds('a', 'b', "00:20:00", 1) == std::vector<float>{20 * 60});
    CHECK(town.seconds_to('a', 'b', "00:20:00", 1) == std::vector<float>{20 * 60});
}

TEST_CASE("a frequency-based route, and a service removed by a calendar exception", "[transit]") {
    const std::string body = std::string(kRoute) + R"(
        # calendar.txt
        service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date
        WD,1,1,1,1,1,0,0,20190401,20190630
        # calendar_dates.txt
        service_id,date,exception_type
        WD,20190514,2
        # trips.txt
        route_id,service_id,trip_id
        R,WD,F
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        F,07:00:00,07:00:00,A,1
        F,07:12:00,07:12:00,B,2
        # frequencies.txt
        trip_id,start_time,end_time,headway_secs,exact_times
        F,09:00:00,10:00:00,600,1
    )";
    // Every 10 minutes from 09:00 (the template's 07:00 run does not happen), 12 minutes to B.
    // Leaving 09:01: the 09:10 bus (09:02 ready), at B 09:22: 21 minutes.
    const Town monday(body);
    CHECK(monday.seconds('a', 'b', "09:01:00", 1) == std::vector<float>{21 * 60});
    CHECK(monday.seconds_to('a', 'b', "09:01:00", 1) == std::vector<float>{21 * 60});
    CHECK(monday.seconds('a', 'b', "06:59:00", 1, {50}, 3) ==
          std::vector<float>{static_cast<float>(std::lround(4000.0))});  // no 07:00 bus: walk 4 km
    // Tuesday 2019-05-14 the service is removed: walking 4 km at 1 m/s.
    const Town tuesday(body, "2019-05-14");
    CHECK(tuesday.seconds('a', 'b', "09:01:00", 1) == std::vector<float>{4000});
    CHECK_FALSE(tuesday.warnings.empty());  // no trip runs that day: said loudly
}
