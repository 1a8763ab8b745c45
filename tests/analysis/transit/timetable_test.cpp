// The day timetable: which trips run, how they form RAPTOR routes, and the warnings about the date.

#include "needmap/analysis/transit/timetable.hpp"

#include "gtfs_text.hpp"
#include "needmap/geo/error.hpp"
#include "timetable_checks.hpp"

#include <catch2/catch.hpp>

using namespace needmap;
using namespace needmap::analysis;
using namespace needmap::analysis::transit;
using needmap::test::check_timetable_layout;
using needmap::test::gtfs_from_text;
using needmap::test::render_timetable;

namespace {

Date day(int y, int m, int d) {
    return *Date::from_ymd(y, m, d);
}

// Three stops 1.1 km apart on a meridian, one route, May 2019.
constexpr std::string_view kStops = R"(
    # stops.txt
    stop_id,stop_name,stop_lat,stop_lon
    A,Alpha,35.00,139.0
    B,Bravo,35.01,139.0
    C,Charlie,35.02,139.0
    # routes.txt
    route_id,route_short_name,route_type
    R,1,3
)";

Feed feed_of(std::string_view body, std::string name) {
    return load_feed(gtfs_from_text(std::string(kStops) + std::string(body)), std::move(name));
}

Timetable build(const Feed& feed, Date date, DayReport& report, DayOptions options = {}) {
    Timetable tt = build_timetable(std::span(&feed, 1), date, options, report);
    check_timetable_layout(tt);
    return tt;
}

// N runs daily past midnight; E daily, ending before midnight; M only on 2019-05-13, past midnight.
const Feed& midnight_feed() {
    static const Feed feed = feed_of(R"(
        # calendar.txt
        service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date
        DAILY,1,1,1,1,1,1,1,20190501,20190531
        # calendar_dates.txt
        service_id,date,exception_type
        ONCE,20190513,1
        # trips.txt
        route_id,service_id,trip_id
        R,DAILY,N
        R,DAILY,E
        R,ONCE,M
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        N,23:50:00,23:50:00,A,1
        N,24:05:00,24:05:00,B,2
        N,24:20:00,24:20:00,C,3
        E,23:00:00,23:00:00,A,1
        E,23:30:00,23:30:00,B,2
        E,23:40:00,23:40:00,C,3
        M,23:55:00,23:55:00,A,1
        M,24:10:00,24:10:00,C,2
    )",
                                     "pm");
    return feed;
}

}  // namespace

TEST_CASE("a trip running past midnight also runs early the next day, shifted by a day", "[transit]") {
    DayReport report;
    const Timetable tt = build(midnight_feed(), day(2019, 5, 14), report);
    // On the 14th: N and E of the 14th, and of the 13th's trips N and M, still running after
    // 00:00 (E of the 13th ended at 23:40). N of the 13th: 23:50 - 24:00 = -00:10:00.
    CHECK(render_timetable(tt) ==
          "route 0 pm:R: pm:A pm:B pm:C\n"
          "  pm:N (day before): -00:10:00 00:05:00 00:20:00\n"
          "  pm:E: 23:00:00 23:30:00 23:40:00\n"
          "  pm:N: 23:50:00 24:05:00 24:20:00\n"
          "route 1 pm:R: pm:A pm:C\n"
          "  pm:M (day before): -00:05:00 00:10:00\n");
    CHECK(tt.departure_at(*tt.find_trip("pm:N"), 0) == Seconds(23 * 3600 + 50 * 60));
    REQUIRE(report.feeds.size() == 1);
    CHECK(report.feeds[0].trips == 2);
    CHECK(report.feeds[0].trips_from_previous_day == 2);

    // The first day of the calendar has no day before.
    CHECK(render_timetable(build(midnight_feed(), day(2019, 5, 1), report)) ==
          "route 0 pm:R: pm:A pm:B pm:C\n"
          "  pm:E: 23:00:00 23:30:00 23:40:00\n"
          "  pm:N: 23:50:00 24:05:00 24:20:00\n");
    // And the day before can be left out.
    DayOptions today_only;
    today_only.previous_day_trips = false;
    CHECK(build(midnight_feed(), day(2019, 5, 14), report, today_only).trip_count() == 2);
}

TEST_CASE("frequency-based trips run at each departure, the template does not", "[transit]") {
    const Feed feed = feed_of(R"(
        # calendar.txt
        service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date
        WK,1,1,1,1,1,0,0,20190501,20190531
        # trips.txt
        route_id,service_id,trip_id
        R,WK,F
        R,WK,G
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        F,08:00:00,08:00:00,A,1
        F,08:05:00,08:06:00,B,2
        F,08:12:00,08:12:00,C,3
        G,05:00:00,05:00:00,C,1
        G,05:04:00,05:04:00,A,2
        # frequencies.txt
        trip_id,start_time,end_time,headway_secs,exact_times
        F,06:00:00,07:00:00,1200,1
        G,10:00:00,10:30:00,600,0
    )",
                              "fq");
    DayReport report;
    const Timetable tt = build(feed, day(2019, 5, 14), report);
    CHECK(render_timetable(tt) ==
          "route 0 fq:R: fq:A fq:B fq:C\n"
          "  fq:F@06:00:00: 06:00:00 06:05:00/06:06:00 06:12:00\n"
          "  fq:F@06:20:00: 06:20:00 06:25:00/06:26:00 06:32:00\n"
          "  fq:F@06:40:00: 06:40:00 06:45:00/06:46:00 06:52:00\n"
          "route 1 fq:R: fq:C fq:A\n"
          "  fq:G@10:00:00: 10:00:00 10:04:00\n"
          "  fq:G@10:10:00: 10:10:00 10:14:00\n"
          "  fq:G@10:20:00: 10:20:00 10:24:00\n");
    CHECK(report.feeds[0].trips == 6);
}

TEST_CASE("a calendar exception removes a service from a day, another adds one", "[transit]") {
    // WK runs on weekdays but not on Wednesday 2019-05-15; SP runs on Saturday 2019-05-18 only.
    const Feed feed = feed_of(R"(
        # calendar.txt
        service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date
        WK,1,1,1,1,1,0,0,20190501,20190531
        # calendar_dates.txt
        service_id,date,exception_type
        WK,20190515,2
        SP,20190518,1
        # trips.txt
        route_id,service_id,trip_id
        R,WK,W1
        R,SP,P1
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        W1,07:00:00,07:00:00,A,1
        W1,07:10:00,07:10:00,B,2
        P1,10:00:00,10:00:00,A,1
        P1,10:10:00,10:10:00,B,2
    )",
                              "ex");
    DayReport report;
    CHECK(render_timetable(build(feed, day(2019, 5, 14), report)) ==
          "route 0 ex:R: ex:A ex:B\n"
          "  ex:W1: 07:00:00 07:10:00\n");
    CHECK(report.warnings.empty());

    const Timetable removed = build(feed, day(2019, 5, 15), report);
    CHECK(removed.trip_count() == 0);
    CHECK(removed.route_count() == 0);
    CHECK(removed.stop_count() == 3);
    CHECK(report.feeds[0].services_active == 0);
    CHECK(report.warnings ==
          std::vector<std::string>{"feed \"ex\" runs no trip on 2019-05-15 (Wednesday); its "
                                   "busiest day within a year is 2019-05-14 (Tuesday) with 1 trips"});

    CHECK(render_timetable(build(feed, day(2019, 5, 18), report)) ==
          "route 0 ex:R: ex:A ex:B\n"
          "  ex:P1: 10:00:00 10:10:00\n");
}

TEST_CASE("trips that overtake others go to a route of their own (FIFO)", "[transit]") {
    // Y leaves A after X but reaches B and C before it. Z follows X at every stop; W ties with Z
    // at B, which is no overtaking.
    const Feed feed = feed_of(R"(
        # calendar.txt
        service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date
        WK,1,1,1,1,1,0,0,20190501,20190531
        # trips.txt
        route_id,service_id,trip_id
        R,WK,W
        R,WK,Z
        R,WK,Y
        R,WK,X
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        X,08:00:00,08:00:00,A,1
        X,08:15:00,08:15:00,B,2
        X,08:30:00,08:30:00,C,3
        Y,08:05:00,08:05:00,A,1
        Y,08:12:00,08:12:00,B,2
        Y,08:20:00,08:20:00,C,3
        Z,08:10:00,08:10:00,A,1
        Z,08:25:00,08:25:00,B,2
        Z,08:40:00,08:40:00,C,3
        W,08:20:00,08:20:00,A,1
        W,08:25:00,08:25:00,B,2
        W,08:45:00,08:45:00,C,3
    )",
                              "ov");
    DayReport report;
    CHECK(render_timetable(build(feed, day(2019, 5, 14), report)) ==
          "route 0 ov:R: ov:A ov:B ov:C\n"
          "  ov:X: 08:00:00 08:15:00 08:30:00\n"
          "  ov:Z: 08:10:00 08:25:00 08:40:00\n"
          "  ov:W: 08:20:00 08:25:00 08:45:00\n"
          "route 1 ov:R: ov:A ov:B ov:C\n"
          "  ov:Y: 08:05:00 08:12:00 08:20:00\n");
}

TEST_CASE("routes split by stop sequence and by boarding rules; stops list their routes", "[transit]") {
    // L loops A B A; T1 and T2 both run A B, but T2 lets nobody off at A nor on at B.
    const Feed feed = feed_of(R"(
        # calendar.txt
        service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date
        WK,1,1,1,1,1,0,0,20190501,20190531
        # trips.txt
        route_id,service_id,trip_id
        R,WK,L
        R,WK,T1
        R,WK,T2
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence,pickup_type,drop_off_type
        L,09:00:00,09:00:00,A,1,,
        L,09:05:00,09:05:00,B,2,,
        L,09:10:00,09:10:00,A,3,,
        T1,07:00:00,07:00:00,A,1,0,0
        T1,07:05:00,07:05:00,B,2,0,0
        T2,08:00:00,08:00:00,A,1,0,1
        T2,08:05:00,08:05:00,B,2,1,0
    )",
                              "sq");
    DayReport report;
    const Timetable tt = build(feed, day(2019, 5, 14), report);
    CHECK(render_timetable(tt) ==
          "route 0 sq:R: sq:A sq:B sq:A\n"
          "  sq:L: 09:00:00 09:05:00 09:10:00\n"
          "route 1 sq:R: sq:A sq:B\n"
          "  sq:T1: 07:00:00 07:05:00\n"
          "route 2 sq:R: sq:A sq:B\n"
          "  sq:T2: 08:00:00 08:05:00\n");
    const auto both = static_cast<std::uint8_t>(kBoarding | kAlighting);
    CHECK(std::vector(tt.stop_flags_of(RouteId(1)).begin(), tt.stop_flags_of(RouteId(1)).end()) ==
          std::vector<std::uint8_t>{both, both});
    CHECK(std::vector(tt.stop_flags_of(RouteId(2)).begin(), tt.stop_flags_of(RouteId(2)).end()) ==
          std::vector<std::uint8_t>{kBoarding, kAlighting});

    const StopId a = *tt.find_stop("sq:A");
    const auto routes = tt.routes_at(a);
    const auto positions = tt.positions_at(a);
    CHECK(std::vector(routes.begin(), routes.end()) == std::vector{RouteId(0), RouteId(0), RouteId(1), RouteId(2)});
    CHECK(std::vector(positions.begin(), positions.end()) == std::vector<std::uint32_t>{0, 2, 0, 0});
    CHECK(tt.routes_at(*tt.find_stop("sq:C")).empty());
    CHECK(tt.route_names[0] == "1");
    CHECK(tt.route_types[0] == 3);
}

TEST_CASE("transfers.txt rules are kept per stop, a station's for each of its stops", "[transit]") {
    const Feed feed = load_feed(gtfs_from_text(R"(
        # stops.txt
        stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station
        P1,Platform 1,35.0,139.0,0,ST
        P2,Platform 2,35.0,139.0001,0,ST
        ST,Station,35.0,139.00005,1,
        C,Corner,35.001,139.0,0,
        # routes.txt
        route_id,route_type
        R,3
        # calendar_dates.txt
        service_id,date,exception_type
        X,20190513,1
        # trips.txt
        route_id,service_id,trip_id
        R,X,T
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        T,07:00:00,07:00:00,P1,1
        T,07:05:00,07:05:00,C,2
        # transfers.txt
        from_stop_id,to_stop_id,transfer_type,min_transfer_time
        P1,C,2,120
        ST,C,2,60
        C,P2,3,
    )"),
                                "tr");
    DayReport report;
    const Timetable tt = build(feed, day(2019, 5, 13), report);
    REQUIRE(tt.stop_ids == std::vector<std::string>{"tr:P1", "tr:P2", "tr:C"});
    CHECK(tt.station_ids == std::vector<std::string>{"tr:ST"});
    CHECK(tt.stop_station == std::vector<std::uint32_t>{0, 0, kNoStation});
    CHECK(tt.stop_points[2] == geo::Point{139.0, 35.001});

    auto rules = [&](std::string_view from) {
        std::vector<std::string> out;
        for (const StopTransfer& t : tt.transfers_from(*tt.find_stop(from)))
            out.push_back(tt.stop_ids[t.to.value()] + " " + std::to_string(t.min_time.value()) + " s type " +
                          std::to_string(static_cast<int>(t.type)));
        return out;
    };
    CHECK(rules("tr:P1") == std::vector<std::string>{"tr:C 120 s type 2", "tr:C 60 s type 2"});
    CHECK(rules("tr:P2") == std::vector<std::string>{"tr:C 60 s type 2"});
    CHECK(rules("tr:C") == std::vector<std::string>{"tr:P2 0 s type 3"});
}

TEST_CASE("feeds keep their ids apart by feed name; two feeds of one name are refused", "[transit]") {
    const std::string body = R"(
        # calendar.txt
        service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date
        WK,1,1,1,1,1,0,0,20190501,20190531
        # trips.txt
        route_id,service_id,trip_id
        R,WK,T
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        T,07:00:00,07:00:00,A,1
        T,07:05:00,07:05:00,B,2
    )";
    const std::vector<Feed> feeds = {feed_of(body, "east"), feed_of(body, "west")};
    DayReport report;
    const Timetable tt = build_timetable(feeds, day(2019, 5, 14), DayOptions{}, report);
    check_timetable_layout(tt);
    CHECK(tt.stop_ids == std::vector<std::string>{"east:A", "east:B", "east:C", "west:A", "west:B", "west:C"});
    CHECK(render_timetable(tt) ==
          "route 0 east:R: east:A east:B\n"
          "  east:T: 07:00:00 07:05:00\n"
          "route 1 west:R: west:A west:B\n"
          "  west:T: 07:00:00 07:05:00\n");
    REQUIRE(report.feeds.size() == 2);
    CHECK(report.feeds[1].feed == "west");

    const std::vector<Feed> twins = {feed_of(body, "same"), feed_of(body, "same")};
    CHECK_THROWS_AS(build_timetable(twins, day(2019, 5, 14), DayOptions{}, report), geo::InputError);
    CHECK_THROWS_WITH(build_timetable(twins, day(2019, 5, 14), DayOptions{}, report),
                      Catch::Contains("two feeds are named \"same\""));
}

TEST_CASE("a date outside the calendar, or with few trips, gives a loud warning", "[transit]") {
    // Weekdays: 4 trips. Weekends: 1. The calendar covers May 2019; feed_info only its 1st-20th.
    const Feed feed = feed_of(R"(
        # calendar.txt
        service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date
        WK,1,1,1,1,1,0,0,20190501,20190531
        WE,0,0,0,0,0,1,1,20190501,20190531
        # trips.txt
        route_id,service_id,trip_id
        R,WK,W1
        R,WK,W2
        R,WK,W3
        R,WK,W4
        R,WE,E1
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        W1,07:00:00,07:00:00,A,1
        W1,07:10:00,07:10:00,B,2
        W2,08:00:00,08:00:00,A,1
        W2,08:10:00,08:10:00,B,2
        W3,09:00:00,09:00:00,A,1
        W3,09:10:00,09:10:00,B,2
        W4,10:00:00,10:00:00,A,1
        W4,10:10:00,10:10:00,B,2
        E1,11:00:00,11:00:00,A,1
        E1,11:10:00,11:10:00,B,2
        # feed_info.txt
        feed_publisher_name,feed_lang,feed_start_date,feed_end_date
        Town,ja,20190501,20190520
    )",
                              "w");
    DayReport report;
    (void)build(feed, day(2019, 5, 13), report);
    CHECK(report.warnings.empty());
    REQUIRE(report.feeds.size() == 1);
    const FeedDay& monday = report.feeds[0];
    CHECK(monday.feed == "w");
    CHECK(monday.calendar == DateRange{day(2019, 5, 1), day(2019, 5, 31)});
    CHECK(monday.feed_info == DateRange{day(2019, 5, 1), day(2019, 5, 20)});
    CHECK(monday.services == 2);
    CHECK(monday.services_active == 1);
    CHECK(monday.trips == 4);
    CHECK(monday.busiest_day == day(2019, 5, 13));
    CHECK(monday.busiest_day_trips == 4);

    (void)build(feed, day(2019, 5, 12), report);
    CHECK(report.warnings ==
          std::vector<std::string>{"feed \"w\" runs only 1 trips on 2019-05-12 (Sunday), fewer than 50% of its busiest "
                                   "day within a year, 2019-05-13 (Monday) with 4 trips. Is that the day you meant?"});

    (void)build(feed, day(2019, 6, 10), report);
    CHECK(report.warnings == std::vector<std::string>{
                                 "feed \"w\" runs no trip on 2019-06-10 (Monday): the date is outside its calendar, "
                                 "2019-05-01 to 2019-05-31. Choose a date inside it, such as 2019-05-31 (Friday) with "
                                 "4 trips"});

    (void)build(feed, day(2019, 5, 27), report);
    CHECK(report.warnings ==
          std::vector<std::string>{"feed \"w\": 2019-05-27 (Monday) is outside the dates its feed_info.txt gives for "
                                   "it, 2019-05-01 to 2019-05-20; its timetable may not hold that day"});
}

TEST_CASE("a route taken off leaves the timetable built as if its trips never ran", "[transit]") {
    // R runs A B C (two stop sequences: one trip skips B), S runs C B; the stops and the transfer
    // rule stay when S goes.
    const std::string common = R"(
        # stops.txt
        stop_id,stop_name,stop_lat,stop_lon
        A,Alpha,35.00,139.0
        B,Bravo,35.01,139.0
        C,Charlie,35.02,139.0
        # routes.txt
        route_id,route_short_name,route_type
        R,1,3
        S,2,3
        # transfers.txt
        from_stop_id,to_stop_id,transfer_type,min_transfer_time
        B,C,2,120
        # calendar.txt
        service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date
        WK,1,1,1,1,1,0,0,20190501,20190531
    )";
    const std::string r_trips = R"(
        R,WK,R1
        R,WK,R2
    )";
    const std::string r_times = R"(
        R1,07:00:00,07:00:00,A,1
        R1,07:05:00,07:06:00,B,2
        R1,07:10:00,07:10:00,C,3
        R2,08:00:00,08:00:00,A,1
        R2,08:09:00,08:09:00,C,2
    )";
    const std::string s_trips = R"(
        S,WK,S1
        S,WK,S2
    )";
    const std::string s_times = R"(
        S1,07:30:00,07:30:00,C,1
        S1,07:35:00,07:35:00,B,2
        S2,09:30:00,09:30:00,C,1
        S2,09:35:00,09:35:00,B,2
    )";
    const auto feed = [&](bool with_s) {
        return load_feed(gtfs_from_text(common + "# trips.txt\nroute_id,service_id,trip_id\n" + r_trips +
                                        (with_s ? s_trips : "") +
                                        "# stop_times.txt\ntrip_id,arrival_time,departure_time,stop_id,stop_sequence\n" +
                                        r_times + (with_s ? s_times : "")),
                         "f");
    };
    DayReport report;
    const Timetable full = build(feed(true), day(2019, 5, 14), report);
    const Timetable without_s = build(feed(false), day(2019, 5, 14), report);

    CHECK(routes_named(full, "S").size() == 1);
    CHECK(routes_named(full, "f:R").size() == 2);
    CHECK(routes_named(full, "g:R").empty());
    CHECK(routes_of_feed(full, "f").size() == 3);
    CHECK(routes_of_feed(full, "").empty());

    const Timetable dropped = without_routes(full, routes_named(full, "S"));
    check_timetable_layout(dropped);
    CHECK(render_timetable(dropped) == render_timetable(without_s));
    CHECK(dropped.trip_count() == 2);
    CHECK(dropped.stop_ids == full.stop_ids);
    CHECK(dropped.transfers_from(*dropped.find_stop("f:B")).size() == 1);
    const auto b_routes = dropped.routes_at(*dropped.find_stop("f:B"));
    CHECK(std::vector(b_routes.begin(), b_routes.end()) == std::vector(without_s.routes_at(*without_s.find_stop("f:B")).begin(),
                                                                      without_s.routes_at(*without_s.find_stop("f:B")).end()));

    const Timetable none = without_routes(full, routes_of_feed(full, "f"));
    check_timetable_layout(none);
    CHECK(none.trip_count() == 0);
    CHECK(none.routes_at(*none.find_stop("f:C")).empty());
}
