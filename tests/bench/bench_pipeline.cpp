// The whole pipeline on Porto Alegre: the hexgrid's people as demand and as candidate sites, its
// health-care cells as resources, on foot and by bus over 120 minutes from 14:00. And what-if
// scenarios against a model in memory, on the sample town and on Porto Alegre.

#include "bench.hpp"
#include "needmap/analysis/pipeline/compute.hpp"
#include "needmap/analysis/pipeline/model.hpp"
#include "needmap/geo/crs.hpp"
#include "poa_project.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>
#include <thread>

namespace needmap::bench {
namespace {

namespace p = analysis::pipeline;

/// A place of `kind` where candidate `c` stands, given in longitude and latitude as a user would.
p::AddPlace add_at_candidate(const p::Model& model, std::size_t c, const std::string& kind) {
    const geo::Point ll = geo::Transformer(model.districts.crs, geo::wgs84())(model.candidates[c].position);
    return p::AddPlace{kind, ll.x, ll.y, "bench", 1};
}

double scenario_seconds(int runs, const p::Model& model, std::vector<p::Modification> modifications,
                        p::ComputeOptions options = {false, false}) {
    analysis::Feedback quiet;
    const p::Scenario scenario{"bench", std::move(modifications)};
    return best_seconds(runs, [&] { (void)p::compute(model, scenario, quiet, options); });
}

/// Seconds from setting the cancel flag, mid-way through a scenario that recomputes every travel
/// time, to compute() giving up.
double cancel_seconds(const p::Model& model) {
    analysis::Feedback feedback;
    analysis::CancelFlag flag{false};
    feedback.cancel_with(&flag);
    std::chrono::steady_clock::time_point asked;
    std::thread canceller([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        asked = std::chrono::steady_clock::now();
        flag = true;
    });
    try {
        (void)p::compute(model, p::Scenario{"slow", {p::SetWalkSpeed{2.5}}}, feedback, {false, false});
    } catch (const analysis::Cancelled&) {
    }
    const auto stopped = std::chrono::steady_clock::now();
    canceller.join();
    return std::chrono::duration<double>(stopped - asked).count();
}

void bench_sample_town_scenarios(Table& table) {
    const auto project = p::load_project(std::filesystem::path(NEEDMAP_SOURCE_DIR) / "datasets/sample-town/project.toml");
    analysis::Feedback quiet;
    const p::Model model = p::load_inputs(project, quiet);
    const auto add = add_at_candidate(model, 0, "salon");
    const double s = scenario_seconds(20, model, {add});
    table.add({"what-if: one added salon, sample town (walk + bus)", fmt::format("{:.1f} ms", s * 1000), "< 20 ms",
               "after load: one walking and one arrive-by bus search, access and gaps, best of 20"});
    const double full = scenario_seconds(5, model, {add}, {});
    table.add({"  the same with new-site ranking and service areas", fmt::format("{:.1f} ms", full * 1000), "",
               "what needmap whatif computes"});
}

void bench_poa_scenarios(Table& table, const std::filesystem::path& project_file) {
    analysis::Feedback quiet;
    p::Model model;
    const double load = best_seconds(1, [&] { model = p::load_inputs(p::load_project(project_file), quiet); });
    table.add({"what-if model, Porto Alegre: load and travel times once", fmt::format("{:.1f} s", load), "",
               fmt::format("{} points x {} places, walk + bus, 120-min window", model.point_snaps.size(),
                           model.resources.size() + model.candidates.size())});
    const double add = scenario_seconds(3, model, {add_at_candidate(model, model.candidates.size() / 2, "health")});
    table.add({"what-if: one added site, Porto Alegre, walk + bus", fmt::format("{:.2f} s", add), "< 1 s",
               "one arrive-by range search over the window, best of 3"});
    // Routes by how many points ride them: dropping a route searches those points again.
    const auto& tt = *model.bus->timetable;
    std::map<std::string, std::size_t> riders;
    for (const auto& used : model.bus->routes_used) {
        std::set<std::string> gtfs;
        for (const analysis::RouteId r : used) gtfs.insert(tt.route_gtfs_ids[r.value()]);
        for (const auto& g : gtfs) ++riders[g];
    }
    std::vector<std::pair<std::size_t, std::string>> by_riders;
    for (const auto& [route, n] : riders) by_riders.emplace_back(n, route);
    std::sort(by_riders.begin(), by_riders.end());
    for (const auto& [which, at] : {std::pair{"the median route", by_riders.size() / 2},
                                    std::pair{"the most ridden route", by_riders.size() - 1}}) {
        const auto& [n, route] = by_riders[at];
        const double drop = scenario_seconds(1, model, {p::DropRoute{route}});
        table.add({fmt::format("what-if: {} dropped, Porto Alegre", which), fmt::format("{:.2f} s", drop), "< 3 s",
                   fmt::format("{}: {} of {} points ride it and are searched again", route, n,
                               model.point_snaps.size())});
    }
    {  // Cumulative opportunities at five cut-offs, against none, on the same travel times.
        const std::vector<int> given = model.project.parameters.cutoffs_min;
        model.project.parameters.cutoffs_min = {};
        const double plain = scenario_seconds(3, model, {});
        model.project.parameters.cutoffs_min = {10, 20, 30, 45, 60};
        const double graded = scenario_seconds(3, model, {});
        model.project.parameters.cutoffs_min = given;
        table.add({"graded access, 5 cut-offs (10/20/30/45/60), Porto Alegre", fmt::format("{:.3f} s", graded),
                   "< 10% over plain",
                   fmt::format("+{:.1f}% over the same access without cut-offs ({:.3f} s), E2SFCA in both; +{:.2f}% "
                               "of the whole run",
                               100 * (graded - plain) / plain, plain, 100 * (graded - plain) / (load + plain))});
    }
    const double cancel = cancel_seconds(model);
    table.add({"what-if: cancelled mid-way, Porto Alegre", fmt::format("{:.0f} ms", cancel * 1000), "< 100 ms",
               "from setting the flag to compute() giving up"});
}

}  // namespace

void bench_pipeline(Table& table) {
    bench_sample_town_scenarios(table);
    const auto poa = shared_data("r5r-poa");
    if (!poa) return;
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "needmap-bench-poa";
    std::filesystem::create_directories(dir);
    const std::filesystem::path project = test::write_poa_project(*poa, dir, 120);
    const std::string cmd =
        fmt::format("{} run -q {} -o {} > /dev/null 2>&1", cli_path(), project.string(), (dir / "out.gpkg").string());
    int status = 0;
    const double s = best_seconds(1, [&] { status = std::system(cmd.c_str()); });
    table.add({"needmap run, Porto Alegre (1,124 points x 1,241 places, walk + bus)", fmt::format("{:.1f} s", s),
               "< 30 s",
               status == 0 ? "whole run: read, travel times, access, ILP siting, service areas, write" : "FAILED"});
    bench_poa_scenarios(table, project);
}

}  // namespace needmap::bench
