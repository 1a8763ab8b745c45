// What-if scenarios on the sample town (walk + community bus): each checked against a figure
// computed another way, by the ranking, the on-foot columns of the base run, or the base itself.

#include "needmap/analysis/pipeline/compute.hpp"
#include "needmap/analysis/pipeline/model.hpp"
#include "needmap/analysis/pipeline/results_io.hpp"
#include "needmap/geo/crs.hpp"
#include "needmap/geo/error.hpp"
#include "needmap/geo/layer_io.hpp"
#include "test_support.hpp"

#include <boost/geometry/algorithms/length.hpp>
#include <catch2/catch.hpp>
#include "needmap/analysis/pipeline/results_schema.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>

using namespace needmap;
using namespace needmap::analysis;
using namespace needmap::analysis::pipeline;
using Catch::Detail::Approx;

namespace {

const std::filesystem::path kTown = std::filesystem::path(NEEDMAP_SOURCE_DIR) / "datasets" / "sample-town";

const Model& town() {
    static const Model model = [] {
        Feedback quiet;
        return load_inputs(load_project(kTown / "project.toml"), quiet);
    }();
    return model;
}

const Results& base() {
    static const Results results = [] {
        Feedback quiet;
        return compute(town(), {}, quiet);
    }();
    return results;
}

Results run(std::vector<Modification> modifications, ComputeOptions options = {false, false}) {
    Feedback quiet;
    return compute(town(), Scenario{"test", std::move(modifications)}, quiet, options);
}

const KindResult& kind(const Results& r, std::string_view name) {
    const auto k = r.find_kind(name);
    REQUIRE(k);
    return r.kinds[k->value()];
}

double unmet_need(const KindResult& k) {
    double sum = 0;
    for (const auto& d : k.districts) sum += d.uncovered_need;
    return sum;
}

/// A place of `kind` where `p` stands, given as a user gives it: longitude and latitude.
AddPlace add_at(const Results& r, const PlaceInfo& p, std::string kind) {
    const geo::Point ll = geo::Transformer(r.crs, geo::wgs84())(p.position);
    return AddPlace{std::move(kind), ll.x, ll.y, p.name, p.capacity};
}

/// The sample project's text with its files named by absolute paths, to be written anywhere.
std::string sample_project_text() {
    std::string text = test::read_file(kTown / "project.toml");
    for (const char* file : {"districts.geojson", "population_250m.csv", "needs_by_district.csv", "salons.csv",
                             "shops.csv", "streets.osm", "dem.tif", "gtfs-community-bus.zip", "halls.csv"})
        text.replace(text.find(fmt::format("\"{}\"", file)), std::string(file).size() + 2,
                     fmt::format("\"{}\"", (kTown / file).string()));
    return text;
}

void check_same_access(const KindResult& a, const KindResult& b) {
    REQUIRE(a.districts.size() == b.districts.size());
    for (std::size_t d = 0; d < a.districts.size(); ++d) {
        INFO("district " << d);
        CHECK(a.districts[d].uncovered_people == b.districts[d].uncovered_people);
        CHECK(a.districts[d].uncovered_need == b.districts[d].uncovered_need);
        CHECK(a.districts[d].median_min == b.districts[d].median_min);
        CHECK(a.districts[d].p90_min == b.districts[d].p90_min);
        CHECK(a.districts[d].resources_inside == b.districts[d].resources_inside);
        CHECK(a.districts[d].sfca_per_1000 == Approx(b.districts[d].sfca_per_1000).epsilon(1e-12));
        CHECK(a.districts[d].e2sfca_per_1000 == Approx(b.districts[d].e2sfca_per_1000).epsilon(1e-12));
    }
    CHECK(a.access.covered == b.access.covered);
    CHECK(a.access.nearest_min == b.access.nearest_min);
}

}  // namespace

TEST_CASE("scenario: a salon where the ranking puts its first new site closes exactly the gain it reports",
          "[pipeline][sample][scenario]") {
    const KindResult& salon = kind(base(), "salon");
    REQUIRE(salon.siting);
    REQUIRE_FALSE(salon.siting->result.chosen.empty());
    const PlaceInfo& first = base().candidates[salon.siting->result.chosen[0]];
    const double gain = salon.siting->result.gain[0];
    REQUIRE(gain > 0);

    // The ranking counts candidates' times from the base matrix; the scenario searches towards a
    // new place at the candidate's coordinates (walking and an arrive-by bus search).
    const Results r = run({add_at(base(), first, "salon")});
    CHECK(unmet_need(kind(base(), "salon")) - unmet_need(kind(r, "salon")) == Approx(gain).epsilon(1e-9));
    CHECK(r.places.back().added);
    CHECK(r.places.back().name == first.name);
    // Shops are untouched.
    check_same_access(kind(r, "shop"), kind(base(), "shop"));
}

TEST_CASE("scenario: shops at the top three candidates, one after another, close the cumulative column",
          "[pipeline][sample][scenario]") {
    const KindResult& shop = kind(base(), "shop");
    REQUIRE(shop.siting);
    REQUIRE(shop.siting->result.chosen.size() == 3);
    const double before = unmet_need(shop);
    std::vector<Modification> added;
    for (std::size_t rank = 0; rank < 3; ++rank) {
        INFO("the first " << rank + 1 << " sites");
        added.emplace_back(add_at(base(), base().candidates[shop.siting->result.chosen[rank]], "shop"));
        const Results r = run(added);
        CHECK(before - unmet_need(kind(r, "shop")) == Approx(shop.siting->cumulative[rank]).epsilon(1e-9));
    }
    // Opening the candidate itself (its column of the base matrix, no search) gives the same.
    const Results promoted = run({PromoteCandidate{base().candidates[shop.siting->result.chosen[0]].id, "shop"}});
    CHECK(before - unmet_need(kind(promoted, "shop")) == Approx(shop.siting->cumulative[0]).epsilon(1e-9));
}

TEST_CASE("scenario: without any bus, every district has the on-foot figures of the base run",
          "[pipeline][sample][scenario]") {
    REQUIRE(town().bus);
    std::vector<Modification> drop;
    for (const auto& feed : town().bus->feeds) drop.emplace_back(DropFeed{feed});
    const Results r = run(drop);
    for (const auto& name : {"salon", "shop"}) {
        INFO(name);
        const KindResult& without = kind(r, name);
        const KindResult& with = kind(base(), name);
        REQUIRE(with.walk_access);
        for (std::size_t d = 0; d < with.districts.size(); ++d) {
            INFO("district " << base().districts[d].name);
            CHECK(without.districts[d].uncovered_people == with.walk_districts[d].uncovered_people);
            CHECK(without.districts[d].uncovered_need == with.walk_districts[d].uncovered_need);
            CHECK(without.districts[d].median_min == with.walk_districts[d].median_min);
        }
        CHECK(without.access.covered == with.walk_access->covered);
    }
    // The base maps every trip of the day on its route, and every stop served.
    std::size_t trips = 0;
    for (const auto& route : base().bus_routes) trips += route.trips;
    CHECK(trips == town().bus->timetable->trip_count());
    CHECK(base().bus_stops.size() > 5);
    CHECK(r.bus_routes.empty());
    CHECK(r.bus_stops.empty());
    // The buses matter in the sample town: somebody loses a salon or a shop without them.
    CHECK(unmet_need(kind(r, "shop")) + unmet_need(kind(r, "salon")) >
          unmet_need(kind(base(), "shop")) + unmet_need(kind(base(), "salon")));

    // Dropping each route one by one comes to the same.
    std::vector<Modification> routes;
    for (const auto& id : town().bus->timetable->route_gtfs_ids) routes.emplace_back(DropRoute{id});
    const Results by_route = run(routes);
    for (const auto& name : {"salon", "shop"}) check_same_access(kind(by_route, name), kind(r, name));
}

TEST_CASE("slopes: on the sample town's hills the east's gap grows, and the level districts' do not change",
          "[pipeline][sample][slopes]") {
    // The same project without its elevation model: every street level.
    std::string text = sample_project_text();
    const std::string dem = fmt::format("dem = \"{}\"", (kTown / "dem.tif").string());
    REQUIRE(text.find(dem) != std::string::npos);
    text.replace(text.find(dem), dem.size(), "");
    test::TempDir tmp;
    test::write_file(tmp / "level.toml", text);
    Feedback quiet;
    const Results level = compute(load_inputs(load_project(tmp / "level.toml"), quiet), Scenario{}, quiet);
    const Results& hills = base();
    REQUIRE_FALSE(level.info.slopes);
    REQUIRE(hills.info.slopes);
    const std::size_t east = hills.find_district("C121299900022").value().value();  // 東中学校区, in the hills
    for (std::size_t k = 0; k < hills.kinds.size(); ++k) {
        INFO("kind " << hills.kinds[k].kind);
        // Slopes only add effort for older walkers: no point gets nearer, and only points in the
        // hills (東中学校区) get farther.
        const auto& a = hills.kinds[k].access.nearest_min;
        const auto& b = level.kinds[k].access.nearest_min;
        std::size_t slower = 0;
        for (std::size_t i = 0; i < a.size(); ++i) {
            CHECK(a[i] >= b[i] - 1e-3F);
            if (a[i] > b[i] + 1e-3F) {
                ++slower;
                CHECK(hills.points[i].district.value() == east);
            }
        }
        CHECK(slower > 0);
        for (std::size_t d = 0; d < hills.districts.size(); ++d) {
            const double with = hills.kinds[k].districts[d].uncovered_people;
            const double without = level.kinds[k].districts[d].uncovered_people;
            if (d == east)
                CHECK(with >= without);
            else
                CHECK(with == without);
        }
    }
    // For salons the hills push people in the east beyond 30 minutes.
    CHECK(hills.kinds[0].districts[east].uncovered_people > level.kinds[0].districts[east].uncovered_people);
}

TEST_CASE("arriving by 10:00 (arrive_by): the ranking's gain, and no bus giving the on-foot figures",
          "[pipeline][sample][scenario]") {
    // The sample project with a deadline instead of a departure.
    std::string text = sample_project_text();
    text.replace(text.find("departure = \"2026-05-13T09:00\""), std::string("departure = \"2026-05-13T09:00\"").size(),
                 "arrive_by = \"2026-05-13T10:30\"");
    text.replace(text.find("window = 120"), std::string("window = 120").size(), "window = 30");
    test::TempDir tmp;
    test::write_file(tmp / "arrive.toml", text);
    const Project project = load_project(tmp / "arrive.toml");
    REQUIRE(project.transit.arrive_by);
    Feedback quiet;
    const Model model = load_inputs(project, quiet);
    const Results by = compute(model, {}, quiet);
    CHECK(by.info.arrive_by);
    CHECK_THAT(by.info.mode, Catch::Contains("arriving by 10:30 (deadlines over 30 min)"));
    const auto scenario = [&](std::vector<Modification> m) { return compute(model, Scenario{"t", std::move(m)}, quiet, {false, false}); };

    // The ranking reads the candidates' columns of the whole arrive-by matrix; the scenario
    // searches towards a new place at the first one's coordinates.
    const KindResult& salon = kind(by, "salon");
    REQUIRE(salon.siting);
    REQUIRE_FALSE(salon.siting->result.chosen.empty());
    const PlaceInfo& first = by.candidates[salon.siting->result.chosen[0]];
    const Results added = scenario({add_at(by, first, "salon")});
    CHECK(unmet_need(salon) - unmet_need(kind(added, "salon")) == Approx(salon.siting->result.gain[0]).epsilon(1e-9));

    // Without buses: the on-foot figures (arrive-by keeps no routes per point: every point is
    // searched again).
    std::vector<Modification> drop;
    for (const auto& feed : model.bus->feeds) drop.emplace_back(DropFeed{feed});
    const Results walking = scenario(drop);
    for (const auto& name : {"salon", "shop"}) {
        INFO(name);
        const KindResult& with = kind(by, name);
        REQUIRE(with.walk_access);
        for (std::size_t d = 0; d < with.districts.size(); ++d) {
            CHECK(kind(walking, name).districts[d].uncovered_people == with.walk_districts[d].uncovered_people);
            // Buses never make it worse than walking.
            CHECK(with.districts[d].uncovered_people <= with.walk_districts[d].uncovered_people);
        }
    }
    // The buses matter here too: someone reaches a salon or a shop by 10:30 only by bus.
    CHECK(unmet_need(kind(walking, "shop")) + unmet_need(kind(walking, "salon")) >
          unmet_need(kind(by, "shop")) + unmet_need(kind(by, "salon")));
    // Both a departure and a deadline: refused, naming the key.
    text.replace(text.find("arrive_by"), 0, "departure = \"2026-05-13T09:00\"\n");
    test::write_file(tmp / "both.toml", text);
    CHECK_THROWS_WITH(load_project(tmp / "both.toml"),
                      Catch::Contains("give one of departure (leave then) and arrive_by (be there by then), not both"));
}

TEST_CASE("siting = \"lscp\": the fewest new sites that bring a share of the need within the threshold",
          "[pipeline][sample][siting]") {
    // From the base run (maximal covering): the kind's need, what is unmet, and what each candidate
    // would cover alone. A share the best single candidate reaches needs one site; a share beyond
    // it needs more.
    const KindResult& salon = kind(base(), "salon");
    double need = 0;
    for (const auto& d : salon.districts) need += d.need;
    const double unmet = unmet_need(salon);
    const double best_alone = *std::max_element(salon.siting->alone.begin(), salon.siting->alone.end());
    const double one_site = (need - unmet + best_alone) / need;  // the share one site can reach at most
    for (const auto& [share, sites] : {std::pair{one_site - 0.001, std::size_t{1}}, std::pair{one_site + 0.001, std::size_t{2}}}) {
        INFO("share " << share);
        std::string text = sample_project_text();
        text.replace(text.find("new_sites = 3"), std::string("new_sites = 3").size(),
                     fmt::format("new_sites = 3\nsiting = \"lscp\"\ncover_share = {:.6f}", share));
        test::TempDir tmp;
        test::write_file(tmp / "lscp.toml", text);
        Feedback quiet;
        const Results r = compute(load_inputs(load_project(tmp / "lscp.toml"), quiet), {}, quiet);
        const KindResult& k = kind(r, "salon");
        REQUIRE(k.siting);
        CHECK(k.siting->result.chosen.size() == sites);
        CHECK(need - unmet + k.siting->cumulative.back() >= share * need - 1e-6);
        CHECK(k.siting->result.optimal);
        CHECK(r.info.siting == "lscp");
    }
}

TEST_CASE("scenario: a place removed and added back gives the base results", "[pipeline][sample][scenario]") {
    for (const auto& name : {"salon", "shop"}) {
        INFO(name);
        const KindResult& k = kind(base(), name);
        REQUIRE(k.access.sites.size() >= 2);
        const PlaceInfo& place = base().places[k.access.sites[1]];
        const Results removed = run({RemovePlace{place.id}});
        CHECK(unmet_need(kind(removed, name)) >= unmet_need(k));
        CHECK(removed.places.size() == base().places.size() - 1);
        const Results back = run({RemovePlace{place.id}, add_at(base(), place, name)});
        check_same_access(kind(back, name), k);
    }
}

TEST_CASE("scenario: the threshold and the walking speed", "[pipeline][sample][scenario]") {
    const KindResult& shop = kind(base(), "shop");
    // A longer threshold: coverage by the base times, counted by hand.
    const Results r = run({SetThreshold{45}});
    CHECK(r.info.threshold_min == 45);
    double people = 0;
    for (std::size_t i = 0; i < base().points.size(); ++i)
        if (!(shop.access.nearest_min[i] <= 45)) people += base().points[i].people[base().elderly_band];
    double gap = 0;
    for (const auto& d : kind(r, "shop").districts) gap += d.uncovered_people;
    CHECK(gap == Approx(people).epsilon(1e-9));
    // Walking slower never brings anyone closer.
    const Results slow = run({SetWalkSpeed{2.0}});
    const KindResult& slow_shop = kind(slow, "shop");
    for (std::size_t i = 0; i < base().points.size(); ++i)
        CHECK(slow_shop.access.nearest_min[i] >= shop.access.nearest_min[i] - 1e-3);
    CHECK(unmet_need(slow_shop) > unmet_need(shop));
}

TEST_CASE("scenario: bad modifications are all named before anything is computed", "[pipeline][sample][scenario]") {
    const Results& r = base();
    const geo::Point centre = geo::Transformer(r.crs, geo::wgs84())(r.places.front().position);
    const Scenario bad{"bad",
                       {AddPlace{"clinic", centre.x, centre.y, "", 1}, AddPlace{"salon", 139.0, 35.0, "", 1},
                        RemovePlace{"no-such-place"}, DropRoute{"R99"}, SetThreshold{0}, SetThreshold{-5},
                        SetWalkSpeed{std::nan("")}}};
    const auto problems = check_scenario(town(), bad);
    REQUIRE(problems.size() == 7);
    CHECK_THAT(problems[0], Catch::Contains("modification 1") && Catch::Contains("clinic") &&
                                Catch::Contains("salon, shop"));
    CHECK_THAT(problems[1], Catch::Contains("modification 2") && Catch::Contains("outside every district"));
    CHECK_THAT(problems[2], Catch::Contains("modification 3") && Catch::Contains("no-such-place"));
    CHECK_THAT(problems[3], Catch::Contains("modification 4") && Catch::Contains("R99"));
    CHECK_THAT(problems[4], Catch::Contains("modification 5") && Catch::Contains("above 0"));
    CHECK_THAT(problems[5], Catch::Contains("modification 6"));
    CHECK_THAT(problems[6], Catch::Contains("modification 7") && Catch::Contains("km/h"));
    Feedback quiet;
    CHECK_THROWS_AS(compute(town(), bad, quiet), geo::InputError);

    // Removing the same place twice: the second is named.
    const std::string id = r.places.front().id;
    const auto twice = check_scenario(town(), {"", {RemovePlace{id}, RemovePlace{id}}});
    REQUIRE(twice.size() == 1);
    CHECK_THAT(twice[0], Catch::Contains("modification 2") && Catch::Contains("removed already"));
}

TEST_CASE("scenario: a cancelled scenario stops with Cancelled", "[pipeline][sample][scenario]") {
    // Cancelled at its first progress report: a new walking speed recomputes every travel time.
    struct CancelAtOnce : Feedback {
        CancelFlag flag{false};
        std::size_t reports = 0;
        void report(const ProgressEvent&) override {
            ++reports;
            flag = true;
        }
    } feedback;
    feedback.cancel_with(&feedback.flag);
    CHECK_THROWS_AS(compute(town(), Scenario{"slow", {SetWalkSpeed{2.5}}}, feedback), Cancelled);
    CHECK(feedback.reports >= 1);
}

TEST_CASE("results: writing and reading back gives every number of every layer", "[pipeline][sample]") {
    const Results& a = base();
    needmap::test::TempDir tmp;
    write_results(a, tmp / "r.gpkg");
    const Results b = read_results(tmp / "r.gpkg");

    CHECK(b.info.project == a.info.project);
    CHECK(b.info.threshold_min == a.info.threshold_min);
    CHECK(b.info.walk_speed_kmh == a.info.walk_speed_kmh);
    CHECK(b.info.max_snap_m == a.info.max_snap_m);
    CHECK(b.info.new_sites == a.info.new_sites);
    CHECK(b.info.limit_min == a.info.limit_min);
    CHECK(b.info.transit == a.info.transit);
    CHECK(b.info.departure == a.info.departure);
    CHECK(b.info.arrive_by == a.info.arrive_by);
    CHECK(b.info.slopes == a.info.slopes);
    CHECK(a.info.slopes);  // the sample town has its elevation model
    CHECK(b.info.decay == a.info.decay);
    CHECK(b.info.cutoffs_min == a.info.cutoffs_min);
    CHECK(a.info.cutoffs_min == std::vector<int>{15, 30, 45});  // the default
    CHECK(a.info.decay == "Gaussian, sd 15 min, cut off at 30 min");
    CHECK(b.info.window_min == a.info.window_min);
    CHECK(b.info.percentile == a.info.percentile);
    CHECK(b.info.max_walk_to_stop_m == a.info.max_walk_to_stop_m);
    CHECK(b.info.max_rides == a.info.max_rides);
    CHECK(b.info.inputs == a.info.inputs);
    CHECK(b.info.warnings == a.info.warnings);
    CHECK(b.info.attributions == a.info.attributions);
    REQUIRE(b.info.timings.size() == a.info.timings.size());
    for (std::size_t i = 0; i < a.info.timings.size(); ++i)
        CHECK(b.info.timings[i].second == Approx(a.info.timings[i].second).margin(1e-3));
    CHECK(b.bands == a.bands);
    CHECK(b.elderly_band == a.elderly_band);
    CHECK(b.needs == a.needs);

    REQUIRE(b.districts.size() == a.districts.size());
    for (std::size_t d = 0; d < a.districts.size(); ++d) {
        const DistrictInfo& x = a.districts[d];
        const DistrictInfo& y = b.districts[d];
        INFO("district " << x.name);
        CHECK(y.id == x.id);
        CHECK(y.name == x.name);
        CHECK(y.people == x.people);
        CHECK(y.points == x.points);
        CHECK(y.respondents == x.respondents);
        CHECK(y.small_sample == x.small_sample);
        CHECK(y.need_weights == x.need_weights);
        REQUIRE(y.rates.size() == x.rates.size());
        for (std::size_t n = 0; n < x.rates.size(); ++n) {
            REQUIRE(y.rates[n].has_value() == x.rates[n].has_value());
            if (!x.rates[n]) continue;
            CHECK(y.rates[n]->rate == x.rates[n]->rate);
            CHECK(y.rates[n]->low == x.rates[n]->low);
            CHECK(y.rates[n]->high == x.rates[n]->high);
            CHECK(y.rates[n]->n == x.rates[n]->n);
        }
        REQUIRE(y.yardstick.has_value() == x.yardstick.has_value());
        if (x.yardstick) {
            CHECK(y.yardstick->people65 == x.yardstick->people65);
            CHECK(y.yardstick->far == x.yardstick->far);
            CHECK(y.yardstick->no_car_share == x.yardstick->no_car_share);
        }
        CHECK(geo::area(y.geometry) == Approx(geo::area(x.geometry)).epsilon(1e-12));
    }

    REQUIRE(b.points.size() == a.points.size());
    for (std::size_t i = 0; i < a.points.size(); ++i) {
        INFO("point " << a.points[i].id);
        CHECK(b.points[i].id == a.points[i].id);
        CHECK(b.points[i].unit_id == a.points[i].unit_id);
        CHECK(b.points[i].district == a.points[i].district);
        CHECK(b.points[i].position.x == a.points[i].position.x);
        CHECK(b.points[i].position.y == a.points[i].position.y);
        CHECK(b.points[i].share == a.points[i].share);
        CHECK(b.points[i].people == a.points[i].people);
        CHECK(b.points[i].weights == a.points[i].weights);
    }

    const auto same_place = [](const PlaceInfo& x, const PlaceInfo& y) {
        INFO("place " << x.id);
        CHECK(y.id == x.id);
        CHECK(y.kind == x.kind);
        CHECK(y.name == x.name);
        CHECK(y.capacity == x.capacity);
        CHECK(y.food_store == x.food_store);
        CHECK(y.added == x.added);
        CHECK(y.position.x == x.position.x);
        CHECK(y.position.y == x.position.y);
        CHECK(y.district == x.district);
        CHECK(y.snap == x.snap);
        CHECK(y.snap_m == x.snap_m);
        CHECK(y.address == x.address);
        CHECK(y.days == x.days);
        CHECK(y.hours == x.hours);
    };
    REQUIRE(b.places.size() == a.places.size());
    for (std::size_t j = 0; j < a.places.size(); ++j) same_place(a.places[j], b.places[j]);
    REQUIRE(b.candidates.size() == a.candidates.size());
    for (std::size_t j = 0; j < a.candidates.size(); ++j) same_place(a.candidates[j], b.candidates[j]);

    REQUIRE(b.kinds.size() == a.kinds.size());
    for (std::size_t k = 0; k < a.kinds.size(); ++k) {
        const KindResult& x = a.kinds[k];
        const KindResult& y = b.kinds[k];
        INFO("kind " << x.kind);
        CHECK(y.kind == x.kind);
        CHECK(y.need == x.need);
        CHECK(y.food_store == x.food_store);
        CHECK(y.access.sites == x.access.sites);
        CHECK(y.access.nearest_min == x.access.nearest_min);
        CHECK(y.access.within == x.access.within);
        CHECK(y.access.covered == x.access.covered);
        CHECK(y.access.sfca == x.access.sfca);
        CHECK(y.access.weighted == x.access.weighted);
        CHECK(y.access.e2sfca == x.access.e2sfca);
        CHECK(y.access.within_cutoff == x.access.within_cutoff);
        CHECK(x.access.within_cutoff.size() == 3);
        REQUIRE(y.walk_access.has_value() == x.walk_access.has_value());
        if (x.walk_access) {
            CHECK(y.walk_access->nearest_min == x.walk_access->nearest_min);
            CHECK(y.walk_access->covered == x.walk_access->covered);
        }
        const auto same_district = [](const DistrictKindAccess& p, const DistrictKindAccess& q, bool walk) {
            CHECK(q.uncovered_people == p.uncovered_people);
            CHECK(q.uncovered_need == p.uncovered_need);
            CHECK(q.median_min == p.median_min);
            CHECK(q.p90_min == p.p90_min);
            if (walk) return;
            CHECK(q.elderly == p.elderly);
            CHECK(q.need == p.need);
            CHECK(q.resources_inside == p.resources_inside);
            CHECK(q.sfca_per_1000 == p.sfca_per_1000);
            CHECK(q.e2sfca_per_1000 == p.e2sfca_per_1000);
            CHECK(q.reach_share == p.reach_share);
        };
        REQUIRE(y.districts.size() == x.districts.size());
        for (std::size_t d = 0; d < x.districts.size(); ++d) same_district(x.districts[d], y.districts[d], false);
        REQUIRE(y.walk_districts.size() == x.walk_districts.size());
        for (std::size_t d = 0; d < x.walk_districts.size(); ++d)
            same_district(x.walk_districts[d], y.walk_districts[d], true);
        CHECK(y.gap_ranks() == x.gap_ranks());
        REQUIRE(y.siting.has_value() == x.siting.has_value());
        if (x.siting) {
            CHECK(y.siting->result.chosen == x.siting->result.chosen);
            CHECK(y.siting->result.gain == x.siting->result.gain);
            CHECK(y.siting->result.objective == x.siting->result.objective);
            CHECK(y.siting->result.bound == x.siting->result.bound);
            CHECK(y.siting->result.optimal == x.siting->result.optimal);
            CHECK(y.siting->result.method == x.siting->result.method);
            CHECK(y.siting->cumulative == x.siting->cumulative);
            CHECK(y.siting->district_gains == x.siting->district_gains);
            CHECK(y.siting->uncovered_need == x.siting->uncovered_need);
            CHECK(y.siting->alone == x.siting->alone);
        }
        CHECK(y.service_area_km2 == x.service_area_km2);
        CHECK(geo::area(y.service_area) == Approx(geo::area(x.service_area)).epsilon(1e-12));
    }

    REQUIRE(b.bus_stops.size() == a.bus_stops.size());
    REQUIRE_FALSE(a.bus_stops.empty());
    for (std::size_t i = 0; i < a.bus_stops.size(); ++i) {
        CHECK(b.bus_stops[i].id == a.bus_stops[i].id);
        CHECK(b.bus_stops[i].name == a.bus_stops[i].name);
        CHECK(b.bus_stops[i].position.x == a.bus_stops[i].position.x);
        CHECK(b.bus_stops[i].position.y == a.bus_stops[i].position.y);
    }
    REQUIRE(b.bus_routes.size() == a.bus_routes.size());
    for (std::size_t i = 0; i < a.bus_routes.size(); ++i) {
        CHECK(b.bus_routes[i].id == a.bus_routes[i].id);
        CHECK(b.bus_routes[i].name == a.bus_routes[i].name);
        CHECK(b.bus_routes[i].trips == a.bus_routes[i].trips);
        CHECK(boost::geometry::length(b.bus_routes[i].line) == Approx(boost::geometry::length(a.bus_routes[i].line)));
    }
}

TEST_CASE("results: a file of another schema version is refused, naming both versions", "[pipeline][sample]") {
    needmap::test::TempDir tmp;
    write_results(base(), tmp / "r.gpkg");
    // Rewrite the schema version as an older needmap would have it.
    geo::ReadOptions options;
    options.layer = "run_summary";
    geo::Layer summary = geo::read_layer(tmp / "r.gpkg", options);
    const std::size_t key = *summary.field_index("key");
    const std::size_t number = *summary.field_index("number");
    bool found = false;
    for (auto& f : summary.features)
        if (geo::to_text(f.values[key]) == "schema_version") {
            f.values[number] = 7.0;
            found = true;
        }
    REQUIRE(found);
    // A districts layer too, so only the version is wrong.
    options.layer = "districts_access";
    std::vector<geo::Layer> layers{geo::read_layer(tmp / "r.gpkg", options)};
    layers.push_back(std::move(summary));
    geo::write_layers(tmp / "v7.gpkg", layers, {});
    try {
        (void)read_results(tmp / "v7.gpkg");
        FAIL("read a version 7 file");
    } catch (const geo::InputError& e) {
        CHECK_THAT(e.what(), Catch::Contains("version 7") && Catch::Contains(fmt::format("reads version {}", needmap::analysis::pipeline::schema::kVersion)));
    }
}
