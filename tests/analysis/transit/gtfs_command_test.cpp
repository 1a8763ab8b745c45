// `needmap gtfs` as a user meets it: counts, skipped rows, the day's trips, warnings, exit codes.

#include "../cli_run.hpp"
#include "gtfs_text.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <string>

using needmap::test::run_needmap;
using needmap::test::TempDir;

namespace {

/// Writes an inline feed to a folder.
void write_feed(const std::filesystem::path& folder, std::string_view text) {
    const auto files = needmap::test::gtfs_from_text(text);
    for (const auto& name : files.names()) needmap::test::write_file(folder / name, files.read(name));
}

constexpr std::string_view kFeed = R"(
    # agency.txt
    agency_name,agency_url,agency_timezone
    Welfare Bus,http://example.org,Asia/Tokyo
    # stops.txt
    stop_id,stop_name,stop_lat,stop_lon
    A,Alpha,35.00,139.0
    B,Bravo,35.01,139.0
    C,Charlie,35.02,139.0
    # routes.txt
    route_id,route_type
    R,3
    # calendar.txt
    service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date
    WK,1,1,1,1,1,0,0,20190501,20190531
    # trips.txt
    route_id,service_id,trip_id
    R,WK,T1
    R,WK,T2
    # stop_times.txt
    trip_id,arrival_time,departure_time,stop_id,stop_sequence
    T1,08:00:00,08:00:00,A,1
    T1,,,B,2
    T1,08:20:00,08:20:00,C,3
    T2,09:00:00,09:00:00,A,1
    T2,25:7x:00,25:7x:00,B,2
    T2,09:20:00,09:20:00,C,3
    # shapes.txt
    shape_id,shape_pt_lat,shape_pt_lon,shape_pt_sequence
)";

}  // namespace

TEST_CASE("needmap gtfs prints what it read and the trips running on a date", "[transit][integration][cli]") {
    TempDir dir;
    write_feed(dir / "welfare_bus", kFeed);
    const auto run = run_needmap("gtfs " + (dir / "welfare_bus").string() + " --date 2019-05-14");
    CHECK(run.status == 0);
    CHECK_THAT(run.output, Catch::Contains("welfare_bus  "));
    CHECK_THAT(run.output, Catch::Contains("agency        Welfare Bus"));
    CHECK_THAT(run.output, Catch::Contains("stops         3 ("));
    CHECK_THAT(run.output, Catch::Contains("trips         2 (0 made from frequencies"));
    CHECK_THAT(run.output, Catch::Contains("stop times    5 (1 interpolated)"));
    CHECK_THAT(run.output, Catch::Contains("calendar      2019-05-01 to 2019-05-31"));
    CHECK_THAT(run.output, Catch::Contains("skipped rows  stop_times.txt 1"));
    CHECK_THAT(run.output, Catch::Contains("stop_times.txt line 6: arrival_time \"25:7x:00\" is not HH:MM:SS"));
    CHECK_THAT(run.output, Catch::Contains("not used      shapes.txt"));
    CHECK_THAT(run.output, Catch::Contains("2019-05-14 (Tuesday)"));
    CHECK_THAT(run.output, Catch::Contains("1 of 1 services running, 2 trips"));
    // T2 lost its row at B, so it runs A-C: a route of its own.
    CHECK_THAT(run.output, Catch::Contains("3 stops, 2 routes (trips with one stop sequence), 2 trips"));
    CHECK_THAT(run.output, !Catch::Contains("WARNING"));

    const auto sunday = run_needmap("--quiet gtfs " + (dir / "welfare_bus").string() + " --date 2019-05-19");
    CHECK(sunday.status == 0);
    CHECK_THAT(sunday.output, Catch::Contains("WARNING: feed \"welfare_bus\" runs no trip on 2019-05-19 (Sunday)"));
}

TEST_CASE("needmap gtfs fails with exit 1 and a message on bad input", "[transit][integration][cli]") {
    TempDir dir;
    write_feed(dir / "feed", kFeed);
    const auto bad_date = run_needmap("gtfs " + (dir / "feed").string() + " --date 2019-13-01");
    CHECK(bad_date.status == 1);
    CHECK_THAT(bad_date.output, Catch::Contains("--date \"2019-13-01\" is not a date as YYYY-MM-DD"));

    std::string text(kFeed);
    text.replace(text.find("# stop_times.txt"), 16, "# stop_times.bak");
    write_feed(dir / "incomplete", text);
    const auto missing = run_needmap("gtfs " + (dir / "incomplete").string());
    CHECK(missing.status == 1);
    CHECK_THAT(missing.output, Catch::Contains("(feed \"incomplete\"): has no stop_times.txt"));

    const auto nowhere = run_needmap("gtfs " + (dir / "nowhere.zip").string());
    CHECK(nowhere.status == 1);
    CHECK_THAT(nowhere.output, Catch::Contains("nowhere.zip: no such file or folder"));
}

TEST_CASE("needmap gtfs warns about a date outside a real feed's calendar", "[transit][integration][realdata][cli]") {
    NEEDMAP_SHARED_DATA(dir, "r5r-poa");
    const auto run = run_needmap("gtfs " + (dir / "poa_eptc.zip").string() + " --date 2019-08-01");
    CHECK(run.status == 0);
    CHECK_THAT(run.output, Catch::Contains("stop times    130019 (125271 interpolated)"));
    CHECK_THAT(run.output, Catch::Contains("WARNING: feed \"poa_eptc\" runs no trip on 2019-08-01 (Thursday): the date "
                                           "is outside its calendar, 2019-04-15 to 2019-07-15"));
}

// Issue 14's journey "missed" in Porto Alegre, traced: from (-51.16740, -30.05445) to (-51.23842,
// -30.08029) on 2019-05-13 at 3.6 km/h, an independent connection scan rides trip T4-1@1#1537 to
// stop 848 and walks 1,437 m on, arriving after about 81 minutes (72.2 leaving at 15:40). needmap
// takes walks to and from stops up to --max-walk-to-stop (800 m by default), so with the default
// it finds no bus journey from 15:50 on and gives the walk; given room for that walk it finds the
// bus journey, and one at least as quick.
TEST_CASE("Porto Alegre: the 15:50 journey that alights 1.4 km from the destination", "[transit][integration][realdata][cli]") {
    NEEDMAP_SHARED_DATA(dir, "r5r-poa");
    TempDir tmp;
    needmap::test::write_file(tmp / "from.csv", "id,lon,lat\nfrom,-51.16740,-30.05445\n");
    needmap::test::write_file(tmp / "to.csv", "id,lon,lat\nto,-51.23842,-30.08029\n");
    const auto minutes = [&](const std::string& options) {
        const auto run = run_needmap("matrix -q --osm " + (dir / "poa_osm.pbf").string() + " --origins " +
                                     (tmp / "from.csv").string() + " --destinations " + (tmp / "to.csv").string() +
                                     " --walk-speed 3.6 --max-time 180 " + options + " -o " + (tmp / "m.csv").string());
        REQUIRE(run.status == 0);
        const std::string csv = needmap::test::read_file(tmp / "m.csv");
        return std::stod(csv.substr(csv.rfind(',') + 1));
    };
    const std::string bus = "--mode transit --gtfs " + (dir / "poa_eptc.zip").string() + " --gtfs " +
                            (dir / "poa_trensurb.zip").string() + " --window 1 --max-rides 10 --departure 2019-05-13T";
    const double walk = minutes("--mode walk");
    CHECK(walk == Approx(148.9).margin(0.05));
    // The cause: within 800 m of walking at either end, no bus journey beats the walk at 15:50.
    CHECK(minutes(bus + "15:50") == Approx(walk).margin(0.05));
    // With walks of up to 1,500 m the bus journey is found, at least as quick as the independent one.
    const double at_1550 = minutes(bus + "15:50 --max-walk-to-stop 1500");
    CHECK(at_1550 <= 81.0 + 0.5);
    CHECK(at_1550 < walk);
    CHECK(minutes(bus + "15:40 --max-walk-to-stop 1500") <= 72.2 + 0.5);
}
