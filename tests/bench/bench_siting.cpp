// Site ranking (maximal covering) on synthetic towns: demand points and candidate sites scattered
// over a 20 km square in clusters (hamlets and a centre), coverage within 1.5 km.

#include "bench.hpp"
#include "needmap/analysis/siting/mclp.hpp"
#include "needmap/analysis/siting/models.hpp"
#include "needmap/geo/spatial_index.hpp"

#include <fmt/format.h>

#include <random>

namespace needmap::bench {
namespace {

analysis::siting::CoverageProblem town(std::size_t candidates, std::size_t points, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> anywhere(0, 20000);
    std::normal_distribution<double> spread(0, 1200);
    std::vector<geo::Point> centres(12);
    for (auto& c : centres) c = {anywhere(rng), anywhere(rng)};
    std::uniform_int_distribution<std::size_t> which(0, centres.size() - 1);
    auto place = [&] {
        const geo::Point c = centres[which(rng)];
        return geo::Point{c.x + spread(rng), c.y + spread(rng)};
    };
    std::vector<geo::Point> demand(points);
    for (auto& p : demand) p = place();
    std::lognormal_distribution<double> people(2.0, 0.8);
    analysis::siting::CoverageProblem problem;
    for (std::size_t i = 0; i < points; ++i) problem.weight.push_back(people(rng));
    const geo::PointIndex index(demand);
    for (std::size_t j = 0; j < candidates; ++j) {
        auto covered = index.within(place(), 1500.0);
        std::vector<std::uint32_t> c(covered.begin(), covered.end());
        std::sort(c.begin(), c.end());
        problem.add_candidate(c);
    }
    return problem;
}

}  // namespace

void bench_siting(Table& table) {
    {
        const auto problem = town(2000, 20000, 1);
        analysis::siting::SitingResult r;
        const double s = best_seconds(1, [&] { r = analysis::siting::solve_greedy(problem, 10); });
        table.add({"siting, greedy + swaps: 2,000 candidates x 20,000 points, p=10", fmt::format("{:.3f} s", s),
                   "< 5 s", fmt::format("{} pairs; gap to its submodular bound {:.2f}%", problem.covered.size(),
                                        100 * r.gap())});
        analysis::siting::SitingOptions options;
        options.sites = 10;
        options.allow_ilp = false;
        const double l = best_seconds(1, [&] { r = analysis::siting::solve(problem, options); });
        table.add({"siting, greedy + Lagrangian bound: same instance", fmt::format("{:.3f} s", l), "< 30 s, gap < 2%",
                   fmt::format("proven gap {:.2f}% (objective {:.1f}, bound {:.1f})", 100 * r.gap(), r.objective,
                               r.bound)});
    }
    {
        const auto problem = town(200, 5000, 2);
        analysis::siting::SitingResult r;
        const double s = best_seconds(1, [&] { r = analysis::siting::solve_ilp(problem, 5, 120); });
        table.add({"siting, exact ILP (CBC): 200 candidates x 5,000 points, p=5", fmt::format("{:.3f} s", s), "< 30 s",
                   fmt::format("{} pairs; {}", problem.covered.size(), r.optimal ? "proven optimal" : "NOT optimal")});
    }
    {  // Capacitated: 20 existing places and 180 candidates, each serving at most 30 to 120 people.
        analysis::siting::CapacityProblem problem;
        problem.coverage = town(200, 5000, 3);
        std::mt19937 rng(4);
        std::uniform_real_distribution<double> capacity(30, 120);
        for (std::size_t j = 0; j < 200; ++j) problem.capacity.push_back(capacity(rng));
        problem.existing = 20;
        analysis::siting::SitingOptions options;
        options.sites = 5;
        options.ilp_seconds = 60;
        analysis::siting::SitingResult r;
        const double s = best_seconds(1, [&] { r = analysis::siting::solve_capacitated(problem, options); });
        table.add({"siting, capacitated MCLP (CBC): 200 sites (20 open) x 5,000 points, p=5",
                   fmt::format("{:.3f} s", s), "< 30 s",
                   fmt::format("{} pairs; {}", problem.coverage.covered.size(),
                               r.optimal ? "proven optimal" : fmt::format("gap {:.2f}%", 100 * r.gap()))});
    }
}

}  // namespace needmap::bench
