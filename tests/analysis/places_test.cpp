#include "needmap/analysis/places.hpp"

#include "needmap/geo/error.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace needmap;
using Catch::Detail::Approx;
using needmap::test::TempDir;
using needmap::test::write_file;

TEST_CASE("places from a CSV in either column order, into a metric CRS", "[places]") {
    TempDir dir;
    write_file(dir / "a.csv", "id,lat,lon\nhall,35.0,136.0\n");
    write_file(dir / "b.csv", "name,lon,lat\nhall,136.0,35.0\n");
    const geo::Crs zone6 = geo::Crs::from_epsg(6674);  // origin 36°N 136°E
    const auto a = analysis::read_places(dir / "a.csv", zone6);
    analysis::PlacesOptions by_name;
    by_name.id_field = "name";
    const auto b = analysis::read_places(dir / "b.csv", zone6, by_name);
    REQUIRE(a.size() == 1);
    CHECK(a[0].id == "hall");
    CHECK(a[0].position.x == Approx(0).margin(1e-6));  // on the zone's central meridian
    CHECK(a[0].position.y < -110000);                  // about 111 km south of 36°N
    CHECK(a[0].position.y > -112000);
    CHECK(b[0].position.x == Approx(a[0].position.x).margin(1e-6));
    CHECK(b[0].position.y == Approx(a[0].position.y));
}

TEST_CASE("places refuse duplicate and empty ids, and files without points", "[places]") {
    TempDir dir;
    const geo::Crs crs = geo::wgs84();
    write_file(dir / "dup.csv", "id,lon,lat\n1,136,35\n2,136,35\n1,136.1,35\n");
    CHECK_THROWS_WITH(analysis::read_places(dir / "dup.csv", crs), Catch::Contains("dup.csv line 4") &&
                                                                       Catch::Contains("\"1\" is used twice") &&
                                                                       Catch::Contains("line 2"));
    write_file(dir / "empty.csv", "id,lon,lat\n,136,35\n");
    CHECK_THROWS_WITH(analysis::read_places(dir / "empty.csv", crs),
                      Catch::Contains("empty.csv line 2") && Catch::Contains("empty"));
    write_file(dir / "nogeom.csv", "id,population\n1,100\n");
    CHECK_THROWS_WITH(analysis::read_places(dir / "nogeom.csv", crs),
                      Catch::Contains("nogeom.csv: has no point geometry"));
}

TEST_CASE("a repeated id is refused as the rows stream in, before the rest of a large file is read", "[places]") {
    TempDir dir;
    const geo::Crs crs = geo::wgs84();
    // 200,000 rows with id "2" again on line 4, and a quote never closed on the last line: a
    // reader that parsed the whole file first would report the quote, not the id.
    std::string text = "ID,lon,lat\n1,136,35\n2,136,35\n2,136.1,35\n";
    for (int i = 3; i < 200'000; ++i) text += std::to_string(i) + ",136.2,35.1\n";
    text += "\"never closed,136,35\n";
    write_file(dir / "big.csv", text);
    CHECK_THROWS_WITH(analysis::read_places(dir / "big.csv", crs),
                      Catch::Contains("big.csv line 4: ID \"2\" is used twice (also line 3)"));
    // The same file through GDAL's reader (a GeoPackage would be alike): a GeoJSON with the id twice.
    write_file(dir / "dup.geojson",
               R"({"type":"FeatureCollection","features":[)"
               R"({"type":"Feature","properties":{"id":"a"},"geometry":{"type":"Point","coordinates":[136,35]}},)"
               R"({"type":"Feature","properties":{"id":"a"},"geometry":{"type":"Point","coordinates":[136.1,35]}}]})");
    CHECK_THROWS_WITH(analysis::read_places(dir / "dup.geojson", crs),
                      Catch::Contains("dup.geojson feature 1: id \"a\" is used twice (also feature 0)"));
}
