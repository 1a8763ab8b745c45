#include "needmap/analysis/demand/districts.hpp"

#include "demand_fixtures.hpp"
#include "needmap/geo/error.hpp"

#include <catch2/catch.hpp>

using namespace needmap;
using namespace needmap::analysis::demand;
using Catch::Detail::Approx;
using needmap::test::rect;
using needmap::test::zone6;

namespace {

geo::Layer polygon_layer(std::vector<std::string> field_names,
                         std::vector<std::pair<geo::MultiPolygon, std::vector<geo::Value>>> rows) {
    geo::Layer layer;
    layer.name = "districts";
    layer.source = "districts.gpkg";
    layer.crs = zone6();
    layer.geometry_kind = geo::GeometryKind::Polygons;
    for (auto& f : field_names) layer.fields.push_back({std::move(f), geo::FieldType::String});
    std::int64_t fid = 0;
    for (auto& [polygons, values] : rows) layer.features.push_back({++fid, std::move(polygons), std::move(values)});
    return layer;
}

}  // namespace

TEST_CASE("districts from an A32 2021+ layer: exclaves united under their school code", "[demand]") {
    // A32_001 行政区域コード, A32_002 設置主体, A32_003 学校コード, A32_004 名称, A32_005 所在地.
    const auto layer = polygon_layer({"A32_001", "A32_002", "A32_003", "A32_004", "A32_005"},
                                     {{rect(0, 0, 100, 100), {"25425", "町立", "C101", "愛知中学校", "市779"}},
                                      {rect(300, 0, 350, 40), {"25425", "町立", "C101", "愛知中学校", "市779"}},
                                      {rect(100, 0, 200, 100), {"25425", "町立", "C102", "秦荘中学校", "安孫子730"}},
                                      {rect(500, 0, 600, 100), {"25441", "町立", "C201", "豊郷中学校", "石畑"}}});
    DistrictOptions only_aisho;
    only_aisho.municipality_code = "25425";
    const Districts d = build_districts(layer, zone6(), only_aisho);
    REQUIRE(d.size() == 2);
    CHECK(d[0].id == "C101");
    CHECK(d[0].name == "愛知中学校");
    CHECK(d[0].normalised_name == "愛知");
    CHECK(d[0].municipality_code == "25425");
    CHECK(d[0].features == std::vector<std::int64_t>{1, 2});
    CHECK(d[0].geometry.size() == 2);
    CHECK(d[0].area_m2 == Approx(100 * 100 + 50 * 40));  // 10,000 + 2,000 m²
    CHECK(d[1].id == "C102");
    CHECK(d[1].area_m2 == Approx(10000));
    CHECK(d.find_id("C102") == 1u);

    DistrictOptions elsewhere;
    elsewhere.municipality_code = "99999";
    CHECK_THROWS_WITH(build_districts(layer, zone6(), elsewhere),
                      Catch::Contains("no district has municipality code 99999") && Catch::Contains("25425, 25441"));
}

TEST_CASE("districts from an A32-16 layer get ids from code and name", "[demand]") {
    const auto layer =
        polygon_layer({"A32_006", "A32_007", "A32_008", "A32_009", "A32_010"},
                      {{rect(0, 0, 10, 10), {"25425", "愛知郡愛荘町", "愛知中学校", "市779", "x.csv"}},
                       {rect(10, 0, 20, 10), {"25425", "愛知郡愛荘町", "秦荘中学校", "安孫子", "y.csv"}}});
    const Districts d = build_districts(layer, zone6());
    REQUIRE(d.size() == 2);
    CHECK(d[0].id == "25425:愛知中学校");
    CHECK(d[1].id == "25425:秦荘中学校");
    CHECK(d.notes.front() == "A32 2016 layout: name A32_008, municipality code A32_006, id municipality code:name");
}

TEST_CASE("districts from any polygon layer with named fields, and what is refused", "[demand]") {
    const auto layer =
        polygon_layer({"code", "label"}, {{rect(0, 0, 10, 10), {"1", "北部"}}, {rect(10, 0, 20, 10), {"2", "南部"}}});
    DistrictOptions named;
    named.id_field = "code";
    named.name_field = "label";
    const Districts d = build_districts(layer, zone6(), named);
    REQUIRE(d.size() == 2);
    CHECK(d[1].id == "2");
    CHECK(d[1].name == "南部");

    CHECK_THROWS_WITH(
        build_districts(layer, zone6()),
        Catch::Contains("districts.gpkg: is not a 国土数値情報 A32 layer") && Catch::Contains("fields: code, label"));
    DistrictOptions wrong = named;
    wrong.name_field = "名前";
    CHECK_THROWS_AS(build_districts(layer, zone6(), wrong), geo::InputError);

    auto blank = polygon_layer({"code", "label"}, {{rect(0, 0, 10, 10), {"1", ""}}});
    CHECK_THROWS_WITH(build_districts(blank, zone6(), named),
                      Catch::Contains("districts.gpkg feature 1: the district name (label) is empty"));
    auto renamed =
        polygon_layer({"code", "label"}, {{rect(0, 0, 10, 10), {"1", "北部"}}, {rect(0, 0, 1, 1), {"1", "南部"}}});
    CHECK_THROWS_WITH(build_districts(renamed, zone6(), named),
                      Catch::Contains("feature 2: district id \"1\" is named \"南部\" here but \"北部\" in feature 1"));
}
