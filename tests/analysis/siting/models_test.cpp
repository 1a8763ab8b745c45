// p-median, capacitated and backup covering against hand-worked examples and brute force. The
// brute force here computes each objective its own way: the nearest time by a scan, the need a
// set of places can serve by augmenting paths (not the solver's linear program), and the count of
// places within reach by counting.

#include "needmap/analysis/siting/models.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <random>

using namespace needmap::analysis::siting;
using Catch::Detail::Approx;

namespace {

/// Every set of `size` indexes below n.
void each_subset(std::size_t n, std::size_t size, const std::function<void(const std::vector<std::uint32_t>&)>& f) {
    std::vector<std::uint32_t> pick;
    std::function<void(std::uint32_t)> go = [&](std::uint32_t from) {
        if (pick.size() == size) {
            f(pick);
            return;
        }
        for (std::uint32_t j = from; j < n; ++j) {
            pick.push_back(j);
            go(j + 1);
            pick.pop_back();
        }
    };
    go(0);
}

/// Need-weighted minutes saved, by scanning every pair.
double brute_saving(const std::vector<double>& w, const std::vector<double>& base,
                    const std::vector<std::vector<std::pair<std::uint32_t, double>>>& reach,
                    const std::vector<std::uint32_t>& sites) {
    double saved = 0;
    for (std::uint32_t i = 0; i < w.size(); ++i) {
        double best = base[i];
        for (const std::uint32_t j : sites)
            for (const auto& [p, t] : reach[j])
                if (p == i) best = std::min(best, t);
        saved += w[i] * (base[i] - best);
    }
    return saved;
}

/// The most need the open places can serve: a maximum flow source -> place (capacity) -> point
/// within reach -> sink (need), by augmenting paths found depth first on residual capacities.
double brute_served(const CapacityProblem& p, const std::vector<std::uint32_t>& open) {
    const std::size_t ns = p.coverage.candidate_count();
    const std::size_t np = p.coverage.weight.size();
    const std::size_t n = ns + np + 2;
    const std::size_t source = ns + np;
    const std::size_t sink = source + 1;
    std::vector<std::vector<double>> cap(n, std::vector<double>(n, 0.0));
    for (const std::uint32_t j : open) {
        cap[source][j] = p.capacity[j];
        for (const std::uint32_t i : p.coverage.covers(j)) cap[j][ns + i] = 1e18;
    }
    for (std::size_t i = 0; i < np; ++i) cap[ns + i][sink] = p.coverage.weight[i];
    double flow = 0;
    for (;;) {
        std::vector<std::size_t> parent(n, n);
        std::vector<std::size_t> stack{source};
        parent[source] = source;
        while (!stack.empty() && parent[sink] == n) {
            const std::size_t u = stack.back();
            stack.pop_back();
            for (std::size_t v = 0; v < n; ++v)
                if (parent[v] == n && cap[u][v] > 1e-12) {
                    parent[v] = u;
                    stack.push_back(v);
                }
        }
        if (parent[sink] == n) return flow;
        double push = 1e18;
        for (std::size_t v = sink; v != source; v = parent[v]) push = std::min(push, cap[parent[v]][v]);
        for (std::size_t v = sink; v != source; v = parent[v]) {
            cap[parent[v]][v] -= push;
            cap[v][parent[v]] += push;
        }
        flow += push;
    }
}

double brute_backup(const CoverageProblem& p, const std::vector<std::uint32_t>& base,
                    const std::vector<std::uint32_t>& sites) {
    double before = 0;
    double after = 0;
    for (std::uint32_t i = 0; i < p.weight.size(); ++i) {
        std::uint32_t count = base[i];
        for (const std::uint32_t j : sites) {
            const auto c = p.covers(j);
            count += static_cast<std::uint32_t>(std::count(c.begin(), c.end(), i));
        }
        before += p.weight[i] * std::min<std::uint32_t>(base[i], 2);
        after += p.weight[i] * std::min<std::uint32_t>(count, 2);
    }
    return after - before;
}

std::vector<std::uint32_t> sorted(std::vector<std::uint32_t> v) {
    std::sort(v.begin(), v.end());
    return v;
}

}  // namespace

TEST_CASE("p-median by hand: the site that saves the most minutes, not the nearest to the most need", "[siting]") {
    // A (need 10) and B (need 5) are 30 min from the nearest place. Site 0 reaches A in 5 min
    // (saves 10 x 25 = 250); site 1 reaches A and B in 10 min (saves 10 x 20 + 5 x 20 = 300).
    ReachProblem p;
    p.weight = {10, 5};
    p.add_candidate(std::vector<std::uint32_t>{0}, std::vector<double>{5});
    p.add_candidate(std::vector<std::uint32_t>{0, 1}, std::vector<double>{10, 10});
    const std::vector<double> base{30, 30};
    SitingOptions one;
    one.sites = 1;
    const SitingResult r = solve_median(p, base, one);
    CHECK(r.chosen == std::vector<std::uint32_t>{1});
    CHECK(r.objective == Approx(300));
    // Both: A by site 0 (25 x 10), B by site 1 (20 x 5).
    SitingOptions two;
    two.sites = 2;
    const SitingResult both = solve_median(p, base, two);
    CHECK(sorted(both.chosen) == std::vector<std::uint32_t>{0, 1});
    CHECK(both.objective == Approx(350));
    CHECK(both.gain == std::vector<double>{300, 50});
}

TEST_CASE("capacitated covering by hand: a full place leaves need that maximal covering would call covered",
          "[siting]") {
    // The existing salon (capacity 10) reaches A (need 8) and B (need 8): it serves 10, B is left
    // 6. Candidate 0 (capacity 5) reaches B: +5. Candidate 1 (capacity 20) reaches only C (need 3):
    // +3. Maximal covering, counting B as covered, would choose candidate 1.
    CapacityProblem p;
    p.coverage.weight = {8, 8, 3};
    p.coverage.add_candidate(std::vector<std::uint32_t>{0, 1});
    p.coverage.add_candidate(std::vector<std::uint32_t>{1});
    p.coverage.add_candidate(std::vector<std::uint32_t>{2});
    p.capacity = {10, 5, 20};
    p.existing = 1;
    CHECK(served(p, std::vector<std::uint32_t>{0}) == Approx(10));
    SitingOptions one;
    one.sites = 1;
    const SitingResult r = solve_capacitated(p, one);
    CHECK(r.chosen == std::vector<std::uint32_t>{0});
    CHECK(r.objective == Approx(5));
    CHECK(r.optimal);
}

TEST_CASE("backup coverage by hand: a second place for many beats a first for few", "[siting]") {
    // A (need 10) has one place within reach, B (need 4) none. Site 0 reaches A: +10 counted
    // again; site 1 reaches B: +4.
    CoverageProblem p;
    p.weight = {10, 4};
    p.add_candidate(std::vector<std::uint32_t>{0});
    p.add_candidate(std::vector<std::uint32_t>{1});
    SitingOptions one;
    one.sites = 1;
    const std::vector<std::uint32_t> base{1, 0};
    const SitingResult r = solve_backup(p, base, one);
    CHECK(r.chosen == std::vector<std::uint32_t>{0});
    CHECK(r.objective == Approx(10));
}

TEST_CASE("p-median, capacitated and backup equal brute force on random instances, never worse than greedy",
          "[siting]") {
    std::mt19937 rng(17);
    std::uniform_real_distribution<double> need(0, 10);
    std::uniform_real_distribution<double> minutes(1, 60);
    std::uniform_int_distribution<int> size(1, 8);
    std::uniform_int_distribution<int> places(0, 2);
    constexpr std::size_t kCandidates = 10;
    constexpr std::size_t kPoints = 25;
    std::uniform_int_distribution<std::uint32_t> any_point(0, kPoints - 1);
    for (int trial = 0; trial < 12; ++trial) {
        INFO("trial " << trial);
        std::vector<double> w(kPoints);
        for (double& x : w) x = need(rng);
        std::vector<std::vector<std::uint32_t>> covers(kCandidates + 3);  // 3 existing places first
        for (auto& c : covers) {
            for (int k = size(rng); k > 0; --k) c.push_back(any_point(rng));
            std::sort(c.begin(), c.end());
            c.erase(std::unique(c.begin(), c.end()), c.end());
        }
        SitingOptions options;
        options.sites = 3;
        SitingOptions greedy_only = options;
        greedy_only.allow_ilp = false;

        // p-median
        std::vector<double> base(kPoints);
        for (double& b : base) b = minutes(rng);
        ReachProblem median;
        median.weight = w;
        std::vector<std::vector<std::pair<std::uint32_t, double>>> reach;
        for (std::size_t j = 3; j < covers.size(); ++j) {
            std::vector<double> t;
            reach.emplace_back();
            for (const std::uint32_t i : covers[j]) {
                t.push_back(minutes(rng));
                reach.back().emplace_back(i, t.back());
            }
            median.add_candidate(covers[j], t);
        }
        double best = 0;
        each_subset(kCandidates, 3, [&](const auto& s) { best = std::max(best, brute_saving(w, base, reach, s)); });
        const SitingResult m = solve_median(median, base, options);
        const SitingResult mg = solve_median(median, base, greedy_only);
        CHECK(m.objective == Approx(best));
        CHECK(brute_saving(w, base, reach, m.chosen) == Approx(m.objective));
        CHECK(m.optimal);
        CHECK(m.objective >= mg.objective - 1e-9);
        CHECK(mg.bound >= best - 1e-9);

        // capacitated
        CapacityProblem cap;
        cap.coverage.weight = w;
        for (const auto& c : covers) cap.coverage.add_candidate(c);
        std::uniform_real_distribution<double> capacity(2, 15);
        for (std::size_t j = 0; j < covers.size(); ++j) cap.capacity.push_back(capacity(rng));
        cap.existing = 3;
        const double already = brute_served(cap, {0, 1, 2});
        best = 0;
        each_subset(kCandidates, 3, [&](const auto& s) {
            std::vector<std::uint32_t> open{0, 1, 2};
            for (const std::uint32_t j : s) open.push_back(j + 3);
            best = std::max(best, brute_served(cap, open) - already);
        });
        const SitingResult c = solve_capacitated(cap, options);
        CHECK(c.objective == Approx(best).margin(1e-6));
        CHECK(c.optimal);

        // backup
        CoverageProblem backup;
        backup.weight = w;
        for (std::size_t j = 3; j < covers.size(); ++j) backup.add_candidate(covers[j]);
        std::vector<std::uint32_t> count(kPoints);
        for (auto& n : count) n = static_cast<std::uint32_t>(places(rng));
        best = 0;
        each_subset(kCandidates, 3, [&](const auto& s) { best = std::max(best, brute_backup(backup, count, s)); });
        const SitingResult b = solve_backup(backup, count, options);
        const SitingResult bg = solve_backup(backup, count, greedy_only);
        CHECK(b.objective == Approx(best));
        CHECK(brute_backup(backup, count, b.chosen) == Approx(b.objective));
        CHECK(b.objective >= bg.objective - 1e-9);
        CHECK(bg.bound >= best - 1e-9);
    }
}
