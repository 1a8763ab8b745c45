// The `where` filter of read_layer: a prefecture-wide open-data list cut down to one town, as a
// QGIS filter would, for CSV (needmap's reader) and GDAL's sources alike.

#include "needmap/geo/error.hpp"
#include "needmap/geo/layer_io.hpp"
#include "needmap/geo/text.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace needmap::geo;
using needmap::test::TempDir;
using needmap::test::write_file;

namespace {

std::set<std::string> names(const Layer& layer) {
    std::set<std::string> out;
    const std::size_t at = layer.require_field("名称");
    for (const auto& f : layer.features) out.insert(to_text(f.values[at]));
    return out;
}

}  // namespace

TEST_CASE("where keeps the rows of one town, before rows without coordinates are counted", "[layer_io]") {
    TempDir tmp;
    // Four rows of a prefecture's list: two of 宇部市 (35202), one of 山口市 without coordinates.
    write_file(tmp / "list.csv",
               "市区町村コード,名称,緯度,経度\n"
               "35202,東岐波ふれあいセンター,33.98,131.33\n"
               "35202,宇部市役所,33.95,131.25\n"
               "35203,山口市の集会所,,\n"
               "35201,下関市の集会所,33.96,130.94\n");
    ReadOptions options;
    options.where = "市区町村コード = 35202";
    Layer ube = read_layer(tmp / "list.csv", options);
    CHECK(names(ube) == std::set<std::string>{"東岐波ふれあいセンター", "宇部市役所"});
    CHECK(ube.report.skipped == 0);  // 山口市's row without coordinates is not ours to warn about

    options.where = "市区町村コード = 35202 AND 名称 LIKE '%ふれあいセンター%'";
    CHECK(names(read_layer(tmp / "list.csv", options)) == std::set<std::string>{"東岐波ふれあいセンター"});

    // The same through GDAL's reader.
    write_file(tmp / "list.geojson",
               R"({"type":"FeatureCollection","features":[)"
               R"({"type":"Feature","properties":{"市区町村コード":"35202","名称":"a"},"geometry":{"type":"Point","coordinates":[131.3,33.9]}},)"
               R"({"type":"Feature","properties":{"市区町村コード":"35201","名称":"b"},"geometry":{"type":"Point","coordinates":[130.9,33.9]}}]})");
    options.where = "市区町村コード = '35202'";
    CHECK(names(read_layer(tmp / "list.geojson", options)) == std::set<std::string>{"a"});

    // A condition GDAL cannot read, or one that nothing matches: the file, the condition and the fields.
    options.where = "市区町村コード == ";
    CHECK_THROWS_WITH(read_layer(tmp / "list.csv", options),
                      Catch::Contains("list.csv: where \"市区町村コード == \" cannot be read") &&
                          Catch::Contains("the fields are: 市区町村コード, 名称, 緯度, 経度"));
    options.where = "市区町村コード = 99999";
    CHECK_THROWS_WITH(read_layer(tmp / "list.csv", options), Catch::Contains("list.csv: layer \"list\" has no features matching where 市区町村コード = 99999"));
}

TEST_CASE("fid as a field: a GeoPackage's own feature ids, for id_field = \"fid\"", "[layer_io]") {
    TempDir tmp;
    Layer points;
    points.name = "halls";
    points.crs = wgs84();
    points.geometry_kind = GeometryKind::Points;
    points.fields = {{"名称", FieldType::String}};
    points.features = {{-1, Point{136.0, 35.0}, {std::string("北公民館")}}, {-1, Point{136.1, 35.1}, {std::string("南公民館")}}};
    write_layers(tmp / "halls.gpkg", std::span(&points, 1));
    ReadOptions options;
    CHECK_FALSE(read_layer(tmp / "halls.gpkg", options).field_index("fid").has_value());
    options.fid_as_field = true;
    const Layer back = read_layer(tmp / "halls.gpkg", options);
    const std::size_t fid = back.require_field("fid");
    const std::size_t name = back.require_field("名称");
    REQUIRE(back.features.size() == 2);
    // A GeoPackage numbers its rows from 1 (the SQLite rowid), in the order written.
    CHECK(to_text(back.features[0].values[fid]) == "1");
    CHECK(to_text(back.features[0].values[name]) == "北公民館");
    CHECK(to_text(back.features[1].values[fid]) == "2");
    CHECK(means_fid("Fid"));
    CHECK_FALSE(means_fid("fids"));
}
