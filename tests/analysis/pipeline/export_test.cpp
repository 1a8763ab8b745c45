// `needmap export` of the sample town's results as people and other GIS software meet them:
// Shapefiles with fixed short names and a field list, CP932 that survives a lost .cpg, CSV with
// whole people and percentages, Japanese headers, and Japanese field aliases in the GeoPackage.
// Expected values come from the GeoPackage as needmap run wrote it, from the project file (kind and
// need order, the 30-minute threshold) and from GDAL reading the files itself.

#include "../cli_run.hpp"
#include "needmap/analysis/pipeline/results_schema.hpp"
#include "needmap/geo/csv.hpp"
#include "needmap/geo/layer_io.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <gdal.h>
#include <ogr_api.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace geo = needmap::geo;
namespace fs = std::filesystem;
using Catch::Detail::Approx;
using needmap::test::read_file;
using needmap::test::run_needmap;
using needmap::test::TempDir;

namespace {

const fs::path kTown = fs::path(NEEDMAP_SOURCE_DIR) / "datasets" / "sample-town";

/// The sample town's results, run once for all the tests here.
const fs::path& results() {
    static const TempDir dir;
    static const fs::path path = [] {
        const fs::path out = dir / "results.gpkg";
        const auto run = run_needmap("run " + (kTown / "project.toml").string() + " --quiet -o " + out.string());
        INFO(run.output);
        REQUIRE(run.status == 0);
        return out;
    }();
    return path;
}

geo::Layer gpkg_layer(const std::string& name) {
    geo::ReadOptions read;
    read.layer = name;
    read.allow_empty = true;
    return geo::read_layer(results(), read);
}

/// A Shapefile's attribute table read back: from its .shp, or its .dbf alone for a table.
geo::Layer shapefile(const fs::path& shp) {
    fs::path dbf = shp;
    dbf.replace_extension(".dbf");
    geo::ReadOptions read;
    read.allow_empty = true;
    return geo::read_layer(fs::exists(shp) ? shp : dbf, read);
}

geo::CsvTable csv(const fs::path& path) {
    geo::CsvReader reader = geo::CsvReader::open(path);
    return geo::read_csv_table(reader);
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

std::string export_layer(const std::string& layer, const fs::path& out, const std::string& options = "") {
    const auto r =
        run_needmap("export " + results().string() + " --layer " + layer + " " + options + " -o " + out.string());
    INFO(r.output);
    REQUIRE(r.status == 0);
    return r.output;
}

/// Field names and the text of one field of every feature, through GDAL's own C API.
struct OgrTable {
    std::vector<std::string> fields;
    std::vector<std::string> values;
    std::map<std::string, OGRFieldType> types;
};
OgrTable read_with_gdal(const fs::path& path, const std::string& field) {
    GDALAllRegister();
    OgrTable t;
    GDALDatasetH ds = GDALOpenEx(path.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    REQUIRE(ds != nullptr);
    OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i) {
        OGRFieldDefnH f = OGR_FD_GetFieldDefn(defn, i);
        t.fields.emplace_back(OGR_Fld_GetNameRef(f));
        t.types[t.fields.back()] = OGR_Fld_GetType(f);
    }
    const int index = OGR_FD_GetFieldIndex(defn, field.c_str());
    while (OGRFeatureH f = OGR_L_GetNextFeature(layer)) {
        t.values.emplace_back(index >= 0 ? OGR_F_GetFieldAsString(f, index) : "");
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    return t;
}

}  // namespace

TEST_CASE("needmap export: every results layer as a Shapefile with fixed short names, listed in _fields.csv",
          "[integration][cli][export]") {
    TempDir dir;
    std::map<std::string, std::string> meaning;              // short name -> full name, over all layers
    std::map<std::string, std::string> short_of;             // full name -> short name, of districts and points
    std::map<std::string, std::vector<std::string>> row_of;  // full name -> its _fields.csv row
    std::size_t layers = 0;
    for (const std::string& name : geo::list_layers(results())) {
        if (name == "layer_styles") continue;
        ++layers;
        INFO("layer " << name);
        const std::string said = export_layer(name, dir / (name + ".shp"));
        CHECK_THAT(said, Catch::Contains(name + "_fields.csv"));
        const geo::Layer gpkg = gpkg_layer(name);
        const geo::Layer dbf = shapefile(dir / (name + ".shp"));
        const geo::CsvTable list = csv(dir / (name + "_fields.csv"));
        CHECK_THAT(list.encoding_note, Catch::StartsWith("UTF-8 with BOM"));
        CHECK(list.header == std::vector<std::string>{"short_name", "name", "label", "unit", "prefix"});

        // The list names exactly the DBF's fields, in order, with the GeoPackage's full names.
        REQUIRE(dbf.fields.size() == gpkg.fields.size());
        REQUIRE(list.rows.size() == dbf.fields.size());
        std::set<std::string> seen;
        for (std::size_t i = 0; i < dbf.fields.size(); ++i) {
            const std::string& short_name = dbf.fields[i].name;
            INFO("field " << gpkg.fields[i].name);
            CHECK(list.rows[i][0] == short_name);
            CHECK(list.rows[i][1] == gpkg.fields[i].name);
            CHECK_FALSE(list.rows[i][2].empty());  // a label for every field
            CHECK(short_name.size() <= 10);
            CHECK(std::all_of(short_name.begin(), short_name.end(), [](unsigned char c) { return c < 0x80; }));
            CHECK(seen.insert(lower(short_name)).second);  // no two alike, in any case
            const auto [it, first] = meaning.emplace(short_name, gpkg.fields[i].name);
            CHECK(it->second == gpkg.fields[i].name);  // one meaning in every layer
            if (name == "districts_access" || name == "demand_access") {
                short_of[gpkg.fields[i].name] = short_name;
                row_of[gpkg.fields[i].name] = list.rows[i];
            }
        }
        // The DBF holds the GeoPackage's values.
        REQUIRE(dbf.features.size() == gpkg.features.size());
        for (std::size_t f = 0; f < gpkg.features.size(); ++f)
            for (std::size_t i = 0; i < gpkg.fields.size(); ++i) {
                const auto& want = gpkg.features[f].values[i];
                const auto& got = dbf.features[f].values[i];
                if (const auto number = geo::to_double(want); number && gpkg.fields[i].type != geo::FieldType::String)
                    CHECK(geo::to_double(got).value_or(-1e300) == Approx(*number).epsilon(1e-9));
                else
                    CHECK(geo::to_text(got) == geo::to_text(want));
            }
    }
    CHECK(layers == 8);  // districts, points, resources, candidates, areas, bus stops and routes, summary

    // The scheme, from the project file: kinds salon (1) and shop (2), needs 買物困難 (1) and
    // 通いの場参加意向 (2), bands kept by name; the same suffix for the same measure.
    const std::map<std::string, std::string> expected{
        {"salon_gap_share", "k1_gap_s"},
        {"shop_gap_share", "k2_gap_s"},
        {"salon_gap_people", "k1_gap_p"},
        {"salon_walk_gap_people", "k1_wgap_p"},
        {"shop_walk_gap_share", "k2_wgap_s"},
        {"salon_minutes_median", "k1_min50"},
        {"salon_2sfca_per_1000", "k1_sfca1k"},
        {"買物困難_rate", "n1_rate"},
        {"通いの場参加意向_weight", "n2_weight"},
        {"買物困難_weight", "n1_weight"},
        {"pop65", "pop65"},
        {"pop_total", "pop_total"},
        {"maff_no_car_share", "maff_nocar"},
        {"salon_minutes", "k1_min"},
        {"shop_walk_minutes", "k2_wmin"},
        {"respondents", "resp"},
    };
    for (const auto& [full, short_name] : expected) {
        INFO(full);
        CHECK(short_of[full] == short_name);
    }
    CHECK(row_of["salon_gap_people"] == std::vector<std::string>{"k1_gap_p", "salon_gap_people",
                                                                 "salon：30分以内に行けない高齢者数", "people",
                                                                 "k1 = salon"});
    CHECK(row_of["通いの場参加意向_rate"] == std::vector<std::string>{"n2_rate", "通いの場参加意向_rate",
                                                                      "通いの場参加意向：該当率", "0..1",
                                                                      "n2 = 通いの場参加意向"});
    CHECK(row_of["pop75"] == std::vector<std::string>{"pop75", "pop75", "75歳以上人口", "people", ""});
}

TEST_CASE("needmap export: a CP932 Shapefile whose .cpg is lost still reads as Japanese",
          "[integration][cli][export]") {
    TempDir dir;
    for (const std::string layer : {"districts_access", "resources"}) {
        INFO(layer);
        export_layer(layer, dir / (layer + ".shp"), "--encoding cp932");
        // dBASE's language driver id, byte 29: 0x13 is Japanese Shift-JIS.
        CHECK(static_cast<unsigned char>(read_file(dir / (layer + ".dbf")).at(29)) == 0x13);
        fs::remove(dir / (layer + ".cpg"));
        const geo::Layer gpkg = gpkg_layer(layer);
        std::vector<std::string> names;
        for (const auto& f : gpkg.features) names.push_back(geo::to_text(f.values[gpkg.require_field("name")]));
        CHECK(std::any_of(names.begin(), names.end(), [](const std::string& n) { return n == "東中学校"; }) ==
              (layer == "districts_access"));

        const geo::Layer back = geo::read_layer(dir / (layer + ".shp"));
        CHECK(back.report.encoding == "CP932 (from the DBF language byte 0x13)");
        std::vector<std::string> back_names;
        for (const auto& f : back.features) back_names.push_back(geo::to_text(f.values[back.require_field("name")]));
        CHECK(back_names == names);
        CHECK(read_with_gdal(dir / (layer + ".shp"), "name").values == names);
    }

    // Any other file keeps its own (Japanese) field names, cut to 10 bytes of CP932.
    const auto r = run_needmap("export " + (kTown / "salons.csv").string() + " --encoding cp932 -o " +
                               (dir / "salons.shp").string());
    REQUIRE(r.status == 0);
    CHECK_FALSE(fs::exists(dir / "salons_fields.csv"));
    fs::remove(dir / "salons.cpg");
    const geo::Layer source = geo::read_layer(kTown / "salons.csv");
    std::vector<std::string> names;
    for (const auto& f : source.features) names.push_back(geo::to_text(f.values[source.require_field("名称")]));
    const OgrTable gdal = read_with_gdal(dir / "salons.shp", "名称");
    CHECK(std::find(gdal.fields.begin(), gdal.fields.end(), "都道府県コ") != gdal.fields.end());  // 10 bytes
    CHECK(gdal.values == names);
    CHECK(names.front() == "いきいきサロン本町");
    const geo::Layer back = geo::read_layer(dir / "salons.shp");
    CHECK(back.fields[back.require_field("名称")].name == "名称");
}

TEST_CASE("needmap export --format csv: whole people, percentages, and a .csvt GDAL reads numbers by",
          "[integration][cli][export]") {
    TempDir dir;
    const std::string said = export_layer("districts_access", dir / "d.csv");
    CHECK_THAT(said, Catch::Contains("percentages"));
    const geo::Layer gpkg = gpkg_layer("districts_access");
    const geo::CsvTable table = csv(dir / "d.csv");
    REQUIRE(table.rows.size() == gpkg.features.size());
    auto column = [&](const std::string& name) {
        const auto c = table.column(name);
        INFO(name);
        REQUIRE(c);
        return *c;
    };
    // People: whole numbers, the GeoPackage's rounded.
    for (const std::string name : {"pop65", "pop75", "pop_total", "salon_need", "salon_gap_people", "salon_gap_need",
                                   "shop_gap_people", "shop_walk_gap_people", "買物困難_weight", "maff_people"}) {
        INFO(name);
        const std::size_t c = column(name);
        const std::size_t g = gpkg.require_field(name);
        for (std::size_t d = 0; d < table.rows.size(); ++d) {
            const std::string& text = table.rows[d][c];
            CHECK(!text.empty());
            CHECK(std::all_of(text.begin(), text.end(), [](unsigned char ch) { return std::isdigit(ch); }));
            const double want = *geo::to_double(gpkg.features[d].values[g]);
            CHECK(std::abs(std::stod(text) - want) <= 0.5);
        }
    }
    // Shares: percentages to one decimal, 100 times the GeoPackage's 0..1.
    std::size_t shares = 0;
    for (std::size_t c = 0; c < table.header.size(); ++c) {
        const std::string& header = table.header[c];
        if (!header.ends_with("_pct")) continue;
        ++shares;
        const std::string name = header.substr(0, header.size() - 4);
        INFO(header);
        CHECK_FALSE(table.column(name));
        const std::size_t g = gpkg.require_field(name);
        for (std::size_t d = 0; d < table.rows.size(); ++d) {
            const std::string& text = table.rows[d][c];
            const auto want = geo::to_double(gpkg.features[d].values[g]);
            if (!want) {
                CHECK(text.empty());
                continue;
            }
            const auto dot = text.find('.');
            CHECK((dot == std::string::npos || text.size() - dot - 1 == 1));
            CHECK(std::abs(std::stod(text) - 100 * *want) <= 0.05 + 1e-9);
        }
    }
    // Minutes: to one decimal.
    for (const std::string name : {"salon_minutes_median", "shop_walk_minutes_p90"}) {
        INFO(name);
        const std::size_t c = column(name);
        const std::size_t g = gpkg.require_field(name);
        for (std::size_t d = 0; d < table.rows.size(); ++d) {
            const std::string& text = table.rows[d][c];
            const auto want = geo::to_double(gpkg.features[d].values[g]);
            if (!want) continue;
            const auto dot = text.find('.');
            CHECK((dot == std::string::npos || text.size() - dot - 1 == 1));
            CHECK(std::abs(std::stod(text) - *want) <= 0.05 + 1e-9);
        }
    }
    for (const std::string name : {"salon_gap_share", "shop_gap_need_share", "shop_walk_gap_share", "買物困難_rate",
                                   "maff_share", "maff_no_car_share"})
        CHECK(table.column(name + "_pct"));
    // per kind 2 + 1 on foot + 3 cut-offs (15, 30, 45), per need 3 (rate, low, high), the yardstick's 2
    CHECK(shares == 2 * 6 + 2 * 3 + 2);

    // One type per column, and GDAL reads the columns by them.
    const std::string csvt = read_file(dir / "d.csvt");
    CHECK(std::count(csvt.begin(), csvt.end(), ',') + 1 == static_cast<long>(table.header.size()));
    const OgrTable gdal = read_with_gdal(dir / "d.csv", "name");
    CHECK(gdal.types.at("salon_gap_people") == OFTInteger64);
    CHECK(gdal.types.at("salon_gap_share_pct") == OFTReal);
    CHECK(gdal.types.at("name") == OFTString);
    CHECK(gdal.types.at("salon_gap_rank") == OFTInteger64);

    // Points carry their lon/lat columns, typed too.
    export_layer("demand_access", dir / "p.csv");
    const geo::CsvTable points = csv(dir / "p.csv");
    CHECK(points.header.back() == "lat");
    const std::string point_types = read_file(dir / "p.csvt");
    CHECK(std::count(point_types.begin(), point_types.end(), ',') + 1 == static_cast<long>(points.header.size()));
    CHECK(point_types.ends_with("\"Real\",\"Real\"\r\n"));
}

TEST_CASE("needmap export --headers ja writes the Japanese labels as CSV headers, and nowhere else",
          "[integration][cli][export]") {
    TempDir dir;
    export_layer("districts_access", dir / "names.csv");
    export_layer("districts_access", dir / "ja.csv", "--headers ja");
    const geo::CsvTable names = csv(dir / "names.csv");
    const geo::CsvTable ja = csv(dir / "ja.csv");
    REQUIRE(ja.header.size() == names.header.size());
    CHECK(ja.rows == names.rows);
    CHECK(ja.header[0] == "圏域コード");
    CHECK(ja.header[1] == "圏域名");
    CHECK(ja.column("65歳以上人口"));
    CHECK(ja.header[*names.column("salon_gap_people")] == "salon：30分以内に行けない高齢者数");
    CHECK(ja.header[*names.column("salon_gap_share_pct")] == "salon：30分以内に行けない高齢者の割合（％）");
    CHECK(ja.header[*names.column("買物困難_rate_pct")] == "買物困難：該当率（％）");
    CHECK(std::set<std::string>(ja.header.begin(), ja.header.end()).size() == ja.header.size());

    // Refused where it cannot apply, before anything is written.
    const auto shp = run_needmap("export " + results().string() + " --layer districts_access --headers ja -o " +
                                 (dir / "d.shp").string());
    CHECK(shp.status == 1);
    CHECK_THAT(shp.output, Catch::Contains("--headers ja is for CSV") && Catch::Contains("_fields.csv"));
    CHECK_FALSE(fs::exists(dir / "d.shp"));
    const auto gpkg = run_needmap("export " + results().string() + " --layer districts_access --headers ja -o " +
                                  (dir / "d.gpkg").string());
    CHECK(gpkg.status == 1);
    CHECK_THAT(gpkg.output, Catch::Contains("aliases"));
    const auto other =
        run_needmap("export " + (kTown / "salons.csv").string() + " --headers ja -o " + (dir / "s.csv").string());
    CHECK(other.status == 1);
    CHECK_THAT(other.output, Catch::Contains("salons.csv") && Catch::Contains("not a layer of needmap results"));
    CHECK_FALSE(fs::exists(dir / "s.csv"));
    const auto bad = run_needmap("export " + results().string() + " --layer districts_access --headers en -o " +
                                 (dir / "e.csv").string());
    CHECK(bad.status == 1);
    CHECK_THAT(bad.output, Catch::Contains("--headers en: use names or ja"));
}

TEST_CASE("the results GeoPackage gives each field its Japanese label as alias, which QGIS shows",
          "[integration][cli][export]") {
    const geo::Layer districts = gpkg_layer("districts_access");
    CHECK(districts.fields[districts.require_field("salon_gap_people")].alias == "salon：30分以内に行けない高齢者数");
    CHECK(districts.fields[districts.require_field("id")].alias == "圏域コード");
    for (const auto& field : districts.fields) {
        INFO(field.name);
        CHECK_FALSE(field.alias.empty());
    }
    // What QGIS (through GDAL 3.7 and later) reads: the name column of gpkg_data_columns.
    GDALAllRegister();
    GDALDatasetH ds =
        GDALOpenEx(results().string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    REQUIRE(ds != nullptr);
    OGRLayerH rows = GDALDatasetExecuteSQL(
        ds,
        "SELECT name FROM gpkg_data_columns WHERE table_name = 'demand_access' AND column_name = 'shop_walk_covered'",
        nullptr, nullptr);
    REQUIRE(rows != nullptr);
    OGRFeatureH f = OGR_L_GetNextFeature(rows);
    REQUIRE(f != nullptr);
    CHECK(std::string(OGR_F_GetFieldAsString(f, 0)) == "shop：徒歩のみで30分以内に行ける（1/0）");
    OGR_F_Destroy(f);
    GDALDatasetReleaseResultSet(ds, rows);
    GDALClose(ds);

    // A GeoPackage exported from it keeps them.
    TempDir dir;
    export_layer("demand_access", dir / "p.gpkg");
    geo::ReadOptions read;
    const geo::Layer copy = geo::read_layer(dir / "p.gpkg", read);
    CHECK(copy.fields[copy.require_field("買物困難_weight")].alias == "買物困難：推計該当者数");
}

TEST_CASE("needmap export: a what-if's changes, with labels that hold for both thresholds",
          "[integration][cli][export]") {
    TempDir dir;
    const auto whatif = run_needmap("whatif " + (kTown / "project.toml").string() + " --threshold 20 --quiet -o " +
                                    (dir / "w.gpkg").string());
    REQUIRE(whatif.status == 0);
    const auto r = run_needmap("export " + (dir / "w.gpkg").string() + " --layer scenario_changes -o " +
                               (dir / "changes.shp").string());
    REQUIRE(r.status == 0);
    const geo::CsvTable list = csv(dir / "changes_fields.csv");
    std::vector<std::string> shorts;
    for (const auto& row : list.rows) shorts.push_back(row[0]);
    CHECK(shorts == std::vector<std::string>{"dist_id", "district", "kind", "ppl_bef", "ppl_aft", "ppl_chg", "need_bef",
                                             "need_aft", "need_chg"});
    // Before is the base run's 30 minutes, after the scenario's 20: the label names neither.
    CHECK(list.rows[3][2] == "変更前：基準時間内に行けない高齢者数");
    // The scenario's own layers speak of its threshold.
    geo::ReadOptions read;
    read.layer = "districts_access";
    const geo::Layer districts = geo::read_layer(dir / "w.gpkg", read);
    CHECK(districts.fields[districts.require_field("shop_gap_people")].alias == "shop：20分以内に行けない高齢者数");
}

TEST_CASE("needmap export: results of another schema version are written as any file, and it says so",
          "[integration][cli][export]") {
    TempDir dir;
    fs::copy_file(results(), dir / "old.gpkg");
    GDALAllRegister();
    GDALDatasetH ds =
        GDALOpenEx((dir / "old.gpkg").string().c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr);
    REQUIRE(ds != nullptr);
    GDALDatasetExecuteSQL(ds, "UPDATE run_summary SET number = 1 WHERE key = 'schema_version'", nullptr, nullptr);
    GDALClose(ds);

    const auto r = run_needmap("export " + (dir / "old.gpkg").string() + " --layer districts_access -o " +
                               (dir / "d.shp").string());
    CHECK(r.status == 0);
    CHECK_THAT(r.output, Catch::Contains(fmt::format("not needmap results of schema version {}", needmap::analysis::pipeline::schema::kVersion)) &&
                             Catch::Contains("\"small_sample\" is \"small_samp\""));
    CHECK_FALSE(fs::exists(dir / "d_fields.csv"));
    CHECK(shapefile(dir / "d.shp").require_field("small_samp") > 0);
}

TEST_CASE("results field names: bands keep plain names, every short name fits, up to kind 99", "[export]") {
    namespace schema = needmap::analysis::pipeline::schema;
    schema::RunNames names;
    names.bands = {"pop65", "65歳以上", "id", "k1_x", "Pop65", "population_total", "band2"};
    names.needs = {"買物困難"};
    for (int k = 1; k <= 99; ++k) names.kinds.push_back("種類" + std::to_string(k));
    names.threshold_min = 22.5;
    const auto districts = schema::layer_fields("districts_access", names);
    std::vector<std::string> bands;
    for (std::size_t i = 2; i < 2 + names.bands.size(); ++i) bands.push_back(districts[i].short_name);
    // Plain ASCII names that are free keep theirs; the rest are numbered by their place.
    CHECK(bands == std::vector<std::string>{"pop65", "band2", "band3", "band4", "band5", "band6", "band7"});
    CHECK(districts[2].label == "65歳以上人口");
    CHECK(districts[3].label == "65歳以上");
    std::set<std::string> shorts;
    std::set<std::string> labels;
    for (const auto& f : districts) {
        INFO(f.name);
        CHECK(f.short_name.size() <= 10);
        CHECK(shorts.insert(lower(f.short_name)).second);
        CHECK(labels.insert(f.label).second);
    }
    const auto last = std::find_if(districts.begin(), districts.end(),
                                   [](const auto& f) { return f.name == "種類99_walk_minutes_median"; });
    REQUIRE(last != districts.end());
    CHECK(last->short_name == "k99_wmin50");
    CHECK(last->prefix == "k99 = 種類99");
    const auto gap =
        std::find_if(districts.begin(), districts.end(), [](const auto& f) { return f.name == "種類2_gap_people"; });
    REQUIRE(gap != districts.end());
    CHECK(gap->label == "種類2：22.5分以内に行けない高齢者数");
    CHECK(schema::layer_fields("layer_styles", names).empty());
}
