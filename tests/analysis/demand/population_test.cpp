#include "needmap/analysis/demand/population.hpp"

#include "demand_fixtures.hpp"
#include "needmap/geo/error.hpp"
#include "needmap/geo/text.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace needmap;
using namespace needmap::analysis::demand;
using Catch::Detail::Approx;
using needmap::test::TempDir;
using needmap::test::write_file;
using needmap::test::zone6;

namespace {

const std::vector<PopulationBand> kMeshBands{
    {"pop_total", "T001142001"}, {"pop65", "T001142019"}, {"pop75", "T001142020"}};

std::string mesh_table(const std::string& rows) {
    return "KEY_CODE,HTKSYORI,HTKSAKI,GASSAN,T001142001,T001142019,T001142020\n"
           ",,,,人口（総数）,６５歳以上人口,７５歳以上人口\n" +
           rows;
}

}  // namespace

TEST_CASE("population from an e-Stat mesh table: cells become metric polygons", "[demand]") {
    const std::string text = mesh_table(
        "52364010,0,,,1000,300,150\n"
        "52364015,0,,,X,X,X\n");
    const geo::EstatTable table =
        geo::parse_estat_table(geo::recode(text, geo::Encoding::Utf8, geo::Encoding::Cp932, "fixture"), "mesh.csv");
    const Population p = population_from_mesh_table(table, kMeshBands, zone6());
    CHECK(p.report.encoding == "CP932 (detected)");
    CHECK(p.bands == std::vector<std::string>{"pop_total", "pop65", "pop75"});
    REQUIRE(p.units.size() == 2);
    CHECK(p.units[0].id == "52364010");
    CHECK(p.units[0].people == std::vector<double>{1000, 300, 150});
    CHECK(p.units[1].people == std::vector<double>{0, 0, 0});
    CHECK(p.report.missing_values == 3);
    CHECK(p.totals() == std::vector<double>{1000, 300, 150});
    // Cell 52364010 spans 35.00833–35.01667 N, 136.0000–136.0125 E. On the GRS80 ellipsoid at its
    // centre latitude 35.0125°: the meridian radius M = 6,356,440 m and the prime vertical radius
    // N = 6,385,177 m, so its height is M × (1/120)° = 924.51 m and its width
    // N cos(35.0125°) × 0.0125° = 1,140.93 m; zone VI's scale 0.9999 on the central meridian:
    // 924.51 × 1,140.93 × 0.9999² = 1,054,585 m².
    const auto* cell = std::get_if<geo::MultiPolygon>(&p.units[0].geometry);
    REQUIRE(cell != nullptr);
    CHECK(geo::area(*cell) == Approx(1054585).epsilon(1e-3));
    const auto centre = geo::centroid(p.units[0].geometry);
    CHECK(centre->x == Approx(0.00625 * 91276).margin(5));  // 0.00625° east of 136°E, ~570 m
    CHECK(centre->y < -100000);                             // ~110 km south of 36°N
}

TEST_CASE("bad mesh tables: negative people, mixed levels, codes that are not mesh codes", "[demand]") {
    const auto negative =
        geo::parse_estat_table(mesh_table("52364010,0,,,1000,300,150\n52364011,0,,,10,-5,0\n"), "m.csv");
    CHECK_THROWS_AS(population_from_mesh_table(negative, kMeshBands, zone6()), geo::InputError);
    CHECK_THROWS_WITH(population_from_mesh_table(negative, kMeshBands, zone6()),
                      Catch::Contains("m.csv line 4: T001142019 is -5; a population cannot be negative"));
    const auto mixed = geo::parse_estat_table(mesh_table("52364010,0,,,1,1,1\n5236401011,0,,,1,1,1\n"), "m.csv");
    CHECK_THROWS_WITH(population_from_mesh_table(mixed, kMeshBands, zone6()),
                      Catch::Contains("m.csv line 4: mesh code 5236401011") && Catch::Contains("line 3"));
    const auto wrong = geo::parse_estat_table(mesh_table("27218002001,0,,,1,1,1\n"), "m.csv");
    CHECK_THROWS_WITH(population_from_mesh_table(wrong, kMeshBands, zone6()),
                      Catch::Contains("m.csv line 3: KEY_CODE \"27218002001\" is not a mesh code"));
    const std::vector<PopulationBand> missing{{"pop65", "T009999999"}};
    CHECK_THROWS_WITH(population_from_mesh_table(negative, missing, zone6()), Catch::Contains("T009999999"));
}

TEST_CASE("population from a small-area table joined to its boundaries by KEY_CODE", "[demand]") {
    const auto table = geo::parse_estat_table(
        "KEY_CODE,HYOSYO,CITYNAME,NAME,HTKSYORI,HTKSAKI,GASSAN,T001082001,T001082019,T001082020\n"
        ",,,,,,,総数,総数６５歳以上,総数７５歳以上\n"
        "27218,1,大東市,,0,,,1700,520,250\n"
        "27218002001,4,大東市,北条一丁目,0,,,600,200,100\n"
        "27218002002,4,大東市,北条二丁目,0,,,400,120,X\n"
        "27218002003,4,大東市,北条三丁目,0,,,700,200,150\n",
        "t.csv");
    geo::Layer boundaries;
    boundaries.source = "b.shp";
    boundaries.crs = zone6();
    boundaries.geometry_kind = geo::GeometryKind::Polygons;
    boundaries.fields = {{"KEY_CODE", geo::FieldType::String}};
    boundaries.features.push_back({0, test::rect(0, 0, 100, 100), {std::string("27218002001")}});
    boundaries.features.push_back({1, test::rect(100, 0, 200, 100), {std::string("27218002002")}});
    boundaries.features.push_back({2, test::rect(200, 0, 300, 100), {std::string("27218009999")}});
    const Population p = population_from_small_areas(boundaries, table, census_small_area_bands(), zone6());
    REQUIRE(p.units.size() == 3);
    CHECK(p.units[0].people == std::vector<double>{600, 200, 100});
    CHECK(p.units[1].people == std::vector<double>{400, 120, 0});  // 75+ suppressed
    CHECK(p.units[2].people == std::vector<double>{0, 0, 0});      // no row in the table
    CHECK(p.report.missing_values == 1);
    const auto& notes = p.report.notes;
    auto has = [&](const std::string& text) {
        return std::any_of(notes.begin(), notes.end(), [&](const std::string& n) { return n.find(text) != n.npos; });
    };
    CHECK(has("2 of 3 boundary feature(s) joined to the table by KEY_CODE"));
    CHECK(has("1 boundary feature(s) have no row in the table and hold 0 people: 27218009999"));
    // 北条三丁目 is in the table but has no boundary: its 700 people are reported, not placed.
    CHECK(
        has("1 finest-level table row(s) have no boundary, so their people are not placed (700 pop_total, 200 "
            "pop65, 150 pop75): 27218002003"));

    const auto negative = geo::parse_estat_table(
        "KEY_CODE,HYOSYO,CITYNAME,NAME,HTKSYORI,HTKSAKI,GASSAN,T001082001,T001082019,T001082020\n"
        ",,,,,,,総数,総数６５歳以上,総数７５歳以上\n"
        "27218002001,4,大東市,北条一丁目,0,,,600,-2,100\n",
        "neg.csv");
    CHECK_THROWS_WITH(population_from_small_areas(boundaries, negative, census_small_area_bands(), zone6()),
                      Catch::Contains("neg.csv line 3: T001082019 is -2"));
}

TEST_CASE("population from any point layer with named fields", "[demand]") {
    TempDir dir;
    write_file(dir / "people.csv",
               "name,lon,lat,total,over65,over75\n"
               "a,136.01,35.01,100,30,10\n"
               "b,136.02,35.01,X,5,\n");
    const std::vector<PopulationBand> bands{{"pop_total", "total"}, {"pop65", "over65"}, {"pop75", "over75"}};
    LayerPopulationOptions options;
    options.id_field = "name";
    const Population p = read_layer_population(dir / "people.csv", bands, zone6(), options);
    REQUIRE(p.units.size() == 2);
    CHECK(p.units[1].id == "b");
    CHECK(p.units[1].origin == "line 3");
    CHECK(p.units[1].people == std::vector<double>{0, 5, 0});
    CHECK(p.report.missing_values == 2);
    CHECK(std::holds_alternative<geo::Point>(p.units[0].geometry));

    write_file(dir / "neg.csv", "name,lon,lat,total,over65,over75\na,136.01,35.01,100,30,10\nb,136.0,35.0,10,-3,0\n");
    CHECK_THROWS_WITH(read_layer_population(dir / "neg.csv", bands, zone6(), options),
                      Catch::Contains("neg.csv line 3: over65 is -3; a population cannot be negative"));
    write_file(dir / "text.csv", "name,lon,lat,total,over65,over75\na,136.01,35.01,100,約30,10\n");
    CHECK_THROWS_WITH(read_layer_population(dir / "text.csv", bands, zone6(), options),
                      Catch::Contains("text.csv line 2: over65 is \"約30\", not a number of people"));
}
