// Dates and times of day of GTFS service days.

#include "needmap/analysis/transit/date.hpp"

#include <catch2/catch.hpp>

using namespace needmap;
using namespace needmap::analysis::transit;

TEST_CASE("dates convert to and from days since 1970-01-01, with their weekday", "[transit]") {
    // Expected day counts from Python's datetime.date arithmetic.
    CHECK(Date::from_ymd(1970, 1, 1)->days_since_epoch() == 0);
    CHECK(Date::from_ymd(2000, 1, 1)->days_since_epoch() == 10957);
    CHECK(Date::from_ymd(2019, 5, 13)->days_since_epoch() == 18029);
    CHECK(Date::from_ymd(1600, 2, 29)->days_since_epoch() == -135081);
    CHECK(Date::from_ymd(1, 1, 1)->days_since_epoch() == -719162);
    CHECK(Date::from_ymd(9999, 12, 31)->days_since_epoch() == 2932896);

    CHECK(Date::from_ymd(2019, 5, 13)->weekday() == Weekday::Monday);
    CHECK(Date::from_ymd(2019, 5, 12)->weekday() == Weekday::Sunday);
    CHECK(Date::from_ymd(1970, 1, 1)->weekday() == Weekday::Thursday);
    CHECK(Date::from_ymd(1600, 2, 29)->weekday() == Weekday::Tuesday);
    CHECK(Date::from_ymd(1, 1, 1)->weekday() == Weekday::Monday);
    CHECK(Date::from_ymd(9999, 12, 31)->weekday() == Weekday::Friday);

    CHECK(Date::from_ymd(2000, 2, 29));
    CHECK_FALSE(Date::from_ymd(1900, 2, 29));
    CHECK_FALSE(Date::from_ymd(2019, 2, 29));
    CHECK_FALSE(Date::from_ymd(2019, 13, 1));
    CHECK_FALSE(Date::from_ymd(2019, 4, 31));
    CHECK_FALSE(Date::from_ymd(0, 1, 1));

    const Date d = *Date::from_ymd(2020, 2, 28);
    CHECK((d + 1).to_string() == "2020-02-29");
    CHECK((d + 2).to_string() == "2020-03-01");
    CHECK((d - 59).to_string() == "2019-12-31");
    CHECK(*Date::from_ymd(2020, 3, 1) - d == 2);
    for (std::int32_t days = -719162; days <= 2932896; days += 997) {
        const Date x = Date::from_days_since_epoch(days);
        REQUIRE(Date::from_ymd(x.year(), x.month(), x.day()) == x);
    }
}

TEST_CASE("GTFS and ISO dates are parsed strictly", "[transit]") {
    CHECK(parse_gtfs_date("20190513") == Date::from_ymd(2019, 5, 13));
    CHECK(parse_gtfs_date(" 20190513 ") == Date::from_ymd(2019, 5, 13));
    CHECK_FALSE(parse_gtfs_date("2019-05-13"));
    CHECK_FALSE(parse_gtfs_date("20190229"));
    CHECK_FALSE(parse_gtfs_date("2019051"));
    CHECK(parse_iso_date("2019-05-13") == Date::from_ymd(2019, 5, 13));
    CHECK_FALSE(parse_iso_date("20190513"));
    CHECK_FALSE(parse_iso_date("2019/05/13"));
    CHECK(DateRange{*Date::from_ymd(2019, 4, 1), *Date::from_ymd(2020, 3, 31)}.to_string() ==
          "2019-04-01 to 2020-03-31");
}

TEST_CASE("GTFS times of day are seconds since midnight, past 24:00 allowed", "[transit]") {
    CHECK(parse_gtfs_time("08:05:09") == Seconds(8 * 3600 + 5 * 60 + 9));
    CHECK(parse_gtfs_time("8:05:09") == Seconds(8 * 3600 + 5 * 60 + 9));
    CHECK(parse_gtfs_time(" 07:00:00 ") == Seconds(7 * 3600));
    CHECK(parse_gtfs_time("25:07:00") == Seconds(25 * 3600 + 7 * 60));
    CHECK(parse_gtfs_time("123:00:00") == Seconds(123 * 3600));
    CHECK_FALSE(parse_gtfs_time(""));
    CHECK_FALSE(parse_gtfs_time("25:7x:00"));
    CHECK_FALSE(parse_gtfs_time("8:60:00"));
    CHECK_FALSE(parse_gtfs_time("8:00:60"));
    CHECK_FALSE(parse_gtfs_time("8:5:00"));
    CHECK_FALSE(parse_gtfs_time("08:05"));
    CHECK_FALSE(parse_gtfs_time("-1:00:00"));
    CHECK(format_gtfs_time(Seconds(25 * 3600 + 7 * 60)) == "25:07:00");
    CHECK(format_gtfs_time(Seconds(-600)) == "-00:10:00");
    CHECK(format_gtfs_time(Seconds(0)) == "00:00:00");
}
