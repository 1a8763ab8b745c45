#include "needmap/analysis/demand/demand_points.hpp"

#include "demand_fixtures.hpp"
#include "needmap/geo/error.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>

using namespace needmap;
using namespace needmap::analysis::demand;
using Catch::Detail::Approx;
using needmap::test::make_districts;
using needmap::test::make_population;
using needmap::test::rect;

namespace {

/// Survey rates for the districts, one need kind "買物困難", made directly.
SurveyRates shopping_rates(const std::vector<std::optional<double>>& rate_per_district) {
    SurveyRates s;
    s.needs = {"買物困難"};
    for (const auto& rate : rate_per_district) {
        if (!rate) {
            s.districts.emplace_back();
            continue;
        }
        DistrictNeeds d;
        d.respondents = 100;
        Proportion p;
        p.yes = *rate * 100;
        p.n = 100;
        p.rate = *rate;
        d.needs.push_back(p);
        s.districts.push_back(d);
    }
    return s;
}

}  // namespace

TEST_CASE("a cell straddling two districts splits its people by area, 30% / 70%", "[demand]") {
    // The cell is x 0–100, y 0–100 (10,000 m²). 西 covers x −50–30: 30 × 100 = 3,000 m² of it (30%);
    // 東 covers x 30–200: 70 × 100 = 7,000 m² (70%).
    const Districts districts =
        make_districts({{"W", "西中学校", rect(-50, -50, 30, 150)}, {"E", "東中学校", rect(30, -50, 200, 150)}});
    const Population population = make_population({{rect(0, 0, 100, 100), {1000, 300, 100}}});
    // 買物困難: 20% in 西, 10% in 東.
    const SurveyRates survey = shopping_rates({0.2, 0.1});
    const DemandModel model = build_demand_points(districts, population, &survey);

    REQUIRE(model.points.size() == 2);
    const DemandPoint& west = model.points[0];
    const DemandPoint& east = model.points[1];
    CHECK(west.id == "u1@W");
    CHECK(west.unit_id == "u1");
    CHECK(west.district == 0);
    CHECK(west.share == Approx(0.3));
    CHECK(west.people[0] == Approx(300));  // 1000 × 0.3
    CHECK(west.people[1] == Approx(90));   // 300 × 0.3
    CHECK(west.people[2] == Approx(30));   // 100 × 0.3
    CHECK(east.people[0] == Approx(700));
    CHECK(east.people[1] == Approx(210));
    CHECK(east.people[2] == Approx(70));
    // Each point sits at the centroid of its piece: x 0–30 → (15, 50), x 30–100 → (65, 50).
    CHECK(west.position.x == Approx(15));
    CHECK(west.position.y == Approx(50));
    CHECK(east.position.x == Approx(65));
    CHECK(east.position.y == Approx(50));
    // weight = 65+ × rate: 90 × 0.2 = 18 in 西, 210 × 0.1 = 21 in 東.
    CHECK(*west.weights[0] == Approx(18));
    CHECK(*east.weights[0] == Approx(21));
    CHECK(model.districts[0].people[1] == Approx(90));
    CHECK(*model.districts[1].weights[0] == Approx(21));
    CHECK(model.report.units_split == 1);
    CHECK(model.report.units_outside == 0);
    CHECK(model.report.people_outside[0] == Approx(0).margin(1e-9));
}

TEST_CASE("people outside every district are reported, not dropped", "[demand]") {
    // Cell 1 (x 0–100) is 60% inside 西 (x 0–60); cell 2 (x 500–600) and the point at (900, 50)
    // are outside. A cell without people makes no point.
    const Districts districts = make_districts({{"W", "西", rect(0, 0, 60, 100)}});
    const Population population = make_population({{rect(0, 0, 100, 100), {1000, 300, 100}},
                                                   {rect(500, 0, 600, 100), {50, 20, 10}},
                                                   {geo::Point{900, 50}, {7, 2, 1}},
                                                   {rect(10, 10, 20, 20), {0, 0, 0}}});
    const DemandModel model = build_demand_points(districts, population, nullptr);
    REQUIRE(model.points.size() == 1);
    CHECK(model.points[0].people[1] == Approx(180));  // 300 × 0.6
    // Piece x 0–60 of the cell: centroid (30, 50).
    CHECK(model.points[0].position.x == Approx(30));
    CHECK(model.points[0].weights.empty());  // no survey
    const DemandReport& r = model.report;
    CHECK(r.units == 4);
    CHECK(r.units_partly_outside == 1);
    CHECK(r.units_outside == 2);
    CHECK(r.units_without_people == 1);
    // Outside: 40% of cell 1, all of cell 2 and the point: 400 + 50 + 7 = 457 people,
    // 120 + 20 + 2 = 142 aged 65+, 40 + 10 + 1 = 51 aged 75+.
    CHECK(r.people_outside[0] == Approx(457));
    CHECK(r.people_outside[1] == Approx(142));
    CHECK(r.people_outside[2] == Approx(51));
    CHECK(r.lines(model.bands)[1] == "  people outside every district: 457.0 pop_total, 142.0 pop65, 51.0 pop75");
}

TEST_CASE("point units go to the district containing them; districts without a rate carry no weight", "[demand]") {
    const Districts districts =
        make_districts({{"W", "西", rect(0, 0, 100, 100)}, {"E", "東", rect(100, 0, 200, 100)}});
    const Population population =
        make_population({{geo::Point{50, 50}, {10, 4, 2}}, {geo::Point{150, 50}, {20, 8, 3}}});
    const SurveyRates survey = shopping_rates({0.25, std::nullopt});
    const DemandModel model = build_demand_points(districts, population, &survey);
    REQUIRE(model.points.size() == 2);
    CHECK(model.points[0].id == "u1");
    CHECK(model.points[1].district == 1);
    CHECK(*model.points[0].weights[0] == Approx(1));  // 4 × 0.25
    CHECK_FALSE(model.points[1].weights[0]);
    CHECK_FALSE(model.districts[1].weights[0]);
}

TEST_CASE("overlapping districts do not count anyone twice", "[demand]") {
    // 西 covers the whole cell and 東 its right half: covered area 10,000 + 5,000 = 15,000 m²,
    // so the shares are 10,000/15,000 = 2/3 and 5,000/15,000 = 1/3.
    const Districts districts = make_districts({{"W", "西", rect(0, 0, 100, 100)}, {"E", "東", rect(50, 0, 100, 100)}});
    const Population population = make_population({{rect(0, 0, 100, 100), {900, 300, 90}}});
    const DemandModel model = build_demand_points(districts, population, nullptr);
    REQUIRE(model.points.size() == 2);
    CHECK(model.points[0].people[0] == Approx(600));
    CHECK(model.points[1].people[0] == Approx(300));
    CHECK(model.report.units_in_overlaps == 1);
}

TEST_CASE("a finer population layer places points at the centre of its people", "[demand]") {
    const Districts districts = make_districts({{"W", "西", rect(-100, -100, 200, 200)}});
    const Population cells = make_population({{rect(0, 0, 100, 100), {100, 40, 10}}});
    // Finer points with 1 and 3 people aged 65+: centre x = (10 × 1 + 40 × 3) / 4 = 32.5, y = 10.
    const Population finer = make_population(
        {{geo::Point{10, 10}, {5, 1, 0}}, {geo::Point{40, 10}, {9, 3, 1}}, {geo::Point{500, 500}, {9, 9, 9}}});
    const DemandModel model = build_demand_points(districts, cells, nullptr, {}, &finer);
    REQUIRE(model.points.size() == 1);
    CHECK(model.points[0].position.x == Approx(32.5));
    CHECK(model.points[0].position.y == Approx(10));
    CHECK(model.points[0].people[1] == Approx(40));  // the cell's people, not the finer layer's
    CHECK(model.report.positions_weighted == 1);
}

TEST_CASE("the demand model refuses bands and layers that do not fit", "[demand]") {
    const Districts districts = make_districts({{"W", "西", rect(0, 0, 100, 100)}});
    const Population population = make_population({{rect(0, 0, 100, 100), {1, 1, 1}}});
    DemandConfig config;
    config.elderly_band = "pop80";
    CHECK_THROWS_WITH(build_demand_points(districts, population, nullptr, config),
                      Catch::Contains("no population band \"pop80\"") && Catch::Contains("pop_total, pop65, pop75"));
    Population elsewhere = population;
    elsewhere.crs = geo::Crs::from_epsg(6675);
    CHECK_THROWS_AS(build_demand_points(districts, elsewhere, nullptr), std::invalid_argument);
    const SurveyRates two = shopping_rates({0.1, 0.2});
    CHECK_THROWS_AS(build_demand_points(districts, population, &two), std::invalid_argument);
}

TEST_CASE("demand as layers: points with weights, districts with rates and intervals", "[demand]") {
    const Districts districts =
        make_districts({{"W", "西", rect(-50, -50, 30, 150)}, {"E", "東", rect(30, -50, 200, 150)}});
    const Population population = make_population({{rect(0, 0, 100, 100), {1000, 300, 100}}});
    SurveyRates survey = shopping_rates({0.2, std::nullopt});
    survey.districts[0]->needs[0]->ci95 = {0.13, 0.29};
    const DemandModel model = build_demand_points(districts, population, &survey);

    const geo::Layer points = demand_points_layer(model, districts);
    REQUIRE(points.features.size() == 2);
    CHECK(points.fields.back().name == "買物困難_weight");
    const auto& w = points.features[0].values;
    CHECK(std::get<std::string>(w[0]) == "u1@W");
    CHECK(std::get<std::string>(w[3]) == "西");
    CHECK(std::get<double>(w[*points.field_index("pop65")]) == Approx(90));
    CHECK(std::get<double>(w[*points.field_index("買物困難_weight")]) == Approx(18));
    CHECK(geo::is_null(points.features[1].values[*points.field_index("買物困難_weight")]));

    const geo::Layer zones = district_demand_layer(model, districts, &survey);
    REQUIRE(zones.features.size() == 2);
    const auto& z = zones.features[0].values;
    CHECK(std::get<double>(z[*zones.field_index("買物困難_rate")]) == Approx(0.2));
    CHECK(std::get<double>(z[*zones.field_index("買物困難_low")]) == Approx(0.13));
    CHECK(std::get<double>(z[*zones.field_index("買物困難_n")]) == Approx(100));
    CHECK(std::get<double>(z[*zones.field_index("pop65")]) == Approx(90));
    CHECK(geo::is_null(zones.features[1].values[*zones.field_index("買物困難_rate")]));
    CHECK(zones.fields.size() == zones.features[1].values.size());
}
