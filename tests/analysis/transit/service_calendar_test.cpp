// Which services run on which days: calendar.txt weekdays and dates, calendar_dates.txt exceptions.

#include "needmap/analysis/transit/service_calendar.hpp"

#include "gtfs_text.hpp"

#include <catch2/catch.hpp>

using namespace needmap;
using namespace needmap::analysis::transit;
using needmap::test::gtfs_from_text;

namespace {

Date day(int y, int m, int d) {
    return *Date::from_ymd(y, m, d);
}

// WK runs on weekdays of May 2019 except Wednesday the 15th; SP runs only on Saturday the 18th;
// WE runs on weekends of May 2019. WK has 3 trips, SP 1, WE 2.
const Feed& calendar_feed() {
    static const Feed feed = load_feed(gtfs_from_text(R"(
        # stops.txt
        stop_id,stop_name,stop_lat,stop_lon
        A,Alpha,35.0,139.0
        B,Bravo,35.01,139.0
        # routes.txt
        route_id,route_type
        R,3
        # calendar.txt
        service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date
        WK,1,1,1,1,1,0,0,20190501,20190531
        WE,0,0,0,0,0,1,1,20190501,20190531
        # calendar_dates.txt
        service_id,date,exception_type
        WK,20190515,2
        SP,20190518,1
        # trips.txt
        route_id,service_id,trip_id
        R,WK,W1
        R,WK,W2
        R,WK,W3
        R,SP,P1
        R,WE,E1
        R,WE,E2
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        W1,07:00:00,07:00:00,A,1
        W1,07:10:00,07:10:00,B,2
        W2,08:00:00,08:00:00,A,1
        W2,08:10:00,08:10:00,B,2
        W3,09:00:00,09:00:00,A,1
        W3,09:10:00,09:10:00,B,2
        P1,10:00:00,10:00:00,A,1
        P1,10:10:00,10:10:00,B,2
        E1,11:00:00,11:00:00,A,1
        E1,11:10:00,11:10:00,B,2
        E2,12:00:00,12:00:00,A,1
        E2,12:10:00,12:10:00,B,2
    )"),
                                       "cal");
    return feed;
}

ServiceIndex service(const Feed& feed, std::string_view id) {
    for (std::uint32_t i = 0; i < feed.services.size(); ++i)
        if (feed.services[i] == id) return ServiceIndex(i);
    FAIL("no service " << id);
    return ServiceIndex(0);
}

}  // namespace

TEST_CASE("a service runs on its weekdays between its dates", "[transit]") {
    const Feed& feed = calendar_feed();
    const ServiceCalendar calendar(feed);
    const ServiceIndex wk = service(feed, "WK");
    CHECK(calendar.is_active(wk, day(2019, 5, 1)));  // a Wednesday, first day
    CHECK(calendar.is_active(wk, day(2019, 5, 14)));
    CHECK(calendar.is_active(wk, day(2019, 5, 31)));        // a Friday, last day
    CHECK_FALSE(calendar.is_active(wk, day(2019, 5, 11)));  // Saturday
    CHECK_FALSE(calendar.is_active(wk, day(2019, 4, 30)));  // before start_date
    CHECK_FALSE(calendar.is_active(wk, day(2019, 6, 3)));   // a Monday after end_date
    REQUIRE(calendar.range());
    CHECK(*calendar.range() == DateRange{day(2019, 5, 1), day(2019, 5, 31)});
}

TEST_CASE("calendar exceptions remove a service from a day and add one to a day", "[transit]") {
    const Feed& feed = calendar_feed();
    const ServiceCalendar calendar(feed);
    const ServiceIndex wk = service(feed, "WK");
    const ServiceIndex sp = service(feed, "SP");
    const ServiceIndex we = service(feed, "WE");
    CHECK_FALSE(calendar.is_active(wk, day(2019, 5, 15)));  // removed
    CHECK(calendar.is_active(wk, day(2019, 5, 16)));
    CHECK(calendar.is_active(sp, day(2019, 5, 18)));  // added, with no calendar.txt row
    CHECK_FALSE(calendar.is_active(sp, day(2019, 5, 19)));

    std::vector<bool> expected(feed.services.size(), false);
    expected[sp.value()] = true;
    expected[we.value()] = true;
    CHECK(calendar.active_services(day(2019, 5, 18)) == expected);
    CHECK(calendar.active_services(day(2019, 5, 15)) == std::vector<bool>(feed.services.size(), false));

    CHECK(calendar.trips_on(day(2019, 5, 14)) == 3);
    CHECK(calendar.trips_on(day(2019, 5, 15)) == 0);
    CHECK(calendar.trips_on(day(2019, 5, 18)) == 3);  // SP 1 + WE 2
    CHECK(calendar.trips_on(day(2019, 5, 19)) == 2);
}

TEST_CASE("the busiest day near a date is the nearest of the days with the most trips", "[transit]") {
    const ServiceCalendar calendar(calendar_feed());
    // Weekdays but the 15th have 3 trips, as does Saturday the 18th (SP + WE). Of the nearest to
    // Sunday the 19th (the 18th and the 20th) and to the 15th (the 14th and the 16th), the
    // earlier wins.
    auto busiest = calendar.busiest_day_near(day(2019, 5, 19), 366);
    REQUIRE(busiest);
    CHECK(busiest->date == day(2019, 5, 18));
    CHECK(busiest->trips == 3);
    busiest = calendar.busiest_day_near(day(2019, 5, 15), 366);
    REQUIRE(busiest);
    CHECK(busiest->date == day(2019, 5, 14));
    CHECK_FALSE(calendar.busiest_day_near(day(2021, 1, 1), 30));
}
