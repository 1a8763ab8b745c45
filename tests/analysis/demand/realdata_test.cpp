// The demand model on real data from ../shared/data: 大東市's census small areas and the A32-16
// districts of 愛荘町.

#include "needmap/analysis/demand/demand.hpp"
#include "needmap/geo/layer_io.hpp"
#include "needmap/geo/mesh.hpp"
#include "needmap/geo/overlay.hpp"
#include "test_support.hpp"

#include <boost/geometry/algorithms/envelope.hpp>
#include <boost/geometry/algorithms/expand.hpp>
#include <boost/geometry/algorithms/intersection.hpp>
#include <catch2/catch.hpp>

#include <iostream>
#include <set>

using namespace needmap;
using namespace needmap::analysis::demand;
using Catch::Detail::Approx;
using needmap::test::TempDir;
using needmap::test::write_file;

namespace {

// Boost 1.74's rescale policy trips GCC 12's -Wmaybe-uninitialized once inlined (inside Boost).
#pragma GCC diagnostic push
#if !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
geo::MultiPolygon clip(const geo::MultiPolygon& area, const geo::Box& box) {
    geo::Polygon window;
    const geo::Point lo = box.min_corner();
    const geo::Point hi = box.max_corner();
    window.outer() = {{lo.x, lo.y}, {hi.x, lo.y}, {hi.x, hi.y}, {lo.x, hi.y}, {lo.x, lo.y}};
    geo::MultiPolygon out;
    boost::geometry::intersection(area, window, out);
    return out;
}
#pragma GCC diagnostic pop

}  // namespace

TEST_CASE("大東市: small areas and T001082 give demand points holding its 31,451 people aged 65+",
          "[demand][realdata]") {
    NEEDMAP_SHARED_DATA(data, "estat-smallarea-osaka");
    const geo::Crs metric = geo::Crs::from_epsg(6674);  // JGD2011 zone VI, Osaka's plane
    const Population population = read_small_area_population(
        data / "tblT001082C27.csv", data / "daito_boundary" / "大東市.shp", census_small_area_bands(), metric);
    REQUIRE(population.units.size() == 124);
    CHECK(population.report.encoding == "CP932 (detected)");
    // The published check figures, summed over the 124 boundaries (suppressed X counted as 0: the
    // one suppressed area, 大字北条, is counted in 北条三丁目).
    const auto totals = population.totals();
    CHECK(totals[0] == 119367);
    CHECK(totals[1] == 31451);
    CHECK(totals[2] == 15784);
    CHECK(population.report.missing_values > 0);
    for (const auto& note : population.report.notes) std::cout << "大東市 population: " << note << "\n";

    // Two districts: the union of all small areas cut in two at the middle of its extent, so that
    // small areas on the cut are split between them by area.
    std::vector<geo::MultiPolygon> areas;
    for (const auto& u : population.units) areas.push_back(std::get<geo::MultiPolygon>(u.geometry));
    const geo::MultiPolygon city = geo::unite(areas);
    geo::Box box;
    boost::geometry::envelope(city, box);
    const double mid = (box.min_corner().x + box.max_corner().x) / 2;
    const geo::Box west_box({box.min_corner().x - 1, box.min_corner().y - 1}, {mid, box.max_corner().y + 1});
    const geo::Box east_box({mid, box.min_corner().y - 1}, {box.max_corner().x + 1, box.max_corner().y + 1});
    geo::Layer halves;
    halves.source = "halves";
    halves.crs = metric;
    halves.geometry_kind = geo::GeometryKind::Polygons;
    halves.fields = {{"id", geo::FieldType::String}, {"name", geo::FieldType::String}};
    halves.features.push_back({1, clip(city, west_box), {std::string("W"), std::string("西部")}});
    halves.features.push_back({2, clip(city, east_box), {std::string("E"), std::string("東部")}});
    DistrictOptions options;
    options.id_field = "id";
    options.name_field = "name";
    const Districts districts = build_districts(halves, metric, options);
    REQUIRE(districts.size() == 2);

    const DemandModel model = build_demand_points(districts, population, nullptr);
    double pop65 = 0, pop75 = 0, total = 0;
    for (const DemandPoint& p : model.points) {
        total += p.people[0];
        pop65 += p.people[1];
        pop75 += p.people[2];
    }
    CHECK(pop65 == Approx(31451).margin(0.01));
    CHECK(pop75 == Approx(15784).margin(0.01));
    CHECK(total == Approx(119367).margin(0.01));
    CHECK(model.report.people_outside[1] == Approx(0).margin(0.01));
    CHECK(model.report.units_split > 0);
    CHECK(model.districts[0].people[1] + model.districts[1].people[1] == Approx(31451).margin(0.01));
    std::cout << "大東市: " << model.points.size() << " demand points from " << population.units.size()
              << " small areas, " << model.report.units_split << " split; 65+ west " << model.districts[0].people[1]
              << ", east " << model.districts[1].people[1] << "\n";
    for (const auto& line : model.report.lines(model.bands)) std::cout << "  " << line << "\n";
}

TEST_CASE("愛荘町: the two A32-16 districts join a needs table written in mixed styles", "[demand][realdata]") {
    NEEDMAP_SHARED_DATA(data, "a32-shiga");
    const geo::Crs metric = geo::Crs::from_epsg(6674);  // Shiga is in zone VI
    DistrictOptions aisho;
    aisho.municipality_code = "25425";
    const Districts districts = read_districts(data / "A32-16_25.geojson", metric, aisho);
    REQUIRE(districts.size() == 2);
    CHECK(districts[0].name == "愛知中学校");
    CHECK(districts[1].name == "秦荘中学校");
    // SOURCES.txt: 13.0 km² and 25.3 km².
    CHECK(districts[0].area_m2 / 1e6 == Approx(13.0).epsilon(0.02));
    CHECK(districts[1].area_m2 / 1e6 == Approx(25.3).epsilon(0.02));

    TempDir dir;
    // A full-width space, a district suffix, full-width digits, the short form 「秦荘中」, and a
    // district of another town; saved in CP932 as municipal spreadsheets are.
    const std::string utf8 =
        "日常生活圏域,回答者数,買物に行けない,閉じこもり(%)\n"
        "愛知　中学校区,４１２,５３,12.5\n"
        "秦荘中,387,41,9.8%\n"
        "豊郷中学校区,250,30,10\n";
    write_file(dir / "needs.csv", geo::recode(utf8, geo::Encoding::Utf8, geo::Encoding::Cp932, "fixture"));
    DistrictSurveyConfig config;
    config.key_column = "日常生活圏域";
    config.respondents_column = "回答者数";
    config.needs = {{"買物困難", "買物に行けない", NeedMeasure::Count},
                    {"閉じこもり", "閉じこもり(%)", NeedMeasure::Percent}};
    const DistrictSurveyTable table = read_district_survey(dir / "needs.csv", config);
    CHECK(table.encoding == "CP932 (detected)");
    const SurveyRates rates = survey_by_district(table, districts);
    REQUIRE(rates.districts[0]);
    REQUIRE(rates.districts[1]);
    CHECK(rates.districts[0]->respondents == 412);
    CHECK(rates.districts[0]->needs[0]->rate == Approx(53.0 / 412));
    CHECK(rates.districts[1]->needs[1]->rate == Approx(0.098));
    CHECK(rates.report.rows_unknown_key == 1);
    CHECK(rates.report.join.matched.size() == 2);
    CHECK(rates.report.join.unmatched_targets.empty());
    REQUIRE(rates.report.join.unmatched_keys.size() == 1);
    CHECK(rates.report.join.unmatched_keys[0].text == "豊郷中学校区");
    for (const auto& line : rates.report.lines()) std::cout << line << "\n";

    // A synthetic 1 km mesh population over the town: 100 people, 30 aged 65+, 12 aged 75+ in
    // every third-level cell the districts' extent touches.
    const geo::Transformer to_lon_lat(metric, geo::jgd2011());
    geo::Box extent;
    boost::geometry::envelope(districts[0].geometry, extent);
    geo::Box other;
    boost::geometry::envelope(districts[1].geometry, other);
    boost::geometry::expand(extent, other);
    const geo::Point sw = to_lon_lat(extent.min_corner());
    const geo::Point ne = to_lon_lat(extent.max_corner());
    std::set<std::string> codes;
    for (double lat = sw.y; lat <= ne.y + 0.004; lat += 0.004)
        for (double lon = sw.x; lon <= ne.x + 0.006; lon += 0.006)
            codes.insert(geo::MeshCode::containing({lon, lat}, geo::MeshLevel::Third).to_string());
    std::string mesh =
        "KEY_CODE,HTKSYORI,HTKSAKI,GASSAN,T001142001,T001142019,T001142020\n,,,,総数,65歳以上,75歳以上\n";
    for (const auto& code : codes) mesh += code + ",0,,,100,30,12\n";
    write_file(dir / "mesh.csv", mesh);
    const std::vector<PopulationBand> bands{
        {"pop_total", "T001142001"}, {"pop65", "T001142019"}, {"pop75", "T001142020"}};
    const Population cells = read_mesh_population(dir / "mesh.csv", bands, metric);
    const DemandModel model = build_demand_points(districts, cells, &rates);

    // Every person is either on a point or reported outside: 30 aged 65+ per cell.
    const double cells_pop65 = 30.0 * static_cast<double>(codes.size());
    double on_points = 0, shopping = 0;
    for (const DemandPoint& p : model.points) {
        on_points += p.people[1];
        shopping += p.weights[0].value_or(0);
    }
    CHECK(on_points + model.report.people_outside[1] == Approx(cells_pop65));
    CHECK(model.report.units_split > 0);
    // The weights: each district's 65+ times its rate, 53/412 in 愛知 and 41/387 in 秦荘.
    CHECK(shopping == Approx(model.districts[0].people[1] * 53.0 / 412 + model.districts[1].people[1] * 41.0 / 387));
    std::cout << "愛荘町: " << codes.size() << " cells → " << model.points.size() << " points; 65+ 愛知 "
              << model.districts[0].people[1] << ", 秦荘 " << model.districts[1].people[1] << ", outside "
              << model.report.people_outside[1] << "\n";
}
