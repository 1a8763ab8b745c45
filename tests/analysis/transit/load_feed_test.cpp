// Reading GTFS feeds: columns, encodings, bad rows, interpolation, frequencies, transfers.

#include "gtfs_text.hpp"
#include "needmap/analysis/transit/feed.hpp"
#include "needmap/geo/error.hpp"
#include "needmap/geo/text.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <string>

using namespace needmap;
using namespace needmap::analysis::transit;
using needmap::test::gtfs_from_text;

namespace {

// Four stops on the equator, 0.01°, 0.02° and 0.01° of longitude apart: great-circle distances
// there are R·Δλ, so they stand in the ratio 1 : 2 : 1 whatever the Earth's radius.
constexpr std::string_view kHead = R"(
    # agency.txt
    agency_id,agency_name,agency_url,agency_timezone
    A1,Test Bus,http://example.org,Asia/Tokyo
    # stops.txt
    stop_id,stop_name,stop_lat,stop_lon
    A,Alpha,0.0,10.00
    B,Bravo,0.0,10.01
    C,Charlie,0.0,10.03
    D,Delta,0.0,10.04
    # routes.txt
    route_id,agency_id,route_short_name,route_long_name,route_type
    R,A1,1,One,3
    # calendar.txt
    service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date
    WK,1,1,1,1,1,0,0,20190501,20190531
)";

Feed load_text(std::string_view body, std::string name = "test") {
    return load_feed(gtfs_from_text(std::string(kHead) + std::string(body)), std::move(name));
}

std::vector<std::string> times_of(const Feed& feed, std::string_view trip_id) {
    std::vector<std::string> out;
    const auto t = feed.find_trip(trip_id);
    REQUIRE(t);
    for (const StopTime& st : feed.stop_times_of(feed.trips[t->value()]))
        out.push_back(format_gtfs_time(st.arrival) + "/" + format_gtfs_time(st.departure));
    return out;
}

std::string error_of(const geo::FileSource& files) {
    try {
        (void)load_feed(files, "broken");
    } catch (const geo::InputError& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("a small feed loads with its stops, routes, trips and times", "[transit]") {
    const Feed feed = load_text(R"(
        # trips.txt
        route_id,service_id,trip_id,trip_headsign
        R,WK,T1,Delta
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        T1,08:10:00,08:10:00,D,40
        T1,08:00:00,08:00:30,A,10
        T1,08:05:00,08:05:00,B,20
        T1,08:07:00,08:07:00,C,30
    )");
    CHECK(feed.name == "test");
    REQUIRE(feed.agencies.size() == 1);
    CHECK(feed.agencies[0].name == "Test Bus");
    REQUIRE(feed.stops.size() == 4);
    CHECK(feed.stops[1].id == "B");
    CHECK(feed.stops[1].lon_lat == geo::Point{10.01, 0.0});
    REQUIRE(feed.routes.size() == 1);
    CHECK(feed.routes[0].short_name == "1");
    REQUIRE(feed.trips.size() == 1);
    CHECK(feed.trips[0].headsign == "Delta");
    CHECK(feed.services[feed.trips[0].service.value()] == "WK");
    // Rows come out in stop_sequence order, whatever the file's order.
    CHECK(times_of(feed, "T1") ==
          std::vector<std::string>{"08:00:00/08:00:30", "08:05:00/08:05:00", "08:07:00/08:07:00", "08:10:00/08:10:00"});
    CHECK(feed.stop_times[0].stop_sequence == 10);
    CHECK(feed.report.skipped_rows() == 0);
    CHECK(feed.report.dropped_trips.count == 0);
    CHECK(feed.report.file("stop_times.txt")->rows == 4);
}

TEST_CASE("columns are found by name in any order, extra columns ignored, BOM or not", "[transit]") {
    std::map<std::string, std::string> files;
    files["stops.txt"] =
        "\xEF\xBB\xBF"
        "stop_lon,extra,stop_id,stop_lat,stop_name\r\n"
        "139.5,x,S1,35.5,一丁目\r\n"
        "139.6,y,S2,35.6,二丁目\r\n";
    files["routes.txt"] = "\xEF\xBB\xBFroute_type,route_id\n3,R\n";
    files["calendar_dates.txt"] = "date,exception_type,service_id\n20190513,1,X\n";
    files["trips.txt"] = "trip_id,note,service_id,route_id\nT,hello,X,R\n";
    files["stop_times.txt"] =
        "stop_sequence,stop_id,departure_time,arrival_time,trip_id\n"
        "1,S1,07:00:00,07:00:00,T\n"
        "2,S2,07:09:00,07:09:00,T\n";
    files["agency_jp.txt"] = "agency_id,agency_offilcal_name\nA,typo in the header\n";
    files["translations.txt"] = "whatever\n";
    const Feed feed = load_feed(geo::FileSource::from_memory(files, "mem"), "jp");
    REQUIRE(feed.stops.size() == 2);
    CHECK(feed.stops[0].id == "S1");
    CHECK(feed.stops[0].name == "一丁目");
    CHECK(feed.stops[0].lon_lat == geo::Point{139.5, 35.5});
    CHECK(feed.report.file("stops.txt")->encoding == "UTF-8 with BOM");
    CHECK(feed.report.file("trips.txt")->encoding == "UTF-8 (detected)");
    REQUIRE(feed.trips.size() == 1);
    CHECK(times_of(feed, "T") == std::vector<std::string>{"07:00:00/07:00:00", "07:09:00/07:09:00"});
    CHECK(feed.calendar.empty());
    REQUIRE(feed.calendar_dates.size() == 1);
    CHECK(feed.calendar_dates[0].date == Date::from_ymd(2019, 5, 13));
    CHECK(feed.calendar_dates[0].type == ExceptionType::Added);
    // GTFS-JP's extra files (even with a typo in agency_jp.txt's header) are listed, not read.
    CHECK(feed.report.ignored_files == std::vector<std::string>{"agency_jp.txt", "translations.txt"});
    CHECK(feed.report.skipped_rows() == 0);
}

TEST_CASE("a CP932 feed is detected and read as UTF-8", "[transit]") {
    std::map<std::string, std::string> files;
    files["stops.txt"] = geo::recode("stop_id,stop_name,stop_lat,stop_lon\nS1,駅前,35.0,139.0\nS2,役場,35.1,139.1\n",
                                     geo::Encoding::Utf8, geo::Encoding::Cp932, "test");
    files["routes.txt"] = "route_id,route_type\nR,3\n";
    files["calendar.txt"] =
        "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
        "S,1,1,1,1,1,1,1,20190101,20191231\n";
    files["trips.txt"] = "route_id,service_id,trip_id\nR,S,T\n";
    files["stop_times.txt"] =
        "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT,7:00:00,7:00:00,S1,1\nT,7:10:00,7:10:00,S2,2\n";
    const Feed feed = load_feed(geo::FileSource::from_memory(files, "mem"), "cp932");
    REQUIRE(feed.stops.size() == 2);
    CHECK(feed.stops[0].name == "駅前");
    CHECK(feed.report.file("stops.txt")->encoding == "CP932 (detected)");
}

TEST_CASE("a missing required file or column stops with a message naming feed, file and column", "[transit]") {
    const std::string good = std::string(kHead) + R"(
        # trips.txt
        route_id,service_id,trip_id
        R,WK,T1
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        T1,08:00:00,08:00:00,A,1
        T1,08:10:00,08:10:00,D,2
    )";
    REQUIRE_NOTHROW(load_feed(gtfs_from_text(good), "ok"));

    auto without = [&](std::string_view section) {
        // Renames a section, so that the feed lacks that file.
        std::string text = good;
        text.replace(text.find(section), section.size(), "# unused_" + std::string(section.substr(2)));
        return gtfs_from_text(text, "inline feed");
    };
    const std::string no_stop_times = error_of(without("# stop_times.txt"));
    CHECK_THAT(no_stop_times, Catch::Contains("inline feed (feed \"broken\")"));
    CHECK_THAT(no_stop_times, Catch::Contains("has no stop_times.txt"));
    CHECK_THAT(error_of(without("# stops.txt")), Catch::Contains("has no stops.txt"));
    CHECK_THAT(error_of(without("# calendar.txt")), Catch::Contains("has neither calendar.txt nor calendar_dates.txt"));

    auto with_header = [&](std::string_view old_header, std::string_view new_header) {
        std::string text = good;
        text.replace(text.find(old_header), old_header.size(), new_header);
        return gtfs_from_text(text, "inline feed");
    };
    const std::string no_lat = error_of(with_header("stop_id,stop_name,stop_lat,", "stop_id,stop_name,latitude,"));
    CHECK_THAT(no_lat, Catch::Contains("(feed \"broken\")"));
    CHECK_THAT(no_lat, Catch::Contains("stops.txt has no column \"stop_lat\""));
    CHECK_THAT(no_lat, Catch::Contains("stop_id, stop_name, latitude, stop_lon"));
    CHECK_THAT(error_of(with_header("stop_id,stop_sequence", "stop_id,seq")),
               Catch::Contains("stop_times.txt has no column \"stop_sequence\""));
    CHECK_THAT(error_of(with_header("route_id,service_id,trip_id", "route_id,trip_id,x")),
               Catch::Contains("trips.txt has no column \"service_id\""));
}

TEST_CASE("bad rows are skipped and counted with their file and line", "[transit]") {
    const Feed feed = load_feed(gtfs_from_text(R"(
        # stops.txt
        stop_id,stop_name,stop_lat,stop_lon
        A,Alpha,0.0,10.00
        B,Bravo,0.0,10.01
        C,Charlie,0.0,10.03
        D,Delta,0.0,10.04
        E,Echo,north,10.05
        F,Foxtrot,0,0
        # routes.txt
        route_id,route_type
        R,3
        # calendar.txt
        service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date
        WK,1,1,1,1,1,0,0,20190501,20190531
        # trips.txt
        route_id,service_id,trip_id
        R,WK,T1
        X,WK,T3
        R,WK,T4
        R,WK,T5
        R,NOPE,T6
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        T1,08:00:00,08:00:00,A,1
        T1,08:05:00,08:05:00,B,2
        T1,25:7x:00,25:7x:00,C,3
        T1,08:10:00,08:10:00,D,4
        T2,09:00:00,09:00:00,A,1
        T1,08:20:00,08:20:00,Z,5
        T4,,,A,1
        T4,08:30:00,08:30:00,B,2
        T5,09:00:00,09:00:00,A,1
        T5,08:50:00,08:50:00,B,2
    )"),
                                "bad");
    const FileReport* stops = feed.report.file("stops.txt");
    REQUIRE(stops != nullptr);
    CHECK(stops->rows == 6);
    CHECK(stops->skipped.count == 2);
    CHECK(stops->skipped.first ==
          std::vector<std::string>{"stops.txt line 6: stop \"E\": stop_lat \"north\", stop_lon \"10.05\" are not "
                                   "degrees of latitude and longitude",
                                   "stops.txt line 7: stop \"F\" is at 0,0, a placeholder for a missing position"});
    const FileReport* trips = feed.report.file("trips.txt");
    CHECK(trips->skipped.count == 2);
    CHECK(trips->skipped.first ==
          std::vector<std::string>{"trips.txt line 3: trip \"T3\": route_id \"X\" is not in routes.txt",
                                   "trips.txt line 6: trip \"T6\": service_id \"NOPE\" is in neither calendar.txt "
                                   "nor calendar_dates.txt"});
    const FileReport* stop_times = feed.report.file("stop_times.txt");
    CHECK(stop_times->rows == 10);
    CHECK(stop_times->skipped.count == 3);
    CHECK(stop_times->skipped.first ==
          std::vector<std::string>{"stop_times.txt line 4: arrival_time \"25:7x:00\" is not HH:MM:SS",
                                   "stop_times.txt line 6: trip_id \"T2\" is not in trips.txt",
                                   "stop_times.txt line 7: stop_id \"Z\" is not in stops.txt"});
    CHECK(feed.report.skipped_rows() == 7);
    // Whole trips that cannot run are counted apart.
    CHECK(feed.report.dropped_trips.count == 2);
    CHECK(feed.report.dropped_trips.first ==
          std::vector<std::string>{"stop_times.txt line 8: trip \"T4\" has no time at its first stop; trip left out",
                                   "stop_times.txt line 11: trip \"T5\" arrives at 08:50:00, before it left the stop "
                                   "before at 09:00:00; trip left out"});
    REQUIRE(feed.trips.size() == 1);
    CHECK(times_of(feed, "T1") ==
          std::vector<std::string>{"08:00:00/08:00:00", "08:05:00/08:05:00", "08:10:00/08:10:00"});
}

TEST_CASE("only the first few messages are kept, but every bad row is counted", "[transit]") {
    std::string body =
        "# trips.txt\nroute_id,service_id,trip_id\nR,WK,T\n# stop_times.txt\n"
        "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
        "T,08:00:00,08:00:00,A,1\n";
    for (int i = 0; i < 12; ++i) body += "T,08:0x:00,08:05:00,B,2\n";
    body += "T,08:10:00,08:10:00,D,4\n";
    const Feed feed = load_text(body);
    const FileReport* stop_times = feed.report.file("stop_times.txt");
    CHECK(stop_times->skipped.count == 12);
    CHECK(stop_times->skipped.first.size() == Problems::kKeptMessages);
    CHECK(stop_times->skipped.first.back() == "stop_times.txt line 7: arrival_time \"08:0x:00\" is not HH:MM:SS");
}

TEST_CASE("blank times are interpolated by straight-line distance between stops", "[transit]") {
    // A to D is 600 s; B is 1/4 and C 3/4 of the way by distance (see kHead): 150 s and 450 s.
    const Feed feed = load_text(R"(
        # trips.txt
        route_id,service_id,trip_id
        R,WK,T1
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        T1,08:00:00,08:00:00,A,1
        T1,,,B,2
        T1,,,C,3
        T1,08:10:00,08:10:00,D,4
    )");
    CHECK(times_of(feed, "T1") ==
          std::vector<std::string>{"08:00:00/08:00:00", "08:02:30/08:02:30", "08:07:30/08:07:30", "08:10:00/08:10:00"});
    CHECK(feed.report.interpolated_times == 2);
    CHECK_FALSE(feed.stop_times[0].interpolated);
    CHECK(feed.stop_times[1].interpolated);
    CHECK(feed.stop_times[2].interpolated);
}

TEST_CASE("blank times are interpolated by shape_dist_traveled where the trip gives it", "[transit]") {
    // By shape distance B is at 1/5 and C at 4/5 of A..D (straight lines would say 1/4, 3/4).
    // T2 lacks C's shape distance, so its gap falls back to straight lines. T3 has two gaps, one
    // after a dwell: A 08:00, B ?, C 08:06-08:07, D ?, back to A 08:13 (B..C and D..A by shape).
    const Feed feed = load_text(R"(
        # trips.txt
        route_id,service_id,trip_id
        R,WK,T1
        R,WK,T2
        R,WK,T3
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence,shape_dist_traveled
        T1,08:00:00,08:00:00,A,1,0
        T1,,,B,2,1.0
        T1,,,C,3,4.0
        T1,08:10:00,08:10:00,D,4,5.0
        T2,09:00:00,09:00:00,A,1,0
        T2,,,B,2,1.0
        T2,,,C,3,
        T2,09:10:00,09:10:00,D,4,5.0
        T3,08:00:00,08:00:00,A,1,0
        T3,,,B,2,2
        T3,08:06:00,08:07:00,C,3,3
        T3,,,D,4,4.5
        T3,08:13:00,08:13:00,A,5,6
    )");
    CHECK(times_of(feed, "T1") ==
          std::vector<std::string>{"08:00:00/08:00:00", "08:02:00/08:02:00", "08:08:00/08:08:00", "08:10:00/08:10:00"});
    CHECK(times_of(feed, "T2") ==
          std::vector<std::string>{"09:00:00/09:00:00", "09:02:30/09:02:30", "09:07:30/09:07:30", "09:10:00/09:10:00"});
    // T3: B = 08:00 + 360 s * 2/3 = 08:04:00; D = 08:07 + 360 s * 1.5/3 = 08:10:00.
    CHECK(times_of(feed, "T3") == std::vector<std::string>{"08:00:00/08:00:00", "08:04:00/08:04:00",
                                                           "08:06:00/08:07:00", "08:10:00/08:10:00",
                                                           "08:13:00/08:13:00"});
    CHECK(feed.report.interpolated_times == 6);
}

TEST_CASE("frequencies become one trip per departure; the template does not run itself", "[transit]") {
    // F every 20 min from 06:00 while before 07:00 (exact): 06:00, 06:20, 06:40.
    // G every 10 min from 10:00 while before 10:30 (headway-based): 10:00, 10:10, 10:20.
    const Feed feed = load_text(R"(
        # trips.txt
        route_id,service_id,trip_id
        R,WK,F
        R,WK,G
        R,WK,S
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        F,08:00:00,08:00:00,A,1
        F,08:05:00,08:06:00,B,2
        F,08:12:00,08:12:00,C,3
        G,05:00:00,05:00:00,D,1
        G,05:04:00,05:04:00,A,2
        S,12:00:00,12:00:00,A,1
        S,12:10:00,12:10:00,D,2
        # frequencies.txt
        trip_id,start_time,end_time,headway_secs,exact_times
        F,06:00:00,07:00:00,1200,1
        G,10:00:00,10:30:00,600,0
    )");
    CHECK(feed.report.frequency_exact_trips == 3);
    CHECK(feed.report.frequency_headway_trips == 3);
    REQUIRE(feed.frequencies.size() == 2);
    CHECK(feed.frequencies[0].headway == Seconds(1200));
    CHECK(feed.frequencies[0].exact_times);
    CHECK_FALSE(feed.frequencies[1].exact_times);
    CHECK(feed.trips.size() == 9);
    CHECK(feed.running_trip_count() == 7);
    CHECK(feed.trips[feed.find_trip("F")->value()].kind == TripKind::FrequencyTemplate);
    CHECK(feed.trips[feed.find_trip("S")->value()].kind == TripKind::Scheduled);
    CHECK(feed.trips[feed.find_trip("F@06:20:00")->value()].kind == TripKind::FrequencyExact);
    CHECK(feed.trips[feed.find_trip("G@10:10:00")->value()].kind == TripKind::FrequencyHeadway);
    CHECK(times_of(feed, "F@06:00:00") ==
          std::vector<std::string>{"06:00:00/06:00:00", "06:05:00/06:06:00", "06:12:00/06:12:00"});
    CHECK(times_of(feed, "F@06:40:00") ==
          std::vector<std::string>{"06:40:00/06:40:00", "06:45:00/06:46:00", "06:52:00/06:52:00"});
    CHECK_FALSE(feed.find_trip("F@07:00:00"));
    CHECK(times_of(feed, "G@10:20:00") == std::vector<std::string>{"10:20:00/10:20:00", "10:24:00/10:24:00"});
    CHECK_FALSE(feed.find_trip("G@10:30:00"));
}

TEST_CASE("transfers, parent stations and feed_info are read", "[transit]") {
    const Feed feed = load_feed(gtfs_from_text(R"(
        # stops.txt
        stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station
        P1,Platform 1,35.0,139.0,0,ST
        P2,Platform 2,35.0,139.0001,0,ST
        ST,Station,35.0,139.00005,1,
        C,Corner,35.001,139.0,0,
        Q,Lost,35.002,139.0,0,NOWHERE
        EN,Entrance,35.0,139.0002,2,ST
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
        from_stop_id,to_stop_id,transfer_type,min_transfer_time,from_trip_id
        P1,C,2,120,
        ST,C,2,60,
        C,P2,3,,
        P1,P2,1,,T
        P1,Z,0,,
        EN,C,0,,
        # feed_info.txt
        feed_publisher_name,feed_lang,feed_start_date,feed_end_date,feed_version
        Someone,ja,20190401,20200331,v1
    )"),
                                "st");
    REQUIRE(feed.stops.size() == 6);
    CHECK(feed.stops[5].location_type == LocationType::Entrance);
    CHECK(feed.stops[5].parent_station == feed.find_stop("ST"));
    CHECK(feed.stops[0].parent_station == feed.find_stop("ST"));
    CHECK(feed.stops[2].location_type == LocationType::Station);
    CHECK_FALSE(feed.stops[4].parent_station);
    CHECK(feed.report.file("stops.txt")->repaired.first ==
          std::vector<std::string>{"stops.txt line 6: parent_station \"NOWHERE\" of stop \"Q\" is not in stops.txt; "
                                   "the stop is kept without it"});
    REQUIRE(feed.transfers.size() == 3);
    CHECK(feed.transfers[0].from == feed.find_stop("P1"));
    CHECK(feed.transfers[0].min_transfer_time == Seconds(120));
    CHECK(feed.transfers[1].from == feed.find_stop("ST"));
    CHECK(feed.transfers[2].type == TransferType::NotPossible);
    CHECK_FALSE(feed.transfers[2].min_transfer_time);
    CHECK(feed.report.file("transfers.txt")->skipped.first ==
          std::vector<std::string>{
              "transfers.txt line 5: a trip- or route-specific transfer; only stop-to-stop transfers are used",
              "transfers.txt line 6: to_stop_id \"Z\" is not in stops.txt",
              "transfers.txt line 7: from_stop_id \"EN\" is neither a stop nor a station (location_type 0 or 1)"});
    REQUIRE(feed.feed_info);
    CHECK(feed.feed_info->start == Date::from_ymd(2019, 4, 1));
    CHECK(feed.feed_info->end == Date::from_ymd(2020, 3, 31));
    CHECK(feed.feed_info->version == "v1");
}

TEST_CASE("a feed loads from a folder, named after it unless named", "[transit]") {
    needmap::test::TempDir dir;
    const geo::FileSource memory = gtfs_from_text(std::string(kHead) + R"(
        # trips.txt
        route_id,service_id,trip_id
        R,WK,T1
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        T1,08:00:00,08:00:00,A,1
        T1,08:10:00,08:10:00,D,2
    )");
    for (const auto& name : memory.names()) needmap::test::write_file(dir / "town_bus" / name, memory.read(name));
    const Feed feed = load_feed(dir / "town_bus");
    CHECK(feed.name == "town_bus");
    CHECK(feed.trips.size() == 1);
    CHECK(load_feed(dir / "town_bus", "other").name == "other");
    CHECK_THROWS_WITH(load_feed(dir / "nowhere.zip"), Catch::Contains("nowhere.zip"));
}
