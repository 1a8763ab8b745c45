// Tests on the real public data in ../shared/data (CTest label "realdata"; skipped where absent).

#include "needmap/geo/estat.hpp"
#include "needmap/geo/ksj.hpp"
#include "needmap/geo/layer_io.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <geodesic.h>

#include <map>

using namespace needmap::geo;
using Catch::Detail::Approx;
using needmap::test::TempDir;
using needmap::test::write_file;

namespace {

/// km² of every feature whose field `code_field` equals `code`, keyed by `name_field`, in the
/// metric CRS chosen for the layer.
std::map<std::string, double> areas_km2(const Layer& layer, std::size_t code_field, const std::string& code,
                                        std::size_t name_field) {
    const Layer metric = reproject(layer, choose_metric_crs(centre_lon_lat(layer)).crs);
    std::map<std::string, double> out;
    for (const auto& f : metric.features)
        if (to_text(f.values[code_field]) == code)
            out[to_text(f.values[name_field])] += area(std::get<MultiPolygon>(f.geometry)) / 1e6;
    return out;
}

}  // namespace

TEST_CASE("A32-16 Shiga: 愛荘町 has two districts, 愛知中 13.0 km² and 秦荘中 25.3 km²", "[realdata]") {
    NEEDMAP_SHARED_DATA(dir, "a32-shiga");
    const Layer a32 = read_layer(dir / "A32-16_25.geojson");
    CHECK(a32.features.size() == 60);
    const auto layout = detect_a32_layout(a32);
    REQUIRE(layout);
    CHECK(layout->edition == 2016);
    const auto areas = areas_km2(a32, layout->municipality_code, "25425", layout->school_name);
    REQUIRE(areas.size() == 2);
    // SOURCES.txt measured about 13.0 and 25.3 km²; the N03 test below pins the method exactly.
    CHECK(areas.at("愛知中学校") == Approx(13.0).epsilon(0.01));
    CHECK(areas.at("秦荘中学校") == Approx(25.3).epsilon(0.01));
    CHECK(choose_metric_crs(centre_lon_lat(a32)).crs.epsg() == 6674);  // Shiga: zone VI

    // The same districts in the 2021+ layout (A32_001 code, A32_004 name, no municipality name).
    TempDir tmp;
    Layer modern = a32;
    modern.fields = {{"A32_001", FieldType::String},
                     {"A32_002", FieldType::String},
                     {"A32_003", FieldType::String},
                     {"A32_004", FieldType::String},
                     {"A32_005", FieldType::String}};
    for (auto& f : modern.features)
        f.values = {f.values[0], std::string("市町村立"), std::string("C0000"), f.values[2], f.values[3]};
    modern.name = "A32-21_25";
    write_layers(tmp / "A32-21_25.gpkg", std::span(&modern, 1));
    const Layer reread = read_layer(tmp / "A32-21_25.gpkg");
    const auto modern_layout = detect_a32_layout(reread);
    REQUIRE(modern_layout);
    CHECK(modern_layout->edition == 2021);
    CHECK_FALSE(modern_layout->municipality_name);
    const auto modern_areas = areas_km2(reread, modern_layout->municipality_code, "25425", modern_layout->school_name);
    CHECK(modern_areas.at("愛知中学校") == Approx(areas.at("愛知中学校")).epsilon(1e-9));
    CHECK(modern_areas.at("秦荘中学校") == Approx(areas.at("秦荘中学校")).epsilon(1e-9));
}

TEST_CASE("N03 愛荘町: its plane area agrees with the geodesic area and the official 37.97 km²", "[realdata]") {
    NEEDMAP_SHARED_DATA(dir, "boundaries-n03");
    const Layer town = read_layer(dir / "25425.json");
    CHECK(to_text(town.features[0].values[0]) == "滋賀県愛知郡愛荘町");
    const Layer metric = reproject(town, choose_metric_crs(centre_lon_lat(town)).crs);
    double km2 = 0;
    for (const auto& f : metric.features) km2 += area(std::get<MultiPolygon>(f.geometry)) / 1e6;
    // Independently: the area on the GRS80 ellipsoid of the lon/lat rings (Karney's geodesics).
    geod_geodesic g;
    geod_init(&g, 6378137.0, 1 / 298.257222101);
    double geodesic_km2 = 0;
    for (const auto& f : town.features)
        for (const auto& poly : std::get<MultiPolygon>(f.geometry)) {
            auto ring_area = [&](const Ring& ring) {
                std::vector<double> lats, lons;
                for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
                    lons.push_back(ring[i].x);
                    lats.push_back(ring[i].y);
                }
                double a = 0;
                geod_polygonarea(&g, lats.data(), lons.data(), static_cast<int>(lats.size()), &a, nullptr);
                return std::abs(a);
            };
            geodesic_km2 += ring_area(poly.outer()) / 1e6;
            for (const auto& hole : poly.inners()) geodesic_km2 -= ring_area(hole) / 1e6;
        }
    CHECK(km2 == Approx(geodesic_km2).epsilon(5e-4));  // zone VI's scale is within 0.9999..1.0001
    CHECK(km2 == Approx(37.97).margin(0.1));           // 国土地理院 全国都道府県市区町村別面積調
}

TEST_CASE("大東市 small areas: a CP932 DBF without .cpg, joined to T001082", "[realdata]") {
    NEEDMAP_SHARED_DATA(dir, "estat-smallarea-osaka");
    const Layer areas = read_layer(dir / "daito_boundary" / "大東市.shp");
    CHECK(areas.features.size() == 124);
    CHECK(areas.report.encoding == "CP932 (from the DBF language byte 0x13)");
    CHECK(areas.crs.epsg() == 2448);  // JGD2000 / Japan Plane Rectangular CS VI, from an ESRI .prj
    const std::size_t name = areas.require_field("S_NAME");
    bool found = false;
    for (const auto& f : areas.features) found = found || to_text(f.values[name]) == "北条１丁目";
    CHECK(found);
    {
        // The same file with its language byte cleared, as many tools write it: the bytes decide.
        TempDir tmp;
        for (const char* ext : {".shp", ".shx", ".dbf", ".prj"})
            std::filesystem::copy_file(dir / "daito_boundary" / (std::string("大東市") + ext),
                                       tmp / (std::string("d") + ext));
        std::string dbf = needmap::test::read_file(tmp / "d.dbf");
        dbf[29] = '\0';
        write_file(tmp / "d.dbf", dbf);
        const Layer detected = read_layer(tmp / "d.shp");
        CHECK(detected.report.encoding == "CP932 (detected: no .cpg file)");
        for (std::size_t i = 0; i < areas.features.size(); ++i)
            CHECK(to_text(detected.features[i].values[name]) == to_text(areas.features[i].values[name]));
    }
    CHECK(to_text(areas.features[0].values[areas.require_field("CITY_NAME")]) == "大東市");

    const EstatTable table = read_estat_table(dir / "tblT001082C27.csv");
    CHECK(table.encoding == "CP932 (detected)");
    CHECK(table.columns[table.require_column("T001082019")].label == "総数６５歳以上");
    Layer joined = areas;
    const EstatField fields[] = {{"T001082001", "pop"}, {"総数６５歳以上", "pop65"}, {"総数７５歳以上", "pop75"}};
    const KeyJoinReport report = join_by_key(joined, "KEY_CODE", table, fields);
    CHECK(report.matched == 124);
    CHECK(report.unmatched_keys.empty());
    double totals[3] = {0, 0, 0};
    for (const auto& f : joined.features)
        for (int k = 0; k < 3; ++k) totals[k] += to_double(f.values[joined.require_field(fields[k].field)]).value_or(0);
    // e-Stat's published figures for 大東市 (2020 census).
    CHECK(totals[0] == 119367);
    CHECK(totals[1] == 31451);
    CHECK(totals[2] == 15784);
    // The table's own municipality row agrees.
    const EstatRow* city = table.find("27218");
    REQUIRE(city != nullptr);
    CHECK(city->level == 1);
    CHECK(*city->values[table.require_column("T001082001")] == 119367);
}

TEST_CASE("高松市 open data: CSV and the XLSX original give the same points", "[realdata]") {
    NEEDMAP_SHARED_DATA(dir, "takamatsu-facilities");
    const Layer csv = read_layer(dir / "elderly_wedding_house.csv");
    const Layer xlsx = read_layer(dir / "raw" / "elderly_wedding_house" / "data.xlsx");
    REQUIRE(csv.features.size() == 10);
    REQUIRE(xlsx.features.size() == 10);
    const std::size_t cn = csv.require_field("name");
    const std::size_t xn = xlsx.require_field("name");
    for (std::size_t i = 0; i < 10; ++i) {
        CHECK(to_text(csv.features[i].values[cn]) == to_text(xlsx.features[i].values[xn]));
        const auto a = std::get<Point>(csv.features[i].geometry);
        const auto b = std::get<Point>(xlsx.features[i].geometry);
        CHECK(a.x == Approx(b.x).margin(1e-7));
        CHECK(a.y == Approx(b.y).margin(1e-7));
        CHECK(a.x > 133.9);  // in 高松市
        CHECK(a.x < 134.3);
        CHECK(a.y > 34.1);
        CHECK(a.y < 34.5);
    }
    CHECK(to_text(csv.features[0].values[cn]) == "老人いこいの家白梅荘");
}

TEST_CASE("Ube's OSMnx walking edges: 30,750 lines in JGD2011", "[realdata]") {
    NEEDMAP_SHARED_DATA(dir, "ube-osm-walk");
    const Layer edges = read_layer(dir / "ube_walk_edges_osm_only.gpkg");
    CHECK(edges.features.size() == 30750);
    CHECK(edges.geometry_kind == GeometryKind::Lines);
    CHECK(edges.crs.epsg() == 6668);
    std::size_t multi = 0;
    for (const auto& f : edges.features) multi += std::get<MultiLineString>(f.geometry).size() > 1 ? 1 : 0;
    CHECK(multi >= 1);
    const auto box = *edges.extent();
    CHECK(box.min_corner().x == Approx(131.2185).margin(1e-3));  // longitude first
    CHECK(box.max_corner().y == Approx(34.0014).margin(1e-3));
}
