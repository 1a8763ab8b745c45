// The whole pipeline on a town small enough to work out by hand.

#include "../network/ascii_network.hpp"
#include "needmap/analysis/pipeline/run.hpp"
#include "needmap/analysis/pipeline/results.hpp"
#include "needmap/geo/error.hpp"
#include "needmap/geo/layer_io.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>

using namespace needmap;
using namespace needmap::analysis::pipeline;
using Catch::Detail::Approx;
using needmap::test::AsciiMap;
using needmap::test::TempDir;
using needmap::test::write_file;

namespace {

class Quiet : public analysis::Feedback {
public:
    void warn(const std::string& line) override { warnings.push_back(line); }
    std::vector<std::string> warnings;
};

/// One footway 3 km long, west to east; everything sits on it, so walking distances are
/// differences of x. Walking at 3.6 km/h (1 m/s), the 10-minute threshold is 600 m.
struct HandTown {
    HandTown() : map("a.b.c.d", 500) {
        map.write_osm(dir / "streets.osm", {{"abcd", {{"highway", "footway"}}}});
        auto ll = [&](double x, double y) { return map.lon_lat(map.at(x, y)); };
        // Districts: West is x < 1200, East x >= 1200.
        auto box = [&](double x0, double x1) {
            std::string ring;
            for (const auto& [x, y] :
                 std::vector<std::pair<double, double>>{{x0, -500}, {x1, -500}, {x1, 500}, {x0, 500}, {x0, -500}}) {
                const auto p = ll(x, y);
                ring += fmt::format("{}[{:.9f},{:.9f}]", ring.empty() ? "" : ",", p.x, p.y);
            }
            return ring;
        };
        write_file(dir / "districts.geojson", fmt::format(R"({{"type":"FeatureCollection","features":[
            {{"type":"Feature","properties":{{"code":"W","name":"西中学校区"}},"geometry":{{"type":"Polygon","coordinates":[[{}]]}}}},
            {{"type":"Feature","properties":{{"code":"E","name":"東中学校区"}},"geometry":{{"type":"Polygon","coordinates":[[{}]]}}}}]}})",
                                                          box(-500, 1200), box(1200, 3500)));
        // Older people (pop65) at seven places along the way.
        std::string pop = "id,lon,lat,pop_total,pop65\n";
        const std::vector<std::pair<double, int>> people{{100, 100},  {500, 200},  {900, 300}, {1500, 400},
                                                         {2100, 500}, {2600, 600}, {2900, 700}};
        for (const auto& [x, n] : people) {
            const auto p = ll(x, 0);
            pop += fmt::format("x{},{:.9f},{:.9f},{},{}\n", x, p.x, p.y, 3 * n, n);
        }
        write_file(dir / "population.csv", pop);
        // The survey: 20 of 100 in the west, 50 of 100 in the east would come to a salon.
        write_file(dir / "survey.csv", "district,respondents,salon\n西中,100,20\n東中学校,100,50\n");
        const auto salon = ll(0, 0);
        write_file(dir / "salons.csv", fmt::format("名称,緯度,経度\nいきいきサロン,{:.9f},{:.9f}\n", salon.y, salon.x));
        std::string halls = "名称,緯度,経度\n";
        for (const auto& [name, x] :
             std::vector<std::pair<std::string, double>>{{"h1", 1800}, {"h2", 2600}, {"h3", 1000}}) {
            const auto p = ll(x, 0);
            halls += fmt::format("{},{:.9f},{:.9f}\n", name, p.y, p.x);
        }
        write_file(dir / "halls.csv", halls);
        write_file(dir / "project.toml", R"(
[project]
name = "hand town"
[districts]
file = "districts.geojson"
id_field = "code"
name_field = "name"
[population]
type = "layer"
file = "population.csv"
key_field = "id"
elderly_band = "pop65"
[population.bands]
pop_total = "pop_total"
pop65 = "pop65"
[survey]
type = "district"
file = "survey.csv"
key = "district"
respondents = "respondents"
[[survey.needs]]
name = "通いの場参加意向"
column = "salon"
[[resources]]
kind = "salon"
file = "salons.csv"
need = "通いの場参加意向"
name_field = "名称"
[streets]
osm = "streets.osm"
[candidates]
file = "halls.csv"
name_field = "名称"
[parameters]
threshold = 10
walk_speed = 3.6
new_sites = 2
)");
    }
    TempDir dir;
    AsciiMap map;
};

}  // namespace

TEST_CASE("the whole pipeline on a hand-worked town: gaps per district and ranked sites", "[pipeline]") {
    const HandTown town;
    const Project project = load_project(town.dir / "project.toml");
    Quiet observer;
    const Results r = run_project(project, town.dir / "out.gpkg", observer);

    REQUIRE(r.districts.size() == 2);
    const std::size_t west = r.find_district("W").value().value();
    const std::size_t east = r.find_district("E").value().value();
    REQUIRE(r.kinds.size() == 1);
    const KindResult& salon = r.kinds[0];
    // Within 600 m of the salon at x=0: the people at 100 and 500 m. Need = pop65 x rate:
    // west 0.2 (100, 200, 300 people -> 20, 40, 60), east 0.5 (400..700 -> 200, 250, 300, 350).
    const auto& w = salon.districts[west];
    const auto& e = salon.districts[east];
    CHECK(w.elderly == Approx(600));
    CHECK(w.uncovered_people == Approx(300));
    CHECK(w.uncovered_share() == Approx(0.5));
    CHECK(w.need == Approx(120));
    CHECK(w.uncovered_need == Approx(60));
    CHECK(e.elderly == Approx(2200));
    CHECK(e.uncovered_people == Approx(2200));
    CHECK(e.uncovered_need == Approx(1100));
    // West's elderly-weighted median: 100 people at 100 s, 200 at 500 s, 300 at 900 s; half of 600
    // is reached at 500 s = 8.33 min.
    CHECK(w.median_min == Approx(500.0 / 60).epsilon(1e-3));
    CHECK(w.resources_inside == 1);
    CHECK(e.resources_inside == 0);

    // Sites, p = 2: h2 (x=2600) covers 2100, 2600, 2900: 250 + 300 + 350 = 900; h3 (x=1000)
    // covers 900 and 1500: 60 + 200 = 260, disjoint from h2's; h1 (x=1800) covers 1500 and
    // 2100 (450), which overlaps h2. Best pair {h2, h3} = 1160, all the unmet need.
    REQUIRE(salon.siting);
    const SitingOutcome& s = *salon.siting;
    REQUIRE(s.result.chosen.size() == 2);
    CHECK(r.candidates[s.result.chosen[0]].name == "h2");
    CHECK(r.candidates[s.result.chosen[1]].name == "h3");
    CHECK(s.result.gain == std::vector<double>{900, 260});
    CHECK(s.uncovered_need == Approx(1160));
    CHECK(s.cumulative.back() == Approx(1160));
    CHECK(s.result.optimal);
    CHECK(s.district_gains[0] == "東中学校区 900.0");
    CHECK(s.district_gains[1] == "東中学校区 200.0, 西中学校区 60.0");

    // Every layer is in the GeoPackage.
    CHECK(geo::list_layers(town.dir / "out.gpkg") ==
          std::vector<std::string>{"districts_access", "demand_access", "resources", "candidates_ranked",
                                   "service_areas", "run_summary", "layer_styles"});
    geo::ReadOptions read;
    read.layer = "districts_access";
    const geo::Layer d = geo::read_layer(town.dir / "out.gpkg", read);
    CHECK(geo::to_double(d.features[east].values[d.require_field("salon_gap_rank")]) == 1.0);
    CHECK(geo::to_double(d.features[west].values[d.require_field("salon_gap_need")]) == Approx(60));
    read.layer = "candidates_ranked";
    const geo::Layer c = geo::read_layer(town.dir / "out.gpkg", read);
    CHECK(geo::to_text(c.features[0].values[c.require_field("name")]) == "h2");
    CHECK(geo::to_double(c.features[0].values[c.require_field("cumulative_share")]) == Approx(900.0 / 1160));
    read.layer = "service_areas";
    read.allow_empty = false;
    CHECK(geo::read_layer(town.dir / "out.gpkg", read).features.size() == 1);
    // QGIS finds a style for the districts per kind, the first kind's as the default (the other
    // layers' styles follow them).
    read.layer = "layer_styles";
    const geo::Layer styles = geo::read_layer(town.dir / "out.gpkg", read);
    REQUIRE(styles.features.size() >= r.kinds.size());
    for (std::size_t k = 0; k < r.kinds.size(); ++k) {
        const auto& values = styles.features[k].values;
        const std::string& kind = r.kinds[k].kind;
        CHECK(geo::to_text(values[styles.require_field("f_table_name")]) == "districts_access");
        CHECK(geo::to_text(values[styles.require_field("useAsDefault")]) == (k == 0 ? "1" : "0"));
        CHECK_THAT(geo::to_text(values[styles.require_field("styleQML")]),
                   Catch::Contains("attr=\"" + kind + "_gap_share\""));
    }
}

TEST_CASE("project files: unknown and missing keys are named with their line", "[pipeline]") {
    const HandTown town;
    const std::string good = needmap::test::read_file(town.dir / "project.toml");
    auto write = [&](const std::string& text) { write_file(town.dir / "bad.toml", text); };

    std::string typo = good;
    typo.replace(typo.find("threshold"), 9, "threshhold");
    write(typo);
    const auto line =
        1 + std::count(typo.begin(), typo.begin() + static_cast<std::ptrdiff_t>(typo.find("threshhold")), '\n');
    CHECK_THROWS_WITH(load_project(town.dir / "bad.toml"), Catch::Contains(fmt::format("bad.toml line {}:", line)) &&
                                                               Catch::Contains("unknown key \"threshhold\"") &&
                                                               Catch::Contains("[parameters]"));

    std::string no_file = good;
    no_file.replace(no_file.find("file = \"salons.csv\""), 19, "");
    write(no_file);
    CHECK_THROWS_WITH(load_project(town.dir / "bad.toml"), Catch::Contains("[[resources]] #1 has no \"file\""));

    std::string missing = good;
    missing.replace(missing.find("halls.csv"), 9, "hall.csv");
    write(missing);
    CHECK_THROWS_WITH(load_project(town.dir / "bad.toml"),
                      Catch::Contains("bad.toml line") && Catch::Contains("\"hall.csv\": no such file"));

    write(good + "\n[parameters.extra]\n");
    CHECK_THROWS_AS(load_project(town.dir / "bad.toml"), geo::InputError);

    write("[districts\nfile = 1\n");
    CHECK_THROWS_WITH(load_project(town.dir / "bad.toml"), Catch::Contains("bad.toml line 1"));

    std::string need = good;
    const std::string salon_need = "need = \"通いの場参加意向\"";
    need.replace(need.find(salon_need), salon_need.size(), "need = \"買物困難\"");
    write(need);
    CHECK_THROWS_WITH(load_project(town.dir / "bad.toml"),
                      Catch::Contains("\"買物困難\" is not a need kind of [[survey.needs]]"));
}

TEST_CASE("needmap init writes a template that names every section", "[pipeline]") {
    const std::string_view t = project_template();
    for (const char* section : {"[districts]", "[population]", "[survey]", "[[resources]]", "[streets]", "[transit]",
                                "[candidates]", "[parameters]"})
        CHECK(t.find(section) != std::string_view::npos);
    // It is TOML as it stands: what a new project lacks are its files, not its syntax.
    needmap::test::TempDir tmp;
    needmap::test::write_file(tmp / "project.toml", std::string(t));
    CHECK_THROWS_WITH(load_project(tmp / "project.toml"),
                      Catch::Contains("no such file") && !Catch::Contains("must be TOML") &&
                          !Catch::Contains("unknown key"));
}

TEST_CASE("a candidate grid covers populated land only, each node once", "[pipeline]") {
    auto square = [](double x0, double y0, double size) {
        geo::Polygon p;
        p.outer() = {{x0, y0}, {x0 + size, y0}, {x0 + size, y0 + size}, {x0, y0 + size}, {x0, y0}};
        return geo::MultiPolygon{p};
    };
    analysis::demand::Population pop;
    pop.bands = {"pop65"};
    pop.units = {{"a", square(0, 0, 500), {10}, ""},         // nodes at 0, 250, 500 each way: 9
                 {"b", square(500, 0, 500), {5}, ""},        // shares its x = 500 column with a: 6 more
                 {"empty", square(0, 500, 500), {0}, ""},    // nobody 65+: none
                 {"small", square(1210, 10, 30), {2}, ""}};  // no node inside: its centre
    const auto grid = grid_candidates(pop, 0, 250);
    CHECK(grid.size() == 9 + 6 + 1);
    CHECK(std::count_if(grid.begin(), grid.end(), [](const Site& s) {
              return s.position == geo::Point{1225, 25};
          }) == 1);
    CHECK(std::count_if(grid.begin(), grid.end(), [](const Site& s) { return s.position.y > 500; }) == 0);
    for (std::size_t i = 0; i < grid.size(); ++i)
        for (std::size_t j = i + 1; j < grid.size(); ++j) CHECK_FALSE(grid[i].position == grid[j].position);
}

TEST_CASE("grid candidates are named by the nearest named place, with compass point and distance, or by "
          "latitude and longitude",
          "[pipeline]") {
    // EPSG:6674 (plane-rectangular zone VI) has its origin at 36°N 136°E.
    const geo::Crs zone6 = geo::Crs::from_epsg(6674);
    std::vector<Site> places(2);
    places[0].name = "いきいきサロン本町";
    places[0].position = {0, 0};
    places[1].name = "";  // a place without a name names nothing
    places[1].position = {250, 250};
    std::vector<Site> grid(4);
    grid[0].position = {300, 300};    // north-east, 424 m: to the nearest 10 m
    grid[1].position = {0, -1000};    // south, 1 km
    grid[2].position = {-20, 10};     // beside it
    grid[3].position = {0, -80000};   // 80 km south: no place within 1.5 km
    name_by_nearest_place(grid, places, zone6);
    CHECK(grid[0].name == "いきいきサロン本町の北東 420 m");
    CHECK(grid[1].name == "いきいきサロン本町の南 1000 m");
    CHECK(grid[2].name == "いきいきサロン本町のそば");
    // 80 km south of 36°N on the central meridian, where the zone's scale is 0.9999: 80.008 km on
    // the ellipsoid, at 110.95 km per degree of latitude there, is 0.7211°: 35.2789°N.
    CHECK(grid[3].name == "北緯35.2789 東経136.0000");
}

TEST_CASE("places of a kind mostly beyond the streets are counted per kind, and the gaps said to be overstated "
          "throughout",
          "[pipeline]") {
    const HandTown town;
    // One salon on the footway, two 1.5 km north of it: beyond the streets' area and the 500 m
    // snap, though near the districts.
    const auto on = town.map.lon_lat(town.map.at(0, 0));
    const auto north1 = town.map.lon_lat(town.map.at(1000, 1500));
    const auto north2 = town.map.lon_lat(town.map.at(2000, 1500));
    write_file(town.dir / "salons.csv", fmt::format("名称,緯度,経度\nいきいきサロン,{:.9f},{:.9f}\n北1,{:.9f},{:.9f}\n"
                                                   "北2,{:.9f},{:.9f}\n",
                                                   on.y, on.x, north1.y, north1.x, north2.y, north2.x));
    Quiet observer;
    (void)run_project(load_project(town.dir / "project.toml"), town.dir / "out.gpkg", observer);
    const auto said = [&](const std::string& text) {
        return std::any_of(observer.warnings.begin(), observer.warnings.end(),
                           [&](const std::string& w) { return w.find(text) != std::string::npos; });
    };
    CHECK(said("2 of 3 salon places lie outside the street network's area: they are counted as unreachable, so most "
               "of them are missing and the gaps are overstated throughout"));
    // The halls (candidates) all lie on the way: nothing said of them.
    CHECK_FALSE(said("candidates lie outside"));
}

TEST_CASE("a district that the population's areas cover only in part is warned about, with the share covered",
          "[pipeline]") {
    const HandTown town;
    // Population as polygons: the west district whole (x -500..1200) and the east one's western
    // half (x 1200..2350 of 1200..3500): 1150 of 2300 m, 50%.
    auto ring = [&](double x0, double x1) {
        std::string out;
        for (const auto& [x, y] : std::vector<std::pair<double, double>>{{x0, -500}, {x1, -500}, {x1, 500}, {x0, 500}, {x0, -500}}) {
            const auto p = town.map.lon_lat(town.map.at(x, y));
            out += fmt::format("{}[{:.9f},{:.9f}]", out.empty() ? "" : ",", p.x, p.y);
        }
        return out;
    };
    write_file(town.dir / "population.geojson",
               fmt::format(R"({{"type":"FeatureCollection","features":[
            {{"type":"Feature","properties":{{"id":"w","pop_total":1800,"pop65":600}},"geometry":{{"type":"Polygon","coordinates":[[{}]]}}}},
            {{"type":"Feature","properties":{{"id":"e","pop_total":3000,"pop65":1000}},"geometry":{{"type":"Polygon","coordinates":[[{}]]}}}}]}})",
                           ring(-500, 1200), ring(1200, 2350)));
    std::string project = needmap::test::read_file(town.dir / "project.toml");
    project.replace(project.find("population.csv"), std::string("population.csv").size(), "population.geojson");
    write_file(town.dir / "project.toml", project);
    Quiet observer;
    (void)run_project(load_project(town.dir / "project.toml"), town.dir / "out.gpkg", observer);
    std::vector<std::string> coverage;
    for (const auto& w : observer.warnings)
        if (w.find("the population data cover only") != std::string::npos) coverage.push_back(w);
    REQUIRE(coverage.size() == 1);
    CHECK_THAT(coverage[0], Catch::Contains("cover only 50% of district 東中学校区"));
}

TEST_CASE("equity of access on the hand-worked town: Gini, Palma and FGT from the times worked by hand",
          "[pipeline][measures]") {
    const HandTown town;
    Quiet observer;
    const Results r = run_project(load_project(town.dir / "project.toml"), town.dir / "out.gpkg", observer);
    // At 1 m/s along the footway from the salon at x = 0: x / 60 minutes, and the times are computed
    // up to max(2 x 10, 10 + 30, the largest cut-off 45) = 45 min, so the people at 2900 m count as 45.
    const std::vector<double> t{100.0 / 60, 500.0 / 60, 900.0 / 60, 1500.0 / 60, 2100.0 / 60, 2600.0 / 60, 45};
    const std::vector<double> w{100, 200, 300, 400, 500, 600, 700};
    double total = 0;
    double pairs = 0;
    double weight = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
        weight += w[i];
        total += w[i] * t[i];
        for (std::size_t j = 0; j < t.size(); ++j) pairs += w[i] * w[j] * std::abs(t[i] - t[j]);
    }
    const Equity e = equity(r, analysis::KindId(0));
    CHECK(e.gini == Approx(pairs / (2 * weight * total)));
    // The nearest 40% (1,120 people): the first four points (1,000) and 120 of the fifth; the
    // farthest 10% (280): all at 45 min.
    const double bottom = 100 * t[0] + 200 * t[1] + 300 * t[2] + 400 * t[3] + 120 * t[4];
    CHECK(e.palma == Approx(280 * 45 / bottom));
    // Beyond 10 min: the people from x = 900 on; excess over 10 min relative to 10.
    CHECK(e.fgt0 == Approx(2500.0 / 2800));
    const double far = (2600.0 / 60 - 10) / 10;  // 3.33
    CHECK(e.fgt1 == Approx((300 * 0.5 + 400 * 1.5 + 500 * 2.5 + 600 * far + 700 * 3.5) / 2800));
    CHECK(e.fgt2 == Approx((300 * 0.25 + 400 * 2.25 + 500 * 6.25 + 600 * far * far + 700 * 12.25) / 2800));
    CHECK(e.beyond_limit == Approx(700.0 / 2800));
    // The share beyond by band agrees with the district table, a separate sum.
    const auto& d = r.kinds[0].districts;
    CHECK(e.beyond_by_band[r.elderly_band] ==
          Approx((d[0].uncovered_people + d[1].uncovered_people) / (d[0].elderly + d[1].elderly)));
}

TEST_CASE("cumulative opportunities on the hand-worked town: places and people within each cut-off, by hand",
          "[pipeline][measures]") {
    const HandTown town;
    std::string project = needmap::test::read_file(town.dir / "project.toml");
    project += "cutoffs = [5, 20, 40]\n";
    write_file(town.dir / "project.toml", project);
    Quiet observer;
    const Results r = run_project(load_project(town.dir / "project.toml"), town.dir / "out.gpkg", observer);
    // At 1 m/s from the salon at x = 0, a cut-off of c minutes reaches 60c metres: 300 m (the
    // point at 100), 1200 m (100, 500, 900) and 2400 m (and 1500, 2100). The limit grows to 40 min.
    CHECK(r.info.cutoffs_min == std::vector<int>{5, 20, 40});
    CHECK(r.info.limit_min == 40);
    const KindAccess& a = r.kinds[0].access;
    REQUIRE(a.within_cutoff.size() == 3);
    CHECK(a.within_cutoff[0] == std::vector<std::uint32_t>{1, 0, 0, 0, 0, 0, 0});
    CHECK(a.within_cutoff[1] == std::vector<std::uint32_t>{1, 1, 1, 0, 0, 0, 0});
    CHECK(a.within_cutoff[2] == std::vector<std::uint32_t>{1, 1, 1, 1, 1, 0, 0});
    // West holds 100 + 200 + 300 older people, east 400 + 500 + 600 + 700.
    const auto& west = r.kinds[0].districts[r.find_district("W").value().value()];
    const auto& east = r.kinds[0].districts[r.find_district("E").value().value()];
    CHECK(west.reach_share == std::vector<double>{100.0 / 600, 1, 1});
    REQUIRE(east.reach_share.size() == 3);
    CHECK(east.reach_share[0] == 0);
    CHECK(east.reach_share[1] == 0);
    CHECK(east.reach_share[2] == Approx(900.0 / 2200));
    // In the GeoPackage, by name, as QGIS reads them.
    geo::ReadOptions read;
    read.layer = "demand_access";
    const geo::Layer points = geo::read_layer(town.dir / "out.gpkg", read);
    const auto at = points.require_field("salon_within_20");
    CHECK(geo::to_double(points.features[2].values[at]) == 1);
    CHECK(geo::to_double(points.features[3].values[at]) == 0);
    read.layer = "districts_access";
    const geo::Layer districts = geo::read_layer(town.dir / "out.gpkg", read);
    CHECK(districts.require_field("salon_reach_40") > 0);
    // A cut-off list that does not rise is refused with its line.
    std::string bad = needmap::test::read_file(town.dir / "project.toml");
    bad.replace(bad.find("cutoffs = [5, 20, 40]"), 21, "cutoffs = [20, 5]");
    write_file(town.dir / "project.toml", bad);
    CHECK_THROWS_WITH(load_project(town.dir / "project.toml"),
                      Catch::Contains("cutoffs") && Catch::Contains("rising") && Catch::Contains("line"));
}

TEST_CASE("p-median, capacitated and backup siting on the hand-worked town, by hand", "[pipeline][siting]") {
    // Need along the footway (pop65 x rate): 20, 40, 60 at x = 100, 500, 900 (west, 0.2) and 200,
    // 250, 300, 350 at 1500, 2100, 2600, 2900 (east, 0.5); 1,220 in all. The salon is at 0, the
    // halls h1, h2, h3 at 1800, 2600 and 1000; 1 m/s, so x metres take x / 60 minutes.
    const HandTown town;
    const std::string given = needmap::test::read_file(town.dir / "project.toml");
    const auto run = [&](const std::string& extra) {
        write_file(town.dir / "project.toml", given + extra);
        Quiet observer;
        return run_project(load_project(town.dir / "project.toml"), town.dir / "out.gpkg", observer);
    };
    const auto names = [](const Results& r) {
        std::vector<std::string> out;
        for (const auto c : r.kinds[0].siting->result.chosen) out.push_back(r.candidates[c].name);
        return out;
    };
    {
        // p-median, two sites: times are counted up to the limit, 45 min (the largest cut-off), so
        // the salon is 1.67, 8.33, 15, 25, 35, 43.33 and 45 min away. Saved need-minutes: h2 alone
        // 1333.3 + 6666.7 + 13000 + 14000 = 35000, the most; with h1: 1500 m and 2100 m drop to 5
        // min, +2666.7 + 833.3 = 38500, more than {h2, h3} (37800) or {h1, h3} (30633.3).
        const Results r = run("siting = \"p-median\"\n");
        REQUIRE(r.kinds[0].siting);
        const auto& s = *r.kinds[0].siting;
        CHECK(names(r) == std::vector<std::string>{"h2", "h1"});
        CHECK(s.result.objective == Approx(38500).epsilon(1e-4));
        CHECK(s.result.optimal);
        const double before = 20 * 100.0 / 60 + 40 * 500.0 / 60 + 60 * 15 + 200 * 25 + 250 * 35 + 300 * 2600.0 / 60 +
                              350 * 45;
        CHECK(s.model_before == Approx(before / 1220).epsilon(1e-4));
        CHECK(s.model_after == Approx((before - 38500) / 1220).epsilon(1e-4));
        // The table still counts need newly within 10 minutes (600 m): h2 reaches 2100, 2600 and
        // 2900 (900), then h1 adds 1500 (200).
        CHECK(s.result.gain == std::vector<double>{900, 200});
    }
    {
        // Capacitated, two sites of capacity 500 each: h1 could serve 1500 and 2100 (450), h2 2100,
        // 2600 and 2900 (900, capped at 500), h3 900 and 1500 (260; 500 m is the salon's, which has
        // room). {h1, h2}: 450 + 650 capped at 500 = 950; {h2, h3}: 500 + 260 = 760; {h1, h3}: 450 + 60.
        const Results r = run("siting = \"capacitated\"\nsite_capacity = 500\n");
        const auto& s = *r.kinds[0].siting;
        CHECK(names(r) == std::vector<std::string>{"h2", "h1"});
        CHECK(s.result.objective == Approx(950));
        CHECK(s.model_before == Approx(60));  // the salon serves 100 and 500 m, within its 500
        CHECK(s.model_after == Approx(1010));
    }
    {
        // Backup, two sites: need counted up to twice. h2 adds 900; h1 then 1500 (first, 200) and
        // 2100 (second, 250): 1350, more than {h2, h3} (1200) or {h1, h3} (750). Two places reach
        // only 2100 afterwards.
        const Results r = run("siting = \"backup\"\n");
        const auto& s = *r.kinds[0].siting;
        CHECK(names(r) == std::vector<std::string>{"h2", "h1"});
        CHECK(s.result.objective == Approx(1350));
        CHECK(s.model_before == 0);
        CHECK(s.model_after == Approx(250));
    }
    // An unknown model is refused with the ones there are.
    write_file(town.dir / "project.toml", given + "siting = \"p-centre\"\n");
    CHECK_THROWS_WITH(load_project(town.dir / "project.toml"), Catch::Contains("p-median") && Catch::Contains("backup"));
}

TEST_CASE("capacities that are text or negative are each named by their row, all at once", "[pipeline][siting]") {
    const HandTown town;
    write_file(town.dir / "salons.csv", "名称,緯度,経度,定員\nA,35.0,135.0,20\nB,35.0,135.0,たくさん\nC,35.0,135.0,-3\n"
                                        "D,35.0,135.0,\n");
    std::string project = needmap::test::read_file(town.dir / "project.toml");
    const std::string field = "name_field = \"名称\"";
    project.replace(project.find(field), field.size(), field + "\ncapacity_field = \"定員\"");
    write_file(town.dir / "project.toml", project);
    Quiet observer;
    try {
        (void)run_project(load_project(town.dir / "project.toml"), town.dir / "out.gpkg", observer);
        FAIL("bad capacities were accepted");
    } catch (const geo::InputError& e) {
        const std::string what = e.what();
        CHECK_THAT(what, Catch::Contains("salons.csv line 3: 定員 \"たくさん\"") &&
                             Catch::Contains("salons.csv line 4: 定員 \"-3\"") && Catch::Contains("fix these rows"));
        CHECK_THAT(what, !Catch::Contains("line 2") && !Catch::Contains("line 5"));  // 20 and empty are fine
    }
    CHECK_FALSE(std::filesystem::exists(town.dir / "out.gpkg"));
}

TEST_CASE("graded access on the hand-worked town: E2SFCA and time-weighted places worked by hand",
          "[pipeline][measures]") {
    const HandTown town;
    Quiet observer;
    const Results r = run_project(load_project(town.dir / "project.toml"), town.dir / "out.gpkg", observer);
    // The salon (capacity 1) at x = 0; within the 10-minute cutoff the people at 100 m (100 older
    // people, 100/60 min) and 500 m (200, 500/60 min). Gaussian with sd = half the threshold, 5 min.
    const auto w = [](double minutes) { return std::exp(-minutes * minutes / (2 * 5.0 * 5.0)); };
    const double w1 = w(100.0 / 60);
    const double w2 = w(500.0 / 60);
    const double ratio = 1 / (100 * w1 + 200 * w2);
    const KindAccess& a = r.kinds[0].access;
    REQUIRE(a.e2sfca.size() == 7);
    CHECK(a.e2sfca[0] == Approx(ratio * w1));
    CHECK(a.e2sfca[1] == Approx(ratio * w2));
    for (std::size_t i = 2; i < 7; ++i) CHECK(a.e2sfca[i] == 0);
    CHECK(a.weighted[0] == Approx(w1));
    CHECK(a.weighted[1] == Approx(w2));
    // The one place is handed out once over the people it reaches.
    CHECK(100 * a.e2sfca[0] + 200 * a.e2sfca[1] == Approx(1));
    // Per district: the west holds both points, 600 older people in all.
    const std::size_t west = r.find_district("W").value().value();
    CHECK(r.kinds[0].districts[west].e2sfca_per_1000 == Approx(1000.0 * (100 * a.e2sfca[0] + 200 * a.e2sfca[1]) / 600));
    CHECK(r.info.decay == "Gaussian, sd 5 min, cut off at 10 min");
}
