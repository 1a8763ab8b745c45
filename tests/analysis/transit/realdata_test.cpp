// Real feeds from ../shared/data: seven Japanese GTFS-JP community-bus feeds and Porto Alegre's
// bus and rail feeds (r5r's sample data). Expected figures come from the data's SOURCES.txt and
// from counting the files with Python's csv module, not from needmap.

#include "needmap/analysis/transit/transit.hpp"
#include "test_support.hpp"
#include "timetable_checks.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace needmap;
using namespace needmap::analysis::transit;

namespace {

Date day(int y, int m, int d) {
    return *Date::from_ymd(y, m, d);
}

struct JpFeed {
    const char* file;
    std::size_t stop_rows;   ///< stops.txt rows, stations included (SOURCES.txt)
    std::size_t trips;       ///< SOURCES.txt
    std::size_t stop_times;  ///< stop_times.txt rows
    DateRange calendar;      ///< calendar.txt dates and calendar_dates.txt added dates
    DateRange feed_info;     ///< feed_info.txt
    std::size_t trips_on_2019_05_13;
    bool gunma;  ///< a Gunma feed (frequencies.txt, transfers.txt, agency_jp.txt's header typo)
};

const std::vector<JpFeed>& jp_feeds() {
    static const std::vector<JpFeed> feeds = {
        {"133.zip",
         581,
         102,
         3787,
         {day(2018, 10, 8), day(2020, 3, 31)},
         {day(2019, 4, 1), day(2020, 3, 31)},
         102,
         false},
        {"403491_fureaibus_gtfs_20190401.zip",
         131,
         32,
         898,
         {day(2019, 4, 1), day(2020, 3, 31)},
         {day(2019, 4, 1), day(2020, 3, 31)},
         16,
         false},
        {"GTFS(tamarin-gunma-jp).zip",
         138,
         62,
         1153,
         {day(2018, 4, 1), day(2019, 9, 30)},
         {day(2018, 4, 1), day(2019, 9, 30)},
         34,
         false},
        {"gtfs.1043.showamura_com.zip",
         222,
         32,
         1451,
         {day(2018, 8, 29), day(2019, 9, 30)},
         {day(2018, 8, 29), day(2019, 9, 30)},
         24,
         true},
        {"gtfs.1048.oizumimachi_com.zip",
         95,
         11,
         278,
         {day(2018, 8, 29), day(2019, 9, 30)},
         {day(2018, 8, 29), day(2019, 9, 30)},
         11,
         true},
        {"gtfs.1049.oramachi_com.zip",
         119,
         12,
         323,
         {day(2018, 8, 29), day(2019, 9, 30)},
         {day(2018, 8, 29), day(2019, 9, 30)},
         11,
         true},
        {"town_asahi_gtfs.zip",
         102,
         48,
         1611,
         {day(2019, 4, 4), day(2020, 4, 2)},
         {day(2019, 4, 4), day(2020, 4, 2)},
         48,
         false},
    };
    return feeds;
}

}  // namespace

TEST_CASE("all seven GTFS-JP feeds load with their counts and service dates", "[transit][realdata]") {
    NEEDMAP_SHARED_DATA(dir, "gtfs-jp");
    std::vector<Feed> feeds;
    for (const JpFeed& expected : jp_feeds()) {
        INFO(expected.file);
        feeds.push_back(load_feed(dir / expected.file));
        const Feed& feed = feeds.back();
        CHECK(feed.stops.size() == expected.stop_rows);
        CHECK(feed.trips.size() == expected.trips);
        CHECK(feed.running_trip_count() == expected.trips);
        CHECK(feed.stop_times.size() == expected.stop_times);
        CHECK(feed.report.skipped_rows() == 0);
        CHECK(feed.report.dropped_trips.count == 0);
        CHECK(feed.report.interpolated_times == 0);
        CHECK(ServiceCalendar(feed).range() == expected.calendar);
        REQUIRE(feed.feed_info);
        CHECK(feed.feed_info->start == expected.feed_info.first);
        CHECK(feed.feed_info->end == expected.feed_info.last);
        CHECK_FALSE(feed.agencies.empty());
        const auto& ignored = feed.report.ignored_files;
        CHECK(std::find(ignored.begin(), ignored.end(), "agency_jp.txt") != ignored.end());
        if (expected.gunma) {
            // frequencies.txt and transfers.txt are there, with a header and no rows.
            REQUIRE(feed.report.file("frequencies.txt") != nullptr);
            CHECK(feed.report.file("frequencies.txt")->rows == 0);
            REQUIRE(feed.report.file("transfers.txt") != nullptr);
            CHECK(feed.report.file("transfers.txt")->rows == 0);
            CHECK(feed.report.file("stops.txt")->encoding == "UTF-8 (detected)");
        }
    }
    // 佐野市's files start with a BOM; its stops have parent stations (location_type 1).
    CHECK(feeds[0].report.file("stops.txt")->encoding == "UTF-8 with BOM");
    CHECK(feeds[0].stops[0].parent_station);
    CHECK(feeds[1].agencies[0].name == "ふれあいバス（粕屋町福祉巡回バス）");

    DayReport report;
    const Timetable tt = build_timetable(feeds, day(2019, 5, 13), DayOptions{}, report);
    test::check_timetable_layout(tt);
    std::size_t trips = 0;
    for (std::size_t i = 0; i < feeds.size(); ++i) {
        INFO(jp_feeds()[i].file);
        CHECK(report.feeds[i].trips == jp_feeds()[i].trips_on_2019_05_13);
        trips += jp_feeds()[i].trips_on_2019_05_13;
    }
    CHECK(tt.trip_count() == trips);
    CHECK(report.warnings.empty());

    // あさひまちバス runs on weekdays only, one trip until 24:00:00 exactly.
    (void)build_timetable(feeds, day(2019, 5, 12), DayOptions{}, report);
    CHECK(report.warnings == std::vector<std::string>{"feed \"town_asahi_gtfs\" runs no trip on 2019-05-12 (Sunday); "
                                                      "its busiest day within a year is 2019-05-13 (Monday) with 48 "
                                                      "trips"});
    const Timetable tuesday = build_timetable(feeds, day(2019, 5, 14), DayOptions{}, report);
    CHECK(report.feeds[6].trips_from_previous_day == 1);
    const auto late = std::find(tuesday.trip_previous_day.begin(), tuesday.trip_previous_day.end(), 1);
    REQUIRE(late != tuesday.trip_previous_day.end());
    const auto t = static_cast<std::uint32_t>(late - tuesday.trip_previous_day.begin());
    CHECK(tuesday.trip_gtfs_ids[t] == "town_asahi_gtfs:平日_23時15分_系統yamamawari02");
    const analysis::RouteId route = tuesday.trip_route[t];
    CHECK(tuesday.arrival_at(analysis::TripId(t), tuesday.stop_count_of(route) - 1) == Seconds(0));
}

TEST_CASE("Porto Alegre's bus and rail feeds make the r5r benchmark's day timetable", "[transit][realdata]") {
    NEEDMAP_SHARED_DATA(dir, "r5r-poa");
    std::vector<Feed> feeds;
    feeds.push_back(load_feed(dir / "poa_eptc.zip"));
    feeds.push_back(load_feed(dir / "poa_trensurb.zip"));
    const Feed& bus = feeds[0];
    CHECK(bus.name == "poa_eptc");
    CHECK(bus.stops.size() == 3986);
    CHECK(bus.trips.size() == 2374);
    CHECK(bus.stop_times.size() == 130019);
    // 96% of the bus feed's stop times are blank: every one is filled, none of its trips lost.
    CHECK(bus.report.interpolated_times == 125271);
    CHECK(bus.report.dropped_trips.count == 0);
    CHECK(bus.report.skipped_rows() == 0);
    CHECK(ServiceCalendar(bus).range() == DateRange{day(2019, 4, 15), day(2019, 7, 15)});
    const Feed& rail = feeds[1];
    CHECK(rail.stops.size() == 24);
    CHECK(rail.trips.size() == 1248);
    CHECK(rail.stop_times.size() == 14855);
    CHECK(rail.report.interpolated_times == 0);
    CHECK(rail.agencies[0].name == "TRENSURB");  // its header reads " agency_name", with a space

    // The benchmark's day, a Monday. Trips and routes (FIFO groups) counted by a Python script
    // that interpolates and groups the feeds on its own.
    DayReport report;
    const Timetable tt = build_timetable(feeds, day(2019, 5, 13), DayOptions{}, report);
    test::check_timetable_layout(tt);
    CHECK(tt.stop_count() == 3986 + 24);
    CHECK(tt.trip_count() == 2374 + 529);
    CHECK(tt.route_count() == 222);
    CHECK(report.feeds[0].trips == 2374);
    CHECK(report.feeds[1].trips == 529);
    CHECK(report.warnings.empty());

    // A date after both calendars: loud warnings, no trips.
    const Timetable late = build_timetable(feeds, day(2020, 5, 13), DayOptions{}, report);
    CHECK(late.trip_count() == 0);
    REQUIRE(report.warnings.size() == 2);
    CHECK(report.warnings[0] ==
          "feed \"poa_eptc\" runs no trip on 2020-05-13 (Wednesday): the date is outside its calendar, 2019-04-15 to "
          "2019-07-15. Choose a date inside it, such as 2019-07-15 (Monday) with 2374 trips");
    CHECK_THAT(report.warnings[1], Catch::StartsWith("feed \"poa_trensurb\" runs no trip on 2020-05-13 (Wednesday): "
                                                     "the date is outside its calendar, 2019-03-01 to 2019-12-31"));
}
