#include "needmap/analysis/siting/mclp.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <numeric>
#include <random>

using namespace needmap::analysis::siting;
using Catch::Detail::Approx;

namespace {

CoverageProblem make(std::vector<double> weight, const std::vector<std::vector<std::uint32_t>>& covers) {
    CoverageProblem p;
    p.weight = std::move(weight);
    for (const auto& c : covers) p.add_candidate(c);
    return p;
}

/// The best coverage over every set of `sites` candidates, by brute force.
double brute_force(const CoverageProblem& problem, std::size_t sites) {
    const std::size_t n = problem.candidate_count();
    double best = 0;
    std::vector<std::uint32_t> pick;
    std::function<void(std::uint32_t)> go = [&](std::uint32_t from) {
        if (pick.size() == sites || from == n) {
            best = std::max(best, coverage(problem, pick));
            return;
        }
        for (std::uint32_t j = from; j < n; ++j) {
            pick.push_back(j);
            go(j + 1);
            pick.pop_back();
        }
        best = std::max(best, coverage(problem, pick));
    };
    go(0);
    return best;
}

CoverageProblem random_problem(std::mt19937& rng, std::size_t candidates, std::size_t points) {
    std::uniform_real_distribution<double> w(0, 10);
    std::uniform_int_distribution<std::uint32_t> pt(0, static_cast<std::uint32_t>(points - 1));
    std::uniform_int_distribution<int> size(1, 12);
    CoverageProblem p;
    for (std::size_t i = 0; i < points; ++i) p.weight.push_back(w(rng));
    for (std::size_t j = 0; j < candidates; ++j) {
        std::vector<std::uint32_t> c;
        for (int k = size(rng); k > 0; --k) c.push_back(pt(rng));
        std::sort(c.begin(), c.end());
        c.erase(std::unique(c.begin(), c.end()), c.end());
        p.add_candidate(c);
    }
    return p;
}

}  // namespace

TEST_CASE("the classic trap for greedy: swaps and the ILP both find the optimum", "[siting]") {
    // Six people of need 1. Site 0 covers four of them; sites 1 and 2 cover three each and
    // together all six. Greedy alone takes site 0 and then one more: 5. The optimum is {1, 2}: 6.
    const CoverageProblem p = make({1, 1, 1, 1, 1, 1}, {{0, 1, 2, 3}, {0, 1, 4}, {2, 3, 5}});
    const SitingResult g = solve_greedy(p, 2);
    CHECK(g.objective == Approx(6));
    CHECK(g.chosen.size() == 2);
    CHECK(g.bound >= 6 - 1e-9);
    const SitingResult ilp = solve_ilp(p, 2, 10);
    CHECK(ilp.method == Method::Ilp);
    CHECK(ilp.optimal);
    CHECK(ilp.objective == Approx(6));
    CHECK(ilp.gap() == Approx(0).margin(1e-9));
    std::vector<std::uint32_t> sorted = ilp.chosen;
    std::sort(sorted.begin(), sorted.end());
    CHECK(sorted == std::vector<std::uint32_t>{1, 2});
}

TEST_CASE("ranking: gains fall and add up to the coverage", "[siting]") {
    // Weights by hand: site 2 covers 10 + 5, site 0 covers 10 + 3 (10 already covered),
    // site 1 covers 2.
    const CoverageProblem p = make({10, 5, 3, 2}, {{0, 2}, {3}, {0, 1}});
    const SitingResult r = solve_ilp(p, 3, 10);
    REQUIRE(r.chosen == std::vector<std::uint32_t>{2, 0, 1});
    CHECK(r.gain == std::vector<double>{15, 3, 2});
    CHECK(r.objective == Approx(20));
}

TEST_CASE("greedy is optimal with one site, and with disjoint coverage; the ILP agrees", "[siting]") {
    std::mt19937 rng(11);
    for (int trial = 0; trial < 20; ++trial) {
        const CoverageProblem p = random_problem(rng, 15, 40);
        const double best_single = brute_force(p, 1);
        CHECK(solve_greedy(p, 1).objective == Approx(best_single));
        CHECK(solve_ilp(p, 1, 10).objective == Approx(best_single));
    }
    // Disjoint sets: the optimum is the p heaviest.
    const CoverageProblem disjoint = make({4, 4, 1, 7, 2, 2, 2}, {{0, 1}, {2}, {3}, {4, 5, 6}});
    CHECK(solve_greedy(disjoint, 2).objective == Approx(8 + 7));
    CHECK(solve_ilp(disjoint, 2, 10).objective == Approx(15));
}

TEST_CASE("on random instances the ILP finds the brute-force optimum and is never worse than greedy", "[siting]") {
    std::mt19937 rng(5);
    for (int trial = 0; trial < 15; ++trial) {
        const CoverageProblem p = random_problem(rng, 18, 50);
        const double optimum = brute_force(p, 3);
        const SitingResult g = solve_greedy(p, 3);
        const SitingResult ilp = solve_ilp(p, 3, 10);
        INFO("trial " << trial);
        CHECK(ilp.objective == Approx(optimum));
        CHECK(ilp.optimal);
        CHECK(ilp.objective >= g.objective - 1e-9);
        CHECK(ilp.bound >= ilp.objective - 1e-9);
        CHECK(g.bound >= optimum - 1e-9);
        CHECK(g.objective <= optimum + 1e-9);
    }
}

TEST_CASE("the Lagrangian bound is never below the brute-force optimum, and its sites are a true answer", "[siting]") {
    std::mt19937 rng(11);
    for (int trial = 0; trial < 15; ++trial) {
        const CoverageProblem p = random_problem(rng, 18, 50);
        const double optimum = brute_force(p, 3);
        const SitingResult g = solve_greedy(p, 3);
        const LagrangeResult l = lagrangian_bound(p, 3, g.objective);
        INFO("trial " << trial);
        CHECK(l.bound >= optimum - 1e-9);
        CHECK(l.value >= g.objective);
        CHECK(l.value <= optimum + 1e-9);
        if (!l.sites.empty()) {
            CHECK(l.sites.size() == 3);
            CHECK(coverage(p, l.sites) == Approx(l.value));
        }
        // The large-instance path (greedy, then the bound) keeps these promises too.
        SitingOptions large;
        large.sites = 3;
        large.ilp_max_pairs = 0;
        const SitingResult r = solve(p, large);
        CHECK(r.method == Method::Greedy);
        CHECK(r.objective <= optimum + 1e-9);
        CHECK(r.objective >= g.objective - 1e-9);
        CHECK(r.bound >= optimum - 1e-9);
        CHECK(r.bound <= g.bound + 1e-9);
        CHECK(coverage(p, r.chosen) == Approx(r.objective));
    }
}

TEST_CASE("the Lagrangian bound closes the classic trap that the submodular bound leaves open", "[siting]") {
    // The trap above: the optimum 6 covers everyone; the bound can go no lower, and the
    // submodular bound after greedy's first site is 4 + 3 = 7 at best.
    const CoverageProblem p = make({1, 1, 1, 1, 1, 1}, {{0, 1, 2, 3}, {0, 1, 4}, {2, 3, 5}});
    const LagrangeResult l = lagrangian_bound(p, 2, 5);
    CHECK(l.bound == Approx(6).margin(0.01));
    CHECK(l.value == Approx(6));
}

TEST_CASE("no candidate covers anything: no sites, no gap", "[siting]") {
    const CoverageProblem p = make({0, 0}, {{0}, {1}});
    const SitingResult r = solve(p, SitingOptions{});
    CHECK(r.chosen.empty());
    CHECK(r.objective == 0);
    CHECK(r.gap() == 0);
}

TEST_CASE("set covering: the fewest sites reaching a target equal brute force, and never more than greedy's",
          "[siting]") {
    std::mt19937 rng(2026);
    for (int trial = 0; trial < 30; ++trial) {
        const CoverageProblem problem = random_problem(rng, 9, 25);
        std::vector<std::uint32_t> all(problem.candidate_count());
        std::iota(all.begin(), all.end(), 0U);
        const double most = coverage(problem, all);
        const double target = most * std::uniform_real_distribution<double>(0.3, 1.0)(rng);
        INFO("trial " << trial << ", target " << target << " of " << most);
        // Brute force: the smallest p whose best p sites reach the target.
        std::size_t fewest = 0;
        while (brute_force(problem, fewest) < target - 1e-9) ++fewest;
        SitingOptions options;
        const SitingResult r = solve_set_cover(problem, target, options);
        CHECK(r.chosen.size() == fewest);
        CHECK(coverage(problem, r.chosen) >= target - 1e-9);
        CHECK(r.optimal);
        // Greedy, adding the best site until the target is reached, never needs fewer.
        std::size_t greedy = 0;
        while (solve_greedy(problem, greedy).objective < target - 1e-9) ++greedy;
        CHECK(r.chosen.size() <= greedy);
    }
    // A target beyond every candidate together: all the useful ones, and the note says so.
    const CoverageProblem small = make({5, 5, 5}, {{0}, {1}, {}});
    const SitingResult beyond = solve_set_cover(small, 12, SitingOptions{});
    CHECK(beyond.chosen.size() == 2);
    CHECK_THAT(beyond.method_note, Catch::Contains("cannot be reached"));
    CHECK(solve_set_cover(small, 0, SitingOptions{}).chosen.empty());
}
