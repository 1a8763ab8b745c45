// `needmap init` drafting a project from a town's files. The expected values come from outside
// the drafting code: the sample town's hand-written project.toml (the draft must run to the same
// results), the e-Stat tables' own label rows (which column is 65+), and the layouts 国土数値情報
// documents for N03.

#include "../cli_run.hpp"
#include "needmap/analysis/pipeline/project.hpp"
#include "needmap/analysis/pipeline/results_io.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <string>

using namespace needmap;
using needmap::test::read_file;
using needmap::test::run_needmap;
using needmap::test::TempDir;
using needmap::test::write_file;

namespace {

const std::filesystem::path kTown = std::filesystem::path(NEEDMAP_SOURCE_DIR) / "datasets/sample-town";

std::string town(const char* file) { return (kTown / file).string(); }

/// The results of `needmap run` on a project.
analysis::pipeline::Results run_project(const std::filesystem::path& project, const std::filesystem::path& out) {
    const auto run = run_needmap(fmt::format("run -q {} -o {}", project.string(), out.string()));
    INFO(run.output);
    REQUIRE(run.status == 0);
    return analysis::pipeline::read_results(out);
}

}  // namespace

TEST_CASE("needmap init drafts the sample town's project from its files, and it runs to the hand-written "
          "project's results",
          "[pipeline][init]") {
    TempDir tmp;
    const auto init = run_needmap(fmt::format(
        "init --districts {} --population {} --survey {} --resource salon={} --resource shop={} --streets {} "
        "--dem {} --gtfs {} --candidates {} {}",
        town("districts.geojson"), town("population_250m.csv"), town("needs_by_district.csv"), town("salons.csv"),
        town("shops.csv"), town("streets.osm"), town("dem.tif"), town("gtfs-community-bus.zip"), town("halls.csv"),
        (tmp / "drafted.toml").string()));
    INFO(init.output);
    REQUIRE(init.status == 0);
    const std::string draft = read_file(tmp / "drafted.toml");
    INFO(draft);
    // The band columns, found by the table's label row (人口（総数）, ６５歳以上人口　総数, ７５歳以上人口　総数).
    CHECK_THAT(draft, Catch::Contains("pop_total = \"T001142001\""));
    CHECK_THAT(draft, Catch::Contains("pop65 = \"T001142010\""));
    CHECK_THAT(draft, Catch::Contains("pop75 = \"T001142013\""));
    // The survey's district column and respondents; 配布数 (questionnaires sent) is not a need.
    CHECK_THAT(draft, Catch::Contains("key = \"日常生活圏域\""));
    CHECK_THAT(draft, Catch::Contains("respondents = \"回答者数\""));
    CHECK_THAT(draft, !Catch::Contains("name = \"配布数\""));
    // Each kind is tied to the need it serves, and the list's capacity column is found.
    CHECK_THAT(draft, Catch::Contains("need = \"通いの場参加意向\""));
    CHECK_THAT(draft, Catch::Contains("need = \"買物困難\""));
    CHECK_THAT(draft, Catch::Contains("capacity_field = \"定員\""));
    CHECK_THAT(init.output, Catch::Contains("国土数値情報 A32 2021 (3 districts)"));

    // The hand-written project names the same files with the same keys, and a departure day the
    // draft may not choose: give the draft the hand-written day, then both must agree exactly.
    std::string same_day = draft;
    const auto at = same_day.find("departure = \"");
    REQUIRE(at != std::string::npos);
    same_day.replace(at, same_day.find('\n', at) - at, "departure = \"2026-05-13T09:00\"");
    write_file(tmp / "drafted.toml", same_day);
    const auto drafted = run_project(tmp / "drafted.toml", tmp / "a.gpkg");
    const auto hand = run_project(kTown / "project.toml", tmp / "b.gpkg");
    const auto changes = analysis::pipeline::compare(hand, drafted);
    REQUIRE(changes.size() == 6);  // 3 districts x 2 kinds
    for (const auto& c : changes) {
        CHECK(c.people_after == c.people_before);
        CHECK(c.need_after == Approx(c.need_before).margin(1e-9));
    }
    for (std::size_t k = 0; k < hand.kinds.size(); ++k) {
        REQUIRE(drafted.kinds[k].siting.has_value());
        CHECK(drafted.kinds[k].siting->cumulative == hand.kinds[k].siting->cumulative);
    }
}

TEST_CASE("needmap init --ask asks for each file and drafts the same project as the flags do", "[pipeline][init]") {
    TempDir tmp;
    // Answers in the order asked: districts, population (then Enter), survey, salons, shops,
    // streets, bus feeds (then Enter), candidates, municipality. A path may come quoted, as a
    // terminal writes a file dropped onto it.
    write_file(tmp / "answers.txt",
               fmt::format("{}\n'{}'\n\n{}\n{}\n{}\n{}\n{}\n\n{}\n\n", town("districts.geojson"),
                           town("population_250m.csv"), town("needs_by_district.csv"), town("salons.csv"),
                           town("shops.csv"), town("streets.osm"), town("gtfs-community-bus.zip"), town("halls.csv")));
    const auto asked = run_needmap(fmt::format("init --ask {} < {}", (tmp / "asked.toml").string(), (tmp / "answers.txt").string()));
    INFO(asked.output);
    REQUIRE(asked.status == 0);
    const auto flags = run_needmap(fmt::format(
        "init --districts {} --population {} --survey {} --resource salon={} --resource shop={} --streets {} "
        "--gtfs {} --candidates {} {}",
        town("districts.geojson"), town("population_250m.csv"), town("needs_by_district.csv"), town("salons.csv"),
        town("shops.csv"), town("streets.osm"), town("gtfs-community-bus.zip"), town("halls.csv"),
        (tmp / "flags.toml").string()));
    REQUIRE(flags.status == 0);
    const auto body = [](std::string text) { return text.substr(text.find("[districts]")); };  // past the file's own name
    CHECK(body(read_file(tmp / "asked.toml")) == body(read_file(tmp / "flags.toml")));
}

TEST_CASE("needmap init leaves what it was not given commented out, saying what it would add", "[pipeline][init]") {
    TempDir tmp;
    const auto init = run_needmap(fmt::format("init --districts {} --population {} --streets {} {}", town("districts.geojson"),
                                              town("population_250m.csv"), town("streets.osm"),
                                              (tmp / "p.toml").string()));
    INFO(init.output);
    REQUIRE(init.status == 0);
    const std::string draft = read_file(tmp / "p.toml");
    CHECK_THAT(draft, Catch::Contains("# [survey]: not given."));
    CHECK_THAT(draft, Catch::Contains("# [transit]: not given."));
    CHECK_THAT(draft, Catch::Contains("grid = 250"));  // candidates where people live
    CHECK_THAT(init.output, Catch::Contains("[[resources]]: give the places"));
    // A draft without places is not a project yet: the run says what is missing.
    const auto run = run_needmap(fmt::format("run -q {} -o {}", (tmp / "p.toml").string(), (tmp / "p.gpkg").string()));
    CHECK(run.status == 1);
    CHECK_THAT(run.output, Catch::Contains("resources/salons.csv"));
    CHECK_FALSE(std::filesystem::exists(tmp / "p.gpkg"));
}

TEST_CASE("needmap init reads a 国土数値情報 N03 layer as the whole municipality, one district", "[pipeline][init]") {
    TempDir tmp;
    // N03's attributes (都道府県名, 支庁・振興局名, 郡・政令都市名, 市区町村名, 行政区域コード); the
    // polygon covers the sample town.
    write_file(tmp / "N03.geojson",
               R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"N03_001":"岐阜県",)"
               R"("N03_002":null,"N03_003":"梓野郡","N03_004":"梓野町","N03_007":"21999"},"geometry":{"type":"Polygon",)"
               R"("coordinates":[[[136.45,35.45],[136.62,35.45],[136.62,35.62],[136.45,35.62],[136.45,35.45]]]}}]})");
    const auto init = run_needmap(fmt::format("init --districts {} --population {} --resource salon={} --streets {} {}",
                                              (tmp / "N03.geojson").string(), town("population_250m.csv"),
                                              town("salons.csv"), town("streets.osm"), (tmp / "p.toml").string()));
    INFO(init.output);
    REQUIRE(init.status == 0);
    const std::string draft = read_file(tmp / "p.toml");
    CHECK_THAT(draft, Catch::Contains("id_field = \"N03_007\""));
    CHECK_THAT(draft, Catch::Contains("name_field = \"N03_004\""));
    CHECK_THAT(draft, Catch::Contains("name = \"梓野町 "));
    const auto project = analysis::pipeline::load_project(tmp / "p.toml");
    CHECK(project.districts.options.id_field == "N03_007");
    const auto results = run_project(tmp / "p.toml", tmp / "p.gpkg");
    REQUIRE(results.districts.size() == 1);
    CHECK(results.districts[0].name == "梓野町");
}

TEST_CASE("needmap init refuses what it cannot use, and writes nothing", "[pipeline][init]") {
    TempDir tmp;
    const auto no_kind = run_needmap(fmt::format("init --resource {} {}", town("salons.csv"), (tmp / "p.toml").string()));
    CHECK(no_kind.status == 1);
    CHECK_THAT(no_kind.output, Catch::Contains("write it as KIND=FILE, e.g. salon=salons.csv"));
    const auto other_town = run_needmap(fmt::format("init --districts {} --municipality 35202 {}", town("districts.geojson"),
                                                    (tmp / "p.toml").string()));
    CHECK(other_town.status == 1);
    CHECK_THAT(other_town.output, Catch::Contains("no district of municipality 35202 (there are: 21999 (3))"));
    const auto missing = run_needmap(fmt::format("init --districts {} {}", (tmp / "nowhere.geojson").string(),
                                                 (tmp / "p.toml").string()));
    CHECK(missing.status == 1);
    CHECK_THAT(missing.output, Catch::Contains("nowhere.geojson"));
    CHECK_FALSE(std::filesystem::exists(tmp / "p.toml"));
    write_file(tmp / "p.toml", "# mine\n");
    const auto exists = run_needmap(fmt::format("init --districts {} {}", town("districts.geojson"), (tmp / "p.toml").string()));
    CHECK(exists.status == 1);
    CHECK(read_file(tmp / "p.toml") == "# mine\n");
}

TEST_CASE("needmap init tells a per-respondent survey from a per-district one, and its run counts the respondents",
          "[pipeline][init]") {
    TempDir tmp;
    const auto init = run_needmap(fmt::format("init --districts {} --population {} --survey {} --resource salon={} --streets {} {}",
                                              town("districts.geojson"), town("population_250m.csv"),
                                              town("needs_respondents.csv"), town("salons.csv"), town("streets.osm"),
                                              (tmp / "p.toml").string()));
    INFO(init.output);
    REQUIRE(init.status == 0);
    const std::string draft = read_file(tmp / "p.toml");
    INFO(draft);
    CHECK_THAT(draft, Catch::Contains("type = \"respondent\""));
    CHECK_THAT(draft, Catch::Contains("key = \"日常生活圏域\""));
    CHECK_THAT(draft, Catch::Contains("column = \"通いの場参加意向\"") && Catch::Contains("need = \"通いの場参加意向\""));
    CHECK_THAT(draft, !Catch::Contains("column = \"性別\""));  // 男/女 are not answers
    // The respondents counted per district add up to the file's rows (one header line).
    const auto results = run_project(tmp / "p.toml", tmp / "p.gpkg");
    std::size_t rows = 0;
    for (const char c : read_file(kTown / "needs_respondents.csv")) rows += c == '\n';
    double respondents = 0;
    for (const auto& d : results.districts) respondents += d.respondents.value_or(0);
    CHECK(respondents == Approx(static_cast<double>(rows - 1)));
}
