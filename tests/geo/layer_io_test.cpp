#include "needmap/geo/layer_io.hpp"

#include "needmap/geo/error.hpp"
#include "needmap/geo/text.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace needmap::geo;
using Catch::Detail::Approx;
using needmap::test::read_file;
using needmap::test::TempDir;
using needmap::test::write_file;
namespace fs = std::filesystem;

namespace {

/// Three salons with Japanese names in JGD2011 lon/lat, one with a null capacity.
Layer salons() {
    Layer layer;
    layer.name = "salons";
    layer.crs = jgd2011();
    layer.geometry_kind = GeometryKind::Points;
    layer.fields = {{"name", FieldType::String},
                    {"capacity", FieldType::Integer},
                    {"rate", FieldType::Real},
                    {"organiser_name", FieldType::String},
                    {"住所の詳細情報", FieldType::String}};
    const char* names[] = {"いきいきサロン東町", "ふれあい喫茶「ひだまり」", "ＮＰＯ法人 ｶﾌｪ"};
    for (int i = 0; i < 3; ++i) {
        Feature f;
        f.fid = i + 1;
        f.geometry = Point{136.20 + 0.01 * i, 35.15 + 0.01 * i};
        f.values = {std::string(names[i]), i == 1 ? Value{} : Value{std::int64_t{20 + i}}, 0.25 * i,
                    std::string("社会福祉協議会"), std::string("愛知郡愛荘町市") + std::to_string(i)};
        layer.features.push_back(f);
    }
    return layer;
}

void check_same_attributes(const Layer& a, const Layer& b) {
    REQUIRE(a.features.size() == b.features.size());
    for (std::size_t i = 0; i < a.features.size(); ++i) {
        INFO("feature " << i);
        CHECK(to_text(a.features[i].values[0]) == to_text(b.features[i].values[0]));
        CHECK(to_text(a.features[i].values[1]) == to_text(b.features[i].values[1]));
        CHECK(to_double(b.features[i].values[2]) == Approx(*to_double(a.features[i].values[2])));
        CHECK(to_text(a.features[i].values[4]) == to_text(b.features[i].values[4]));
        const auto& pa = std::get<Point>(a.features[i].geometry);
        const auto& pb = std::get<Point>(b.features[i].geometry);
        CHECK(pb.x == Approx(pa.x).epsilon(1e-9));
        CHECK(pb.y == Approx(pa.y).epsilon(1e-9));
    }
}

}  // namespace

TEST_CASE("Shapefile field names are cut to 10 bytes, uniquely and deterministically", "[layer_io]") {
    const std::vector<std::string> names{"uncovered_need", "uncovered_people", "id", "UNCOVERED_", "住所の詳細情報"};
    const auto utf8 = shapefile_field_names(names, Encoding::Utf8);
    // "UNCOVERED_" fits and keeps its name; the long ones are cut and numbered in order.
    // 住所の詳細情報 is 21 bytes in UTF-8 (3 characters fit in 10 bytes) and 14 in CP932 (5 fit).
    CHECK(utf8 == std::vector<std::string>{"uncovere_1", "uncovere_2", "id", "UNCOVERED_", "住所の"});
    const auto cp932 = shapefile_field_names(names, Encoding::Cp932);
    CHECK(cp932[4] == "住所の詳細");
    CHECK(shapefile_field_names(names, Encoding::Utf8) == utf8);
}

TEST_CASE("a Shapefile written in CP932 and one in UTF-8 read back with identical Japanese attributes", "[layer_io]") {
    TempDir dir;
    const Layer layer = salons();
    WriteOptions cp932;
    cp932.encoding = Encoding::Cp932;
    const WriteReport r1 = write_layers(dir / "cp932/salons.shp", std::span(&layer, 1), cp932);
    const WriteReport r2 = write_layers(dir / "utf8/salons.shp", std::span(&layer, 1), WriteOptions{});
    CHECK(r1.files.size() == 5);  // .cpg .dbf .prj .shp .shx
    CHECK(read_file(dir / "cp932/salons.cpg") == "CP932");
    CHECK(read_file(dir / "utf8/salons.cpg") == "UTF-8");
    CHECK(r1.renamed_fields == std::vector<std::pair<std::string, std::string>>{{"organiser_name", "organiser_"},
                                                                                {"住所の詳細情報", "住所の詳細"}});
    // The DBF holds Shift_JIS bytes in one and UTF-8 bytes in the other.
    const std::string sjis_name = recode("いきいきサロン東町", Encoding::Utf8, Encoding::Cp932, "t");
    CHECK(read_file(dir / "cp932/salons.dbf").find(sjis_name) != std::string::npos);
    CHECK(read_file(dir / "utf8/salons.dbf").find("いきいきサロン東町") != std::string::npos);

    const Layer a = read_layer(dir / "cp932/salons.shp");
    const Layer b = read_layer(dir / "utf8/salons.shp");
    CHECK_THAT(a.report.encoding, Catch::Contains("CP932"));
    check_same_attributes(layer, a);
    check_same_attributes(layer, b);
    CHECK(a.fields[4].name == "住所の詳細");
    CHECK(a.crs.epsg() == 6668);
}

TEST_CASE("a CP932 Shapefile says so in its DBF language byte too, and one without either is detected", "[layer_io]") {
    TempDir dir;
    const Layer layer = salons();
    WriteOptions cp932;
    cp932.encoding = Encoding::Cp932;
    write_layers(dir / "s.shp", std::span(&layer, 1), cp932);
    write_layers(dir / "u.shp", std::span(&layer, 1), WriteOptions{});
    // dBASE's language driver id, byte 29 of the header: 0x13 is Japanese Shift-JIS (CP932).
    CHECK(static_cast<unsigned char>(read_file(dir / "s.dbf").at(29)) == 0x13);
    CHECK(static_cast<unsigned char>(read_file(dir / "u.dbf").at(29)) == 0x00);
    fs::remove(dir / "s.cpg");
    const Layer by_byte = read_layer(dir / "s.shp");
    CHECK(by_byte.report.encoding == "CP932 (from the DBF language byte 0x13)");
    check_same_attributes(layer, by_byte);
    CHECK(by_byte.fields[4].name == "住所の詳細");

    // A DBF of other software, with neither a .cpg nor a language byte.
    std::string dbf = read_file(dir / "s.dbf");
    dbf[29] = '\0';
    write_file(dir / "s.dbf", dbf);
    const Layer back = read_layer(dir / "s.shp");
    CHECK(back.report.encoding == "CP932 (detected: no .cpg file)");
    check_same_attributes(layer, back);

    ReadOptions forced;
    forced.encoding = Encoding::Cp932;
    CHECK(to_text(read_layer(dir / "s.shp", forced).features[0].values[0]) == "いきいきサロン東町");
}

TEST_CASE("a GeoPackage holds several layers with typed fields and nulls", "[layer_io]") {
    TempDir dir;
    Layer points = salons();
    Layer areas;
    areas.name = "districts";
    areas.crs = Crs::from_epsg(6674);
    areas.geometry_kind = GeometryKind::Polygons;
    areas.fields = {{"name", FieldType::String}};
    Polygon square;
    square.outer() = {{0, 0}, {1000, 0}, {1000, 1000}, {0, 1000}, {0, 0}};
    areas.features.push_back({1, MultiPolygon{square}, {std::string("愛知中")}});
    const std::vector<Layer> layers{points, areas};
    write_layers(dir / "out.gpkg", layers);

    CHECK(list_layers(dir / "out.gpkg") == std::vector<std::string>{"salons", "districts"});
    CHECK_THROWS_WITH(read_layer(dir / "out.gpkg"), Catch::Contains("2 layers") && Catch::Contains("districts"));
    ReadOptions pick;
    pick.layer = "salons";
    const Layer back = read_layer(dir / "out.gpkg", pick);
    CHECK(back.fields[1].type == FieldType::Integer);
    CHECK(back.fields[2].type == FieldType::Real);
    CHECK(is_null(back.features[1].values[1]));
    check_same_attributes(points, back);
    pick.layer = "districts";
    const Layer d = read_layer(dir / "out.gpkg", pick);
    CHECK(d.crs.epsg() == 6674);
    CHECK(area(std::get<MultiPolygon>(d.features[0].geometry)) == Approx(1e6));
}

TEST_CASE("GeoJSON is written in WGS 84 and CSV with a BOM and lon/lat", "[layer_io]") {
    TempDir dir;
    Layer layer = reproject(salons(), Crs::from_epsg(6674));
    const WriteReport geojson = write_layers(dir / "s.geojson", std::span(&layer, 1));
    CHECK_FALSE(geojson.notes.empty());
    const Layer back = read_layer(dir / "s.geojson");
    CHECK(back.crs.epsg() == 4326);
    const auto p = std::get<Point>(back.features[0].geometry);
    CHECK(p.x == Approx(136.20).margin(1e-6));  // longitude first
    CHECK(p.y == Approx(35.15).margin(1e-6));

    write_layers(dir / "s.csv", std::span(&layer, 1));
    const std::string csv = read_file(dir / "s.csv");
    CHECK(csv.starts_with("\xEF\xBB\xBFname,capacity,rate,organiser_name,住所の詳細情報,lon,lat\r\n"));
    CHECK(csv.find("いきいきサロン東町,20,0,社会福祉協議会,愛知郡愛荘町市0,136.2000000,35.1500000") !=
          std::string::npos);
    const Layer csv_back = read_layer(dir / "s.csv");
    CHECK(csv_back.geometry_kind == GeometryKind::Points);
    check_same_attributes(salons(), csv_back);
}

TEST_CASE("CSV point tables: column order, open-data headers, skipped rows, CP932", "[layer_io]") {
    TempDir dir;
    write_file(dir / "latlon.csv", "id,lat,lon\nA,-30.03,-51.22\nB,-30.02,-51.21\n");
    const Layer ll = read_layer(dir / "latlon.csv");
    CHECK(std::get<Point>(ll.features[0].geometry) == Point{-51.22, -30.03});
    CHECK(ll.crs.epsg() == 4326);

    // 自治体標準オープンデータセット layout; line 3 has no coordinates, line 4 has them swapped.
    write_file(dir / "salons.csv",
               "#property,latitude,longitude,name,capacity\n"
               "\"1\",\"34.34775861\",\"134.03693833\",老人いこいの家白梅荘,20\n"
               "\"2\",,,座標なしの家,\n"
               "\"3\",\"134.04\",\"34.33\",逆さまの家,5\n");
    const Layer s = read_layer(dir / "salons.csv");
    REQUIRE(s.features.size() == 1);
    CHECK(s.report.skipped == 2);
    REQUIRE(s.report.warnings.size() == 1);  // rows left out are a warning, not a note
    CHECK_THAT(s.report.warnings.back(),
               Catch::Contains("line 3") && Catch::Contains("line 4") && Catch::Contains("swapped"));
    CHECK(s.fields[4].type == FieldType::Integer);
    CHECK(s.fields[0].type == FieldType::Integer);

    write_file(dir / "sjis.csv", recode("名称,経度,緯度\nサロン,136.2,35.1\n", Encoding::Utf8, Encoding::Cp932, "t"));
    const Layer sj = read_layer(dir / "sjis.csv");
    CHECK(sj.report.encoding == "CP932 (detected)");
    CHECK(to_text(sj.features[0].values[0]) == "サロン");
    CHECK(std::get<Point>(sj.features[0].geometry) == Point{136.2, 35.1});

    // Columns named with a note in brackets, as lists publish them; an exact name comes first.
    write_file(dir / "noted.csv", "名称,緯度（世界測地系）,経度（世界測地系）\nサロン,35.1,136.2\n");
    CHECK(std::get<Point>(read_layer(dir / "noted.csv").features[0].geometry) == Point{136.2, 35.1});
    write_file(dir / "both.csv", "緯度(旧日本測地系),経度(旧日本測地系),緯度,経度\n1,2,35.1,136.2\n");
    CHECK(std::get<Point>(read_layer(dir / "both.csv").features[0].geometry) == Point{136.2, 35.1});

    write_file(dir / "codes.csv", "KEY_CODE,value\n002003,1\n010,2\n");
    CHECK(read_layer(dir / "codes.csv").fields[0].type == FieldType::String);  // leading zeros are codes
}

TEST_CASE("invalid polygons are repaired and counted, not dropped", "[layer_io]") {
    TempDir dir;
    write_file(dir / "bowtie.geojson",
               R"({"type":"FeatureCollection","features":[
               {"type":"Feature","properties":{"n":"bow"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[2,2],[2,0],[0,2],[0,0]]]}},
               {"type":"Feature","properties":{"n":"ok"},"geometry":{"type":"Polygon","coordinates":[[[5,5],[6,5],[6,6],[5,6],[5,5]]]}}]})");
    const Layer layer = read_layer(dir / "bowtie.geojson");
    CHECK(layer.features.size() == 2);
    CHECK(layer.report.repaired == 1);
    CHECK(area(std::get<MultiPolygon>(layer.features[0].geometry)) == Approx(2.0));
    CHECK_THAT(layer.report.notes.back(), Catch::Contains("MakeValid"));
}

TEST_CASE("every reader names the file and the problem", "[layer_io]") {
    TempDir dir;
    CHECK_THROWS_WITH(read_layer(dir / "missing.shp"), Catch::Contains("missing.shp: no such file"));
    CHECK_THROWS_WITH(read_layer(dir / "missing.csv"), Catch::Contains("missing.csv: no such file"));

    write_file(dir / "empty.geojson", R"({"type":"FeatureCollection","features":[]})");
    CHECK_THROWS_WITH(read_layer(dir / "empty.geojson"),
                      Catch::Contains("empty.geojson") && Catch::Contains("no features"));
    write_file(dir / "header_only.csv", "id,lon,lat\n");
    CHECK_THROWS_WITH(read_layer(dir / "header_only.csv"),
                      Catch::Contains("header_only.csv") && Catch::Contains("no features"));
    write_file(dir / "empty.csv", "");
    CHECK_THROWS_WITH(read_layer(dir / "empty.csv"), Catch::Contains("empty.csv") && Catch::Contains("empty"));

    write_file(dir / "corrupt.shp", std::string(200, '\x07'));
    CHECK_THROWS_WITH(read_layer(dir / "corrupt.shp"),
                      Catch::Contains("corrupt.shp") && Catch::Contains("cannot be read"));
    write_file(dir / "corrupt.gpkg", "SQLite format 3 but not really");
    CHECK_THROWS_WITH(read_layer(dir / "corrupt.gpkg"),
                      Catch::Contains("corrupt.gpkg") && Catch::Contains("cannot be read"));

    write_file(dir / "pts.csv", "id,lon,lat\n1,135,35\n");
    ReadOptions wrong;
    wrong.x_field = "経度";
    CHECK_THROWS_WITH(read_layer(dir / "pts.csv", wrong),
                      Catch::Contains("pts.csv") && Catch::Contains("no field \"経度\""));
    CHECK_THROWS_WITH(read_layer(dir / "pts.csv").require_field("population"),
                      Catch::Contains("pts.csv") && Catch::Contains("population") && Catch::Contains("id, lon, lat"));
}

TEST_CASE("a failed write leaves no file behind and keeps the old one", "[layer_io]") {
    TempDir dir;
    Layer layer = salons();
    write_layers(dir / "s.shp", std::span(&layer, 1));
    const std::string before = read_file(dir / "s.dbf");
    layer.features[2].values[0] = std::string("絵文字🙂のサロン");
    WriteOptions cp932;
    cp932.encoding = Encoding::Cp932;
    CHECK_THROWS_WITH(write_layers(dir / "s.shp", std::span(&layer, 1), cp932),
                      Catch::Contains("feature 3") && Catch::Contains("🙂"));
    CHECK(read_file(dir / "s.dbf") == before);
    CHECK_THROWS_AS(write_layers(dir / "new.gpkg", std::vector<Layer>{layer, layer}), InputError);  // same name twice
    CHECK_FALSE(fs::exists(dir / "new.gpkg"));
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++entries;
    CHECK(entries == 5);  // s.shp, .shx, .dbf, .prj, .cpg and no temporary files
}

TEST_CASE("a GeoPackage carries QGIS layer styles in its layer_styles table", "[layer_io]") {
    TempDir dir;
    const Layer points = salons();
    WriteOptions options;
    options.styles = {{"salons", "by name", "first", "<qgis version=\"3.22.0\"/>", true},
                      {"salons", "plain", "second", "<qgis/>", false}};
    write_layers(dir / "out.gpkg", std::span(&points, 1), options);
    CHECK(list_layers(dir / "out.gpkg") == std::vector<std::string>{"salons", "layer_styles"});
    ReadOptions pick;
    pick.layer = "layer_styles";
    const Layer styles = read_layer(dir / "out.gpkg", pick);
    REQUIRE(styles.features.size() == 2);
    auto text = [&](std::size_t row, const char* field) {
        return to_text(styles.features[row].values[styles.require_field(field)]);
    };
    // What QGIS looks for: the table, and the geometry column GDAL gave the layer ("geom").
    CHECK(text(0, "f_table_name") == "salons");
    CHECK(text(0, "f_geometry_column") == "geom");
    CHECK(text(0, "styleName") == "by name");
    CHECK(text(0, "styleQML") == "<qgis version=\"3.22.0\"/>");
    CHECK(text(0, "useAsDefault") == "1");
    CHECK(text(1, "useAsDefault") == "0");
    CHECK(text(1, "description") == "second");
    CHECK(text(0, "update_time").size() >= 19);  // an ISO date and time

    // A style for a layer that is not written, or in a format without styles: refused, no file.
    options.styles = {{"districts", "x", "", "<qgis/>", true}};
    CHECK_THROWS_WITH(write_layers(dir / "bad.gpkg", std::span(&points, 1), options),
                      Catch::Contains("layer \"districts\", which is not written"));
    CHECK_FALSE(fs::exists(dir / "bad.gpkg"));
    CHECK_THROWS_WITH(write_layers(dir / "bad.shp", std::span(&points, 1), options),
                      Catch::Contains("only in a GeoPackage"));
    CHECK_FALSE(fs::exists(dir / "bad.shp"));
}

TEST_CASE("Shapefile field names can be given, with files written and replaced together with it", "[layer_io]") {
    TempDir dir;
    const Layer layer = salons();
    WriteOptions options;
    options.shapefile_names = {"nm", "cap", "rt", "org", "addr"};
    options.sidecars = {{"_fields.csv", "short_name,name\r\nnm,name\r\n"}};
    const WriteReport r = write_layers(dir / "s.shp", std::span(&layer, 1), options);
    CHECK(r.files.size() == 6);
    CHECK(read_file(dir / "s_fields.csv") == "short_name,name\r\nnm,name\r\n");
    const Layer back = read_layer(dir / "s.shp");
    std::vector<std::string> names;
    for (const auto& f : back.fields) names.push_back(f.name);
    CHECK(names == options.shapefile_names);
    CHECK(to_text(back.features[0].values[0]) == "いきいきサロン東町");

    // Names that a DBF cannot hold are refused before anything is written.
    WriteOptions bad;
    bad.shapefile_names = {"nm", "NM", "rt", "org", "addr"};
    CHECK_THROWS_WITH(write_layers(dir / "b.shp", std::span(&layer, 1), bad), Catch::Contains("both be named \"NM\""));
    bad.shapefile_names = {"nm", "cap", "rt", "org", "address_12"};
    bad.shapefile_names.back() += "3";
    CHECK_THROWS_WITH(write_layers(dir / "b.shp", std::span(&layer, 1), bad),
                      Catch::Contains("\"住所の詳細情報\" cannot be named \"address_123\""));
    bad.shapefile_names = {"nm"};
    CHECK_THROWS_WITH(write_layers(dir / "b.shp", std::span(&layer, 1), bad),
                      Catch::Contains("1 Shapefile field names for 5"));
    CHECK_FALSE(fs::exists(dir / "b.shp"));
    CHECK_THROWS_WITH(write_layers(dir / "b.csv", std::span(&layer, 1), options), Catch::Contains("for Shapefiles"));

    // Written again without a field list, the old one goes with the old parts.
    write_layers(dir / "s.shp", std::span(&layer, 1));
    CHECK_FALSE(fs::exists(dir / "s_fields.csv"));
    CHECK(read_layer(dir / "s.shp").fields[0].name == "name");
}

TEST_CASE("a field's alias goes into a GeoPackage and comes back", "[layer_io]") {
    TempDir dir;
    Layer layer = salons();
    layer.fields[1].alias = "定員（人）";
    layer.fields[2].alias = "30分以内に行けない高齢者の割合";
    write_layers(dir / "a.gpkg", std::span(&layer, 1));
    const Layer back = read_layer(dir / "a.gpkg");
    CHECK(back.fields[0].alias.empty());
    CHECK(back.fields[1].alias == "定員（人）");
    CHECK(back.fields[2].alias == "30分以内に行けない高齢者の割合");
    CHECK(back.fields[2].name == "rate");
    check_same_attributes(layer, back);
}

TEST_CASE("a CSV has a .csvt beside it naming each column's type", "[layer_io]") {
    TempDir dir;
    const Layer points = salons();
    const WriteReport r = write_layers(dir / "s.csv", std::span(&points, 1));
    CHECK(r.files == std::vector<fs::path>{dir / "s.csv", dir / "s.csvt"});
    // name, capacity, rate, organiser_name, 住所の詳細情報, then the lon/lat columns.
    CHECK(read_file(dir / "s.csvt") == "\"String\",\"Integer64\",\"Real\",\"String\",\"String\",\"Real\",\"Real\"\r\n");
    Layer table;
    table.name = "t";
    table.fields = {{"n", FieldType::Integer}};
    table.features.push_back({1, {}, {std::int64_t{7}}});
    write_layers(dir / "t.csv", std::span(&table, 1));
    CHECK(read_file(dir / "t.csvt") == "\"Integer64\"\r\n");
    CHECK(read_file(dir / "t.csv") == "\xEF\xBB\xBFn\r\n7\r\n");
}
