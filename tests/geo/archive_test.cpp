#include "needmap/geo/archive.hpp"

#include "needmap/geo/error.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace needmap::geo;
using needmap::test::TempDir;
using needmap::test::write_file;

TEST_CASE("a folder of files, and files in memory", "[archive]") {
    TempDir dir;
    write_file(dir / "feed" / "stops.txt", "stop_id\n1\n");
    write_file(dir / "feed" / "sub" / "extra.txt", "x");
    const FileSource folder = FileSource::open(dir / "feed");
    CHECK(folder.names() == std::vector<std::string>{"stops.txt", "sub/extra.txt"});
    CHECK(folder.read("stops.txt") == "stop_id\n1\n");
    CHECK_FALSE(folder.read_if_present("trips.txt").has_value());
    CHECK_THROWS_WITH(folder.read("trips.txt"), Catch::Contains("feed: has no trips.txt"));

    const FileSource memory = FileSource::from_memory({{"a.txt", "1"}, {"b.txt", "2"}}, "inline");
    CHECK(memory.contains("b.txt"));
    CHECK(memory.read("a.txt") == "1");
    CHECK_THROWS_WITH(memory.read("c.txt"), Catch::Contains("inline: has no c.txt"));
}

TEST_CASE("missing and corrupt archives are named", "[archive]") {
    TempDir dir;
    CHECK_THROWS_WITH(FileSource::open(dir / "none.zip"), Catch::Contains("none.zip: no such file"));
    write_file(dir / "bad.zip", "PK but not a zip");
    CHECK_THROWS_WITH(FileSource::open(dir / "bad.zip"), Catch::Contains("bad.zip") && Catch::Contains("zip"));
}

TEST_CASE("a real GTFS zip lists its files at the root", "[realdata]") {
    NEEDMAP_SHARED_DATA(dir, "gtfs-jp");
    const FileSource feed = FileSource::open(dir / "403491_fureaibus_gtfs_20190401.zip");
    CHECK(feed.contains("stops.txt"));
    CHECK(feed.contains("agency_jp.txt"));
    const std::string stops = feed.read("stops.txt");
    CHECK(stops.find("stop_id") < 10);  // at the start, after a BOM if there is one
    CHECK(stops.size() > 1000);
}
