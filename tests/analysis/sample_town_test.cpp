// The bundled sample town (datasets/sample-town, made by scripts/make-sample-town), read through
// the real readers and checked against the generator's own totals.json, so that the sample cannot
// drift from the formats it imitates. The expected values are the generator's counts, or the
// town's design where the test says so.

#include "needmap/analysis/demand/districts.hpp"
#include "needmap/analysis/demand/population.hpp"
#include "needmap/analysis/demand/survey.hpp"
#include "needmap/analysis/network/loaders.hpp"
#include "needmap/analysis/network/walk_matrix.hpp"
#include "needmap/analysis/pipeline/run.hpp"
#include "needmap/analysis/places.hpp"
#include "needmap/analysis/transit/feed.hpp"
#include "needmap/analysis/transit/timetable.hpp"
#include "needmap/geo/crs.hpp"
#include "needmap/geo/estat.hpp"
#include "needmap/geo/layer_io.hpp"
#include "needmap/geo/mesh.hpp"
#include "needmap/geo/spatial_index.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <initializer_list>
#include <limits>
#include <map>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

using namespace needmap;
using namespace needmap::analysis;
using Catch::Detail::Approx;

namespace {

const std::filesystem::path kTown = std::filesystem::path(NEEDMAP_SOURCE_DIR) / "datasets" / "sample-town";

/// JGD2011 plane-rectangular zone VII: the zone of the town's prefecture (Gifu, code 21).
geo::Crs town_crs() {
    return geo::Crs::from_epsg(6675);
}

/// The number that follows the last of `path`'s keys in totals.json, each key searched after the
/// one before it. Enough for the generator's output, which names every key once per object and
/// writes objects in the order the path walks them.
double json_number(const std::string& json, std::initializer_list<std::string_view> path) {
    std::size_t at = 0;
    for (std::string_view key : path) {
        at = json.find("\"" + std::string(key) + "\":", at);
        REQUIRE(at != std::string::npos);
        at += key.size() + 3;
    }
    while (at < json.size() && json[at] == ' ') ++at;
    double value = std::numeric_limits<double>::quiet_NaN();
    const auto [end, ec] = std::from_chars(json.data() + at, json.data() + json.size(), value);
    REQUIRE(ec == std::errc());
    return value;
}

const std::string& totals() {
    static const std::string text = test::read_file(kTown / "totals.json");
    return text;
}

double total(std::initializer_list<std::string_view> path) {
    return json_number(totals(), path);
}

/// The survey's name for a district (its row key) from the school's name: 「東中学校」→「東中学校区」.
std::string survey_key(const std::string& school) {
    return school + "区";
}

const std::vector<std::string> kSchools{"梓野中学校", "東中学校", "西中学校"};

std::vector<demand::PopulationBand> town_bands() {
    return {{"pop_total", "T001142001"}, {"pop65", "T001142010"}, {"pop75", "T001142013"}};
}

demand::DistrictSurveyConfig district_survey_config() {
    demand::DistrictSurveyConfig config;
    config.key_column = "日常生活圏域";
    config.respondents_column = "回答者数";
    config.needs = {{"買物困難", "買物困難", demand::NeedMeasure::Count},
                    {"通いの場参加意向", "通いの場参加意向", demand::NeedMeasure::Count}};
    return config;
}

demand::RespondentSurveyConfig respondent_config() {
    demand::RespondentSurveyConfig config;
    config.needs = {{"買物困難", "買物困難"},
                    {"通いの場参加意向", "通いの場参加意向"},
                    {"閉じこもり", "閉じこもり"},
                    {"孤立", "孤立"}};
    return config;
}

std::size_t index_of(const std::vector<Place>& places, std::string_view id) {
    const auto it = std::find_if(places.begin(), places.end(), [&](const Place& p) { return p.id == id; });
    REQUIRE(it != places.end());
    return static_cast<std::size_t>(it - places.begin());
}

}  // namespace

TEST_CASE("sample town: every file the project names is there", "[sample]") {
    const std::string project = test::read_file(kTown / "project.toml");
    const std::regex path_key(R"re((?:file|osm) = "([^"]+)")re");
    std::vector<std::string> paths;
    for (auto it = std::sregex_iterator(project.begin(), project.end(), path_key); it != std::sregex_iterator(); ++it)
        paths.push_back((*it)[1]);
    const std::regex gtfs_key(R"re(gtfs = \["([^"]+)"\])re");
    std::smatch gtfs;
    REQUIRE(std::regex_search(project, gtfs, gtfs_key));
    paths.push_back(gtfs[1]);
    CHECK(paths.size() == 8);  // districts, population, survey, 2 resources, candidates, streets, gtfs
    for (const auto& p : paths) {
        INFO(p);
        CHECK(std::filesystem::is_regular_file(kTown / p));
    }
    CHECK(project.find("pop65 = \"T001142010\"") != std::string::npos);
    CHECK(project.find("departure = \"2026-05-13T09:00\"") != std::string::npos);
}

TEST_CASE("sample town: the e-Stat mesh table holds the generator's population", "[sample]") {
    const geo::EstatTable table = geo::read_estat_table(kTown / "population_250m.csv");
    CHECK(table.encoding.find("CP932") != std::string::npos);
    // The second header row, decoded from CP932, names the same columns as the codes.
    CHECK(table.column("６５歳以上人口　総数") == table.column("T001142010"));
    CHECK(table.column("７５歳以上人口　総数") == table.column("T001142013"));
    CHECK(table.rows.size() == static_cast<std::size_t>(total({"population", "mesh_cells"})));
    // A suppressed cell is X in all 16 value columns, and its HTKSAKI cell holds its people.
    const auto suppressed = static_cast<std::size_t>(total({"population", "mesh_cells_suppressed"}));
    CHECK(suppressed > 0);
    CHECK(table.suppressed_cells == 16 * suppressed);
    CHECK(table.not_applicable_cells > 0);
    std::size_t merged = 0;
    for (const geo::EstatRow& row : table.rows) {
        if (row.secrecy != 1) continue;
        ++merged;
        const geo::EstatRow* host = table.find(row.merged_into);
        REQUIRE(host != nullptr);
        CHECK(host->secrecy == 2);
    }
    CHECK(merged == suppressed);

    const auto bands = town_bands();
    const demand::Population population =
        demand::read_mesh_population(kTown / "population_250m.csv", bands, town_crs());
    REQUIRE(population.units.size() == table.rows.size());
    const std::vector<double> sums = population.totals();
    CHECK(sums[0] == total({"population", "pop_total"}));
    CHECK(sums[1] == total({"population", "pop65"}));
    CHECK(sums[2] == total({"population", "pop75"}));
    // The town's design: about 25,000 people, about 30% aged 65 and over.
    CHECK(sums[0] > 24000);
    CHECK(sums[0] < 26000);
    CHECK(sums[1] / sums[0] == Approx(0.30).margin(0.02));
    for (const auto& unit : population.units) {
        INFO(unit.id);
        CHECK(unit.people[1] <= unit.people[0]);
        CHECK(unit.people[2] <= unit.people[1]);
    }
}

TEST_CASE("sample town: the mesh codes are where the town is", "[sample]") {
    // Every hall stands among houses, so the 250 m cell that needmap's own JIS X 0410 code finds
    // for it is a row of the table with older people in it: the generator's codes and
    // MeshCode agree on where each cell lies.
    const geo::EstatTable table = geo::read_estat_table(kTown / "population_250m.csv");
    const std::size_t pop65 = table.require_column("T001142010");
    PlacesOptions by_name;
    by_name.id_field = "名称";
    const std::vector<Place> halls = read_places(kTown / "halls.csv", geo::jgd2011(), by_name);
    REQUIRE(!halls.empty());
    for (const Place& hall : halls) {
        const geo::MeshCode cell = geo::MeshCode::containing(hall.position, geo::MeshLevel::Quarter);
        INFO(hall.id << " in " << cell.to_string());
        const geo::EstatRow* row = table.find(cell.to_string());
        REQUIRE(row != nullptr);
        REQUIRE(row->values[pop65]);
        CHECK(*row->values[pop65] > 0);
    }
}

TEST_CASE("sample town: three junior-high-school districts in the A32 2021 layout", "[sample]") {
    const demand::Districts districts = demand::read_districts(kTown / "districts.geojson", town_crs());
    REQUIRE(districts.size() == static_cast<std::size_t>(total({"districts"})));
    std::vector<std::string> names;
    for (const auto& d : districts.items) {
        names.push_back(d.name);
        CHECK(d.municipality_code == "21999");
        CHECK(d.area_m2 > 10e6);  // each one a large share of the town's 120 km²
    }
    std::sort(names.begin(), names.end());
    std::vector<std::string> expected = kSchools;
    std::sort(expected.begin(), expected.end());
    CHECK(names == expected);
    CHECK(std::any_of(districts.notes.begin(), districts.notes.end(),
                      [](const std::string& n) { return n.find("A32 2021") != std::string::npos; }));
}

TEST_CASE("sample town: salons, halls and shops are read with their encodings", "[sample]") {
    PlacesOptions by_name;
    by_name.id_field = "名称";
    CHECK(read_places(kTown / "salons.csv", town_crs(), by_name).size() == static_cast<std::size_t>(total({"salons"})));
    CHECK(read_places(kTown / "halls.csv", town_crs(), by_name).size() == static_cast<std::size_t>(total({"halls"})));
    CHECK(read_places(kTown / "shops.csv", town_crs()).size() == static_cast<std::size_t>(total({"shops"})));
    CHECK(geo::read_layer(kTown / "salons.csv").report.encoding == "UTF-8 with BOM");
    CHECK(geo::read_layer(kTown / "halls.csv").report.encoding.find("CP932") != std::string::npos);
}

TEST_CASE("sample town: the community bus feed, on a weekday, a Saturday and a holiday", "[sample]") {
    const transit::Feed feed = transit::load_feed(kTown / "gtfs-community-bus.zip");
    CHECK(feed.report.skipped_rows() == 0);
    CHECK(feed.report.dropped_trips.count == 0);
    CHECK(feed.routes.size() == static_cast<std::size_t>(total({"gtfs", "routes"})));
    CHECK(feed.running_trip_count() == static_cast<std::size_t>(total({"gtfs", "trips"})));
    const auto poles = std::count_if(feed.stops.begin(), feed.stops.end(), [](const transit::Stop& s) {
        return s.location_type == transit::LocationType::Stop;
    });
    const auto stations = std::count_if(feed.stops.begin(), feed.stops.end(), [](const transit::Stop& s) {
        return s.location_type == transit::LocationType::Station;
    });
    CHECK(poles == static_cast<long>(total({"gtfs", "stops"})));
    CHECK(stations == static_cast<long>(total({"gtfs", "stations"})));

    const std::vector<transit::Feed> feeds{feed};
    const auto trips_on = [&](int y, int m, int d) {
        transit::DayReport report;
        const auto date = transit::Date::from_ymd(y, m, d);
        REQUIRE(date);
        return transit::build_timetable(feeds, *date, transit::DayOptions{}, report).trip_count();
    };
    // 2026-05-13 is a Wednesday; 2026-05-16 a Saturday; 2026-05-06 the substitute holiday for
    // 憲法記念日 (a Sunday), a Wednesday on which the weekend timetable runs.
    CHECK(transit::Date::from_ymd(2026, 5, 6)->weekday() == transit::Weekday::Wednesday);
    const auto weekday = trips_on(2026, 5, 13);
    const auto weekend = trips_on(2026, 5, 16);
    const auto holiday = trips_on(2026, 5, 6);
    CHECK(weekday == static_cast<std::size_t>(total({"gtfs", "trips_weekday"})));
    CHECK(weekend == static_cast<std::size_t>(total({"gtfs", "trips_weekend"})));
    CHECK(holiday == static_cast<std::size_t>(total({"gtfs", "trips_holiday"})));
    CHECK(holiday == weekend);
    CHECK(weekday > weekend);
    CHECK(trips_on(2026, 12, 31) == 0);  // the new-year break
}

TEST_CASE("sample town: the needs survey per district and per respondent agree", "[sample]") {
    const demand::Districts districts = demand::read_districts(kTown / "districts.geojson", town_crs());

    const demand::DistrictSurveyTable table =
        demand::read_district_survey(kTown / "needs_by_district.csv", district_survey_config());
    CHECK(table.encoding.find("CP932") != std::string::npos);
    REQUIRE(table.rows.size() == kSchools.size());
    for (const auto& row : table.rows) {
        INFO(row.key);
        CHECK(row.respondents == total({"survey", "respondents", row.key}));
        CHECK(row.respondents >= 30);
        REQUIRE(row.counts[0]);
        CHECK(*row.counts[0] == total({"survey", "yes", "買物困難", row.key}));
        REQUIRE(row.counts[1]);
        CHECK(*row.counts[1] == total({"survey", "yes", "通いの場参加意向", row.key}));
    }
    const demand::SurveyRates by_table = demand::survey_by_district(table, districts);
    CHECK(by_table.report.join.unmatched_keys.empty());
    CHECK(by_table.report.join.unmatched_targets.empty());

    // The respondents, located by district key and by the mesh cell they live in, add up to
    // the district table.
    for (const bool by_mesh : {false, true}) {
        INFO((by_mesh ? "by mesh code" : "by district key"));
        demand::RespondentSurveyConfig config = respondent_config();
        if (by_mesh)
            config.mesh_column = "メッシュコード";
        else
            config.district_column = "日常生活圏域";
        const demand::RespondentTable respondents =
            demand::read_respondent_survey(kTown / "needs_respondents.csv", config);
        CHECK(respondents.encoding == "UTF-8 with BOM");
        CHECK(respondents.rows.size() == static_cast<std::size_t>(total({"survey", "respondent_rows"})));
        const demand::SurveyRates rates = demand::aggregate_respondents(respondents, districts);
        CHECK(rates.report.rows_unknown_key == 0);
        CHECK(rates.report.rows_outside == 0);
        CHECK(rates.report.rows_unlocated == 0);
        for (std::size_t i = 0; i < districts.size(); ++i) {
            const std::string key = survey_key(districts[i].name);
            INFO(key);
            REQUIRE(rates.districts[i]);
            CHECK(rates.districts[i]->respondents == total({"survey", "respondents", key}));
            REQUIRE(rates.districts[i]->needs[0]);
            CHECK(rates.districts[i]->needs[0]->yes == total({"survey", "yes", "買物困難", key}));
        }
    }
}

TEST_CASE("sample town: 下川原 is near the supermarket as the crow flies, far on foot", "[sample][integration]") {
    network::NetworkReport report;
    const network::WalkNetwork walk =
        network::load_osm_network(kTown / "streets.osm", network::WalkProfile{}, report, town_crs());
    CHECK(report.ways_read > report.ways_used);  // the river is read, not walked
    CHECK(report.missing_nodes == 0);

    PlacesOptions by_name;
    by_name.id_field = "名称";
    const std::vector<Place> halls = read_places(kTown / "halls.csv", town_crs(), by_name);
    const std::vector<Place> shops = read_places(kTown / "shops.csv", town_crs(), by_name);
    network::WalkOptions options;  // 3.0 km/h
    const auto hall_snaps = network::snap_places(walk, halls, options.max_snap_m);
    const auto shop_snaps = network::snap_places(walk, shops, options.max_snap_m);
    const TravelTimeMatrix m = network::walk_matrix(walk, hall_snaps, shop_snaps, options);
    const auto nearest_shop_minutes = [&](std::size_t hall) {
        double best = std::numeric_limits<double>::infinity();
        for (auto k = m.row_begin[hall]; k < m.row_begin[hall + 1]; ++k)
            best = std::min(best, static_cast<double>(m.seconds[k * m.percentiles.size()]) / 60.0);
        return best;
    };

    // The design: the hamlet's hall is 1.3 km from the supermarket across the river (26 minutes
    // at 3 km/h as the crow flies), but the nearest bridge is 3 km north, so every shop is more
    // than twice 30 minutes away on foot.
    const std::size_t shimogawara = index_of(halls, "下川原公民館");
    const Place& supermarket = shops[index_of(shops, "スーパーあずさの 本店")];
    const double crow_m = std::hypot(halls[shimogawara].position.x - supermarket.position.x,
                                     halls[shimogawara].position.y - supermarket.position.y);
    CHECK(crow_m < 1500);
    CHECK(nearest_shop_minutes(shimogawara) > 60);
    // Halls in the town centre have a shop within 30 minutes.
    CHECK(nearest_shop_minutes(index_of(halls, "本町集会所")) < 30);
    CHECK(nearest_shop_minutes(index_of(halls, "南団地集会所")) < 30);
}

TEST_CASE("sample town: the demo's run tells the story the town was designed for", "[sample][integration]") {
    // The design (README.md): 下川原, in 東中学校区 across the river, is the biggest shopping gap;
    // 西中学校区 has salons but no bus; 下川原公民館 is clearly the best new site.
    const pipeline::Project project = pipeline::load_project(kTown / "project.toml");
    needmap::test::TempDir tmp;
    analysis::Feedback quiet;
    const pipeline::Results r = pipeline::run_project(project, tmp / "results.gpkg", quiet);
    auto kind = [&](std::string_view name) -> const pipeline::KindResult& {
        for (const auto& k : r.kinds)
            if (k.kind == name) return k;
        FAIL("no kind " << name);
        return r.kinds.front();
    };
    auto district = [&](std::string_view name) {
        for (std::size_t d = 0; d < r.districts.size(); ++d)
            if (r.districts[d].name == name) return d;
        FAIL("no district " << name);
        return std::size_t{0};
    };
    const auto& shop = kind("shop");
    const std::size_t east = district("東中学校");
    for (std::size_t d = 0; d < r.districts.size(); ++d)
        if (d != east) CHECK(shop.districts[east].uncovered_need > shop.districts[d].uncovered_need);
    for (const char* k : {"shop", "salon"}) {
        INFO(k);
        const auto& siting = kind(k).siting;
        REQUIRE(siting);
        REQUIRE(siting->result.chosen.size() >= 2);
        CHECK(r.candidates[siting->result.chosen[0]].name == "下川原公民館");
        CHECK(siting->result.gain[0] > 2 * siting->result.gain[1]);  // clearly the best
    }
    // 西中学校区: salons inside, and not one bus stop within the district.
    const std::size_t west = district("西中学校");
    CHECK(kind("salon").districts[west].resources_inside >= 3);
    const auto feed = transit::load_feed(kTown / "gtfs-community-bus.zip");
    std::vector<geo::MultiPolygon> polygons;
    for (const auto& d : r.districts) polygons.push_back(d.geometry);
    const geo::PolygonIndex districts(polygons);
    const geo::Transformer to_town(geo::wgs84(), r.crs);
    for (const auto& stop : feed.stops) CHECK(districts.locate(to_town(stop.lon_lat)) != west);
}
