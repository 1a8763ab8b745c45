// The bad-input corpus: the sample town with one thing wrong at a time (a number that is not a
// number, a file that is not there or not whole, a column or key misnamed), and flags out of
// range. Each must end with exit 1, a message that names the file (and line) and says what is
// wrong, and no output; or, where a run can still mean something, a warning that -q keeps.

#include "cli_run.hpp"
#include "test_support.hpp"

#include "needmap/geo/csv.hpp"
#include "needmap/geo/layer_io.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <functional>
#include <set>
#include <string>

using needmap::test::run_needmap;
using needmap::test::TempDir;

namespace {

const std::filesystem::path kTown = std::filesystem::path(NEEDMAP_SOURCE_DIR) / "datasets" / "sample-town";

/// A copy of the sample town in `dir`, with `from` replaced by `to` in file `name`.
void town_with(const std::filesystem::path& dir, const std::string& name, const std::string& from, const std::string& to) {
    std::filesystem::copy(kTown, dir, std::filesystem::copy_options::recursive);
    std::string text = needmap::test::read_file(dir / name);
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    needmap::test::write_file(dir / name, text);
}

struct Case {
    std::string file;  ///< of the sample town, edited
    std::string from;
    std::string to;
    std::string says;   ///< what the message must hold
    std::string named = {};  ///< the file the message names, when not the one edited
};

}  // namespace

TEST_CASE("bad input corpus: a project or file of the sample town with one thing wrong is refused, named",
          "[integration][cli]") {
    const Case cases[] = {
        // Numbers from the project file: finite, in range, whole where a count is meant.
        {"project.toml", "threshold = 30", "threshold = nan", "line 69: [parameters] threshold: must be a finite number (minutes), not nan"},
        {"project.toml", "threshold = 30", "threshold = inf", "threshold: must be a finite number (minutes), not inf"},
        {"project.toml", "threshold = 30", "threshold = 0", "threshold: 0 is outside 1..240 (minutes)"},
        {"project.toml", "threshold = 30", "threshold = \"30\"", "threshold: must be a number (minutes)"},
        {"project.toml", "walk_speed = 3.0", "walk_speed = nan", "walk_speed: must be a finite number (km/h), not nan"},
        {"project.toml", "walk_speed = 3.0", "walk_speed = 50", "walk_speed: 50 is outside 0.5..10 (km/h)"},
        {"project.toml", "max_snap = 500", "max_snap = -5", "max_snap: -5 is outside 1..5000 (metres)"},
        {"project.toml", "new_sites = 3", "new_sites = 2.7", "new_sites: must be a whole number (sites), not 2.7"},
        {"project.toml", "new_sites = 3", "new_sites = -1", "new_sites: -1 is outside 0..1000 (sites)"},
        {"project.toml", "new_sites = 3", "new_sites = 3\nsiting = \"p-centre\"",
         "siting: \"p-centre\": give \"mclp\""},
        {"project.toml", "new_sites = 3", "new_sites = 3\nsiting = \"capacitated\"\nsite_capacity = -5",
         "site_capacity: -5 is outside"},
        {"project.toml", "new_sites = 3", "new_sites = 3\nsiting = \"lscp\"\ncover_share = 1.5",
         "cover_share: 1.5 is outside 0.01..1 (a share, 0 to 1)"},
        {"project.toml", "new_sites = 3", "new_sites = 3\ndecay = \"cubic\"",
         "decay: decay \"cubic\": give step, linear, exponential, logistic or gaussian"},
        {"project.toml", "no_car_share = 0.4", "no_car_share = 1.5", "no_car_share: 1.5 is outside 0..1"},
        {"project.toml", "window = 120", "window = nan", "line 58: [transit] window: must be a finite number (minutes), not nan"},
        {"project.toml", "window = 120", "window = 0", "window: 0 is outside 1..1440 (minutes)"},
        {"project.toml", "window = 120", "window = 12.5", "window: must be a whole number (minutes), not 12.5"},
        {"project.toml", "percentile = 50", "percentile = nan", "percentile: must be a finite number (percent), not nan"},
        {"project.toml", "percentile = 50", "percentile = 0", "percentile: 0 is outside 1..100 (percent)"},
        {"project.toml", "percentile = 50", "percentile = 101", "percentile: 101 is outside 1..100 (percent)"},
        {"project.toml", "max_walk_to_stop = 800", "max_walk_to_stop = -100", "max_walk_to_stop: -100 is outside 0..5000 (metres)"},
        {"project.toml", "max_walk_to_stop = 800", "max_walk_to_stop = inf", "max_walk_to_stop: must be a finite number (metres), not inf"},
        {"project.toml", "max_rides = 3", "max_rides = nan", "max_rides: must be a finite number (vehicles), not nan"},
        {"project.toml", "max_rides = 3", "max_rides = 0", "max_rides: 0 is outside 1..10 (vehicles)"},
        {"project.toml", "max_rides = 3", "max_rides = 2.5", "max_rides: must be a whole number (vehicles), not 2.5"},
        {"project.toml", "min_respondents = 30", "min_respondents = -1", "min_respondents: -1 is outside 0..1000000"},
        {"project.toml", "min_respondents = 30", "min_respondents = 2.5", "min_respondents: must be a whole number (respondents), not 2.5"},
        // Texts, keys and names.
        {"project.toml", "departure = \"2026-05-13T09:00\"", "departure = \"2026-13-45T09:00\"",
         "line 57: [transit] departure: \"2026-13-45T09:00\" is not a date and time YYYY-MM-DDTHH:MM"},
        {"project.toml", "departure = \"2026-05-13T09:00\"", "departure = \"yesterday\"", "\"yesterday\" is not a date and time"},
        {"project.toml", "threshold = 30", "thresold = 30", "unknown key \"thresold\" in [parameters]: a misspelling? (known keys:"},
        {"project.toml", "threshold = 30", "threshold = ", "line 69: Error while parsing key-value pair"},
        {"project.toml", "elderly_band = \"pop65\"", "elderly_band = \"pop99\"", "elderly_band: \"pop99\" is not one of [population.bands]"},
        {"project.toml", "type = \"mesh\"", "type = \"grid\"", "[population] type: \"grid\" is not mesh, small_area or layer"},
        {"project.toml", "measure = \"count\"", "measure = \"median\"", "measure: \"median\" is not count, rate or percent"},
        {"project.toml", "kinds = [\"salon\", \"shop\"]", "kinds = [\"hospital\"]", "[candidates] kinds: \"hospital\" is not a kind of [[resources]]"},
        {"project.toml", "need = \"通いの場参加意向\"", "need = \"存在しない\"", "need: \"存在しない\" is not a need kind of [[survey.needs]]"},
        {"project.toml", "[streets]\nosm = \"streets.osm\"", "[streets]", "[streets] osm: give exactly one of osm"},
        // Files that are not there.
        {"project.toml", "file = \"districts.geojson\"", "file = \"missing.geojson\"", "[districts] file: \"missing.geojson\": no such file"},
        {"project.toml", "file = \"population_250m.csv\"", "file = \"missing.csv\"", "[population] file: \"missing.csv\": no such file"},
        {"project.toml", "osm = \"streets.osm\"", "osm = \"nothing.osm\"", "[streets] osm: \"nothing.osm\": no such file"},
        {"project.toml", "gtfs = [\"gtfs-community-bus.zip\"]", "gtfs = [\"nothing.zip\"]", "[transit] gtfs: \"nothing.zip\": no such file"},
        {"project.toml", "file = \"salons.csv\"", "file = \"none.csv\"", "[[resources]] #1 file: \"none.csv\": no such file"},
        // Columns and fields that are not there: the file named, and the ones there are.
        {"project.toml", "key = \"日常生活圏域\"", "key = \"無い列\"", "needs_by_district.csv: no column \"無い列\" (columns are: 日常生活圏域", "needs_by_district.csv"},
        {"project.toml", "capacity_field = \"定員\"", "capacity_field = \"無い\"", "salons.csv: no field \"無い\" (fields are:", "salons.csv"},
        {"project.toml", "T001142010", "T009999999", "population_250m.csv: no column \"T009999999\"; give a column's code or its label, as one of:\n  T001142001 人口（総数）", "population_250m.csv"},
        // Files that are not whole, or not what they say.
        {"districts.geojson", "\"features\"", "\"features\" {", "districts.geojson: cannot be read as a vector layer"},
        {"streets.osm", "</osm>", "<node", "streets.osm: cannot be read as OpenStreetMap data"},
        {"salons.csv", "定員", "定員,定員", "salons.csv: two fields are named \"定員\" (columns 14 and 15)"},
        {"shops.csv", "営業時間", "営業時間\n\"unclosed", "shops.csv line 2: a quoted field is never closed"},
        {"population_250m.csv", "5336236911", "5336-XX", "population_250m.csv line 3: KEY_CODE \"5336-XX\" is not a mesh code"},
        // A survey keyed on a column that names no district (here the copies sent): every need would be 0.
        {"project.toml", "key = \"日常生活圏域\"", "key = \"配布数\"",
         "needs_by_district.csv: none of its 3 rows matches a district", "needs_by_district.csv"},
        {"salons.csv", "いきいきサロン本町,サロン,本町集会所,岐阜県梓野郡梓野町本町二丁目1-2,35.549706,136.542113,毎週火曜,10:00,12:00,25",
         "いきいきサロン本町,サロン,本町集会所,岐阜県梓野郡梓野町本町二丁目1-2,35.549706,136.542113,毎週火曜,10:00,12:00,たくさん",
         "salons.csv line 2: 定員 \"たくさん\" is not a number of places"},
    };
    for (const Case& c : cases) {
        INFO(c.file << ": " << c.to);
        TempDir tmp;
        town_with(tmp / "town", c.file, c.from, c.to);
        const auto run = run_needmap("run " + (tmp / "town" / "project.toml").string() + " -q -o " + (tmp / "out.gpkg").string());
        CHECK(run.status == 1);
        CHECK_THAT(run.output, Catch::Contains("needmap: error: ") &&
                                   Catch::Contains(c.named.empty() ? c.file : c.named) && Catch::Contains(c.says));
        CHECK_FALSE(std::filesystem::exists(tmp / "out.gpkg"));
    }
}

TEST_CASE("bad input corpus: flags out of range, NaN and infinity are refused before any work", "[integration][cli]") {
    TempDir tmp;
    const std::string town = kTown.string();
    const std::string matrix = "matrix --osm " + town + "/streets.osm --origins " + town + "/shops.csv --destinations " +
                               town + "/shops.csv --id-field 名称 -o " + (tmp / "m.csv").string() + " ";
    const std::string isochrone = "isochrone --osm " + town + "/streets.osm --points " + town + "/shops.csv -o " +
                                  (tmp / "i.gpkg").string() + " ";
    const std::string whatif = "whatif " + town + "/project.toml -q -o " + (tmp / "w.gpkg").string() + " ";
    const std::pair<std::string, std::string> cases[] = {
        {matrix + "--max-time inf", "--max-time: inf is not a number from 1 to 1440 (minutes)"},
        {matrix + "--walk-speed nan", "--walk-speed: nan is not a number from 0.5 to 10 (km/h)"},
        {matrix + "--max-snap -5", "--max-snap: -5 is not a number from 1 to 5000 (metres)"},
        {matrix + "--max-walk-to-stop -100", "--max-walk-to-stop: -100 is not a number from 0 to 5000 (metres)"},
        {matrix + "--percentiles 50,50", "--percentiles: 50 is given twice"},
        {matrix + "--percentiles 0", "--percentiles: 0 is not a number from 1 to 100 (percent)"},
        {matrix + "--window 0", "--window: 0 is not a number from 1 to 1440 (minutes)"},
        {matrix + "--threads -1", "--threads: -1 is not a number from 0 to 1024"},
        {isochrone + "--buffer nan", "--buffer: nan is not a number from 1 to 1000 (metres)"},
        {isochrone + "--minutes nan", "--minutes: nan is not a number from 1 to 240 (minutes)"},
        {isochrone + "--minutes 15,0", "--minutes: 0 is not a number from 1 to 240 (minutes)"},
        {isochrone + "--walk-speed inf", "--walk-speed: inf is not a number from 0.5 to 10 (km/h)"},
        {whatif + "--threshold nan", "threshold nan min: give minutes above 0 and at most 240"},
        {whatif + "--walk-speed inf", "walking speed inf km/h: give 0.5 to 10 km/h"},
        {whatif + "--add-site salon:abc", "--add-site \"salon:abc\": no comma between longitude and latitude"},
        {"run " + (tmp / "nowhere.toml").string(), "nowhere.toml: no such file"},
        {"export " + (tmp / "nowhere.gpkg").string() + " -o " + (tmp / "x.shp").string(), "nowhere.gpkg: no such file"},
    };
    for (const auto& [args, says] : cases) {
        INFO(args);
        const auto run = run_needmap(args);
        CHECK(run.status == 1);
        CHECK_THAT(run.output, Catch::Contains(says));
    }
    CHECK_FALSE(std::filesystem::exists(tmp / "m.csv"));
    CHECK_FALSE(std::filesystem::exists(tmp / "i.gpkg"));
    CHECK_FALSE(std::filesystem::exists(tmp / "w.gpkg"));
}

TEST_CASE("rows left out are warned about even with -q, and listed in run_summary", "[integration][cli]") {
    TempDir tmp;
    town_with(tmp / "town", "salons.csv", "35.549706", "abc");
    const auto run = run_needmap("run " + (tmp / "town" / "project.toml").string() + " -q -o " + (tmp / "out.gpkg").string());
    REQUIRE(run.status == 0);
    CHECK_THAT(run.output, Catch::Contains("WARNING: salons.csv: 1 rows skipped for want of coordinates (line 2: "));
    needmap::geo::ReadOptions options;
    options.layer = "run_summary";
    const auto summary = needmap::geo::read_layer(tmp / "out.gpkg", options);
    bool listed = false;
    for (const auto& f : summary.features)
        for (const auto& v : f.values) listed = listed || needmap::geo::to_text(v).find("1 rows skipped") != std::string::npos;
    CHECK(listed);
}

TEST_CASE("ids: an ID column in any case; without one the points are numbered and a warning says so; ids with "
          "commas, quotes and line breaks survive the matrix CSV and the snap report",
          "[integration][cli]") {
    TempDir tmp;
    const std::string town = kTown.string();
    // Two shops of the sample town, by longitude and latitude only.
    needmap::test::write_file(tmp / "lonlat.csv", "lon,lat\n136.551553,35.534311\n136.538701,35.543549\n");
    auto run = run_needmap("matrix -q --osm " + town + "/streets.osm --origins " + (tmp / "lonlat.csv").string() +
                           " --destinations " + (tmp / "lonlat.csv").string() + " -o " + (tmp / "m.csv").string());
    REQUIRE(run.status == 0);
    CHECK_THAT(run.output, Catch::Contains("WARNING: ") && Catch::Contains("lonlat.csv: no id column, so its points are "
                                                                          "numbered 1, 2, ... in the file's order"));
    std::string csv = needmap::test::read_file(tmp / "m.csv");
    CHECK_THAT(csv, Catch::Contains("\n1,2,") && Catch::Contains("\n2,1,"));
    CHECK_THAT(csv, !Catch::Contains("136.55"));  // longitudes are not ids

    needmap::test::write_file(tmp / "odd.csv",
                              "ID,lon,lat\n\"shop, main\",136.551553,35.534311\n\"the \"\"hall\"\"\n(annex)\",136.538701,35.543549\n");
    run = run_needmap("matrix -q --osm " + town + "/streets.osm --origins " + (tmp / "odd.csv").string() +
                      " --destinations " + (tmp / "odd.csv").string() + " --snap-report " + (tmp / "snaps.csv").string() +
                      " -o " + (tmp / "m.csv").string());
    REQUIRE(run.status == 0);
    CHECK_THAT(run.output, !Catch::Contains("no id column"));
    // Read back as RFC 4180: the ids come back whole.
    for (const auto& [file, column] : {std::pair{"m.csv", "from_id"}, std::pair{"snaps.csv", "id"}}) {
        needmap::geo::CsvReader reader(needmap::test::read_file(tmp / file), file);
        const auto table = needmap::geo::read_csv_table(reader);
        const std::size_t at = table.require_column(column);
        std::set<std::string> ids;
        for (const auto& row : table.rows) ids.insert(row[at]);
        CHECK(ids == std::set<std::string>{"shop, main", "the \"hall\"\n(annex)"});
    }
}

TEST_CASE("a departure at an hour without buses is warned about, as a day without service is", "[integration][cli]") {
    TempDir tmp;
    town_with(tmp / "town", "project.toml", "departure = \"2026-05-13T09:00\"", "departure = \"2026-05-13T03:00\"");
    const auto run = run_needmap("run " + (tmp / "town" / "project.toml").string() + " -q -o " + (tmp / "out.gpkg").string());
    REQUIRE(run.status == 0);
    CHECK_THAT(run.output, Catch::Contains("WARNING: no bus leaves any stop between 3:00 and 5:00 on 2026-05-13: the "
                                           "buses add nothing to walking"));
    // At 9:00 they run: no such warning.
    TempDir plain;
    const auto usual = run_needmap("run " + (kTown / "project.toml").string() + " -q -o " + (plain / "out.gpkg").string());
    REQUIRE(usual.status == 0);
    CHECK_THAT(usual.output, !Catch::Contains("no bus leaves"));
}

TEST_CASE("inputs of another place are refused: streets that cover no district, places all far beyond the "
          "districts, districts that overlap",
          "[integration][cli]") {
    const auto replace_all = [](std::string text, const std::string& from, const std::string& to) {
        for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
            text.replace(at, from.size(), to);
        return text;
    };
    const auto refused = [](const std::filesystem::path& town, const std::string& says) {
        const auto out = town.parent_path() / "out.gpkg";
        const auto run = run_needmap("run " + (town / "project.toml").string() + " -q -o " + out.string());
        CHECK(run.status == 1);
        CHECK_THAT(run.output, Catch::Contains("needmap: error: ") && Catch::Contains(says));
        CHECK_FALSE(std::filesystem::exists(out));
    };
    SECTION("the streets of a town 270 km east (every longitude 136.x made 139.x)") {
        TempDir tmp;
        std::filesystem::copy(kTown, tmp / "town", std::filesystem::copy_options::recursive);
        const auto osm = tmp / "town" / "streets.osm";
        needmap::test::write_file(osm, replace_all(needmap::test::read_file(osm), "lon=\"136.", "lon=\"139."));
        // The town's elevation model is then elsewhere too, and said so first; without it, the streets.
        refused(tmp / "town", "dem.tif: the elevation model covers none of the streets");
        const auto project = tmp / "town" / "project.toml";
        needmap::test::write_file(project, replace_all(needmap::test::read_file(project), "dem = \"dem.tif\"", ""));
        refused(tmp / "town", "streets.osm: the streets cover none of the districts");
    }
    SECTION("every salon 270 km east") {
        TempDir tmp;
        std::filesystem::copy(kTown, tmp / "town", std::filesystem::copy_options::recursive);
        const auto salons = tmp / "town" / "salons.csv";
        needmap::test::write_file(salons, replace_all(needmap::test::read_file(salons), ",136.", ",139."));
        refused(tmp / "town", "salons.csv: every one of its 16 places (salon) lies far beyond the districts");
    }
    SECTION("a district drawn twice under another name") {
        TempDir tmp;
        std::filesystem::copy(kTown, tmp / "town", std::filesystem::copy_options::recursive);
        const auto districts = tmp / "town" / "districts.geojson";
        std::string text = needmap::test::read_file(districts);
        const auto first = text.find("{\"type\": \"Feature\"");
        const auto second = text.find("{\"type\": \"Feature\"", first + 1);
        REQUIRE(second != std::string::npos);
        std::string copy = text.substr(first, second - first);
        copy = replace_all(replace_all(copy, "C121299900013", "C121299900099"), "梓野中学校", "梓野第二中学校");
        text.insert(second, copy);
        needmap::test::write_file(districts, text);
        refused(tmp / "town", "districts overlap, so the people in the overlaps would be counted twice:\n"
                              "  districts 梓野中学校 and 梓野第二中学校 overlap by 4586.2 ha (100% of 梓野中学校)");
    }
}

TEST_CASE("a project with five files missing reports all five in one run, and a key that needs another section "
          "says what to do",
          "[integration][cli]") {
    TempDir tmp;
    std::filesystem::copy(kTown, tmp / "town", std::filesystem::copy_options::recursive);
    const std::string missing[] = {"districts.geojson", "population_250m.csv", "needs_by_district.csv", "salons.csv",
                                   "streets.osm"};
    for (const auto& name : missing) std::filesystem::remove(tmp / "town" / name);
    const auto run = run_needmap("run " + (tmp / "town" / "project.toml").string() + " -q -o " + (tmp / "out.gpkg").string());
    CHECK(run.status == 1);
    CHECK_THAT(run.output, Catch::Contains("project.toml: 5 problems; fix them all, then run again:"));
    for (const auto& name : missing) CHECK_THAT(run.output, Catch::Contains("\"" + name + "\": no such file"));
    CHECK_FALSE(std::filesystem::exists(tmp / "out.gpkg"));

    // A kind that serves a survey need, in a project without the survey.
    std::string project = needmap::test::read_file(kTown / "project.toml");
    const auto from = project.find("[survey]");
    const auto to = project.find("[[resources]]");
    REQUIRE((from != std::string::npos && to != std::string::npos));
    project.erase(from, to - from);
    std::filesystem::copy(kTown, tmp / "whole", std::filesystem::copy_options::recursive);
    needmap::test::write_file(tmp / "whole" / "nosurvey.toml", project);
    const auto no_survey = run_needmap("run " + (tmp / "whole" / "nosurvey.toml").string() + " -q -o " +
                                       (tmp / "out.gpkg").string());
    CHECK(no_survey.status == 1);
    CHECK_THAT(no_survey.output, Catch::Contains("need: \"通いの場参加意向\" names a survey need kind, but there is no "
                                                 "[survey]: remove need, or add the survey"));
}
