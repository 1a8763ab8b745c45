#include "needmap/analysis/siting/mclp.hpp"

#include <fmt/format.h>
#include <queue>

#include <algorithm>
#include <functional>

namespace needmap::analysis::siting {

void CoverageProblem::add_candidate(std::span<const std::uint32_t> points) {
    covered.insert(covered.end(), points.begin(), points.end());
    cover_begin.push_back(static_cast<std::uint32_t>(covered.size()));
}

double coverage(const CoverageProblem& problem, std::span<const std::uint32_t> sites) {
    std::vector<bool> done(problem.weight.size(), false);
    double total = 0;
    for (const std::uint32_t j : sites)
        for (const std::uint32_t i : problem.covers(j))
            if (!done[i]) {
                done[i] = true;
                total += problem.weight[i];
            }
    return total;
}

namespace {

/// Need a candidate adds to what `count` (how many chosen sites cover each point) already covers.
double marginal(const CoverageProblem& problem, std::uint32_t j, const std::vector<std::uint32_t>& count) {
    double g = 0;
    for (const std::uint32_t i : problem.covers(j))
        if (count[i] == 0) g += problem.weight[i];
    return g;
}

/// Lazy greedy (Minoux's accelerated greedy): gains only shrink as sites are added, so a stale
/// gain on top of the heap is an upper bound and needs recomputing only when it comes up.
std::vector<std::uint32_t> lazy_greedy(const CoverageProblem& problem, std::size_t sites,
                                       std::vector<std::uint32_t>& count) {
    struct Entry {
        double gain;
        std::uint32_t candidate;
        std::size_t round;
        bool operator<(const Entry& o) const {
            return gain != o.gain ? gain < o.gain : candidate > o.candidate;  // ties: lowest index first
        }
    };
    std::priority_queue<Entry> heap;
    for (std::uint32_t j = 0; j < problem.candidate_count(); ++j) heap.push({marginal(problem, j, count), j, 0});
    std::vector<std::uint32_t> chosen;
    while (chosen.size() < sites && !heap.empty()) {
        Entry top = heap.top();
        heap.pop();
        if (top.round != chosen.size()) {
            top.gain = marginal(problem, top.candidate, count);
            top.round = chosen.size();
            heap.push(top);
            continue;
        }
        if (top.gain <= 0) break;  // nothing left to cover
        chosen.push_back(top.candidate);
        for (const std::uint32_t i : problem.covers(top.candidate)) ++count[i];
    }
    return chosen;
}

/// Best-improvement swaps of one chosen site for one other candidate, until none helps.
void improve_by_swaps(const CoverageProblem& problem, std::vector<std::uint32_t>& chosen,
                      std::vector<std::uint32_t>& count) {
    const std::size_t n = problem.weight.size();
    std::vector<std::uint32_t> sole(n);  // for points covered once, the site that covers them
    std::vector<double> extra(chosen.size());
    for (int pass = 0; pass < 100; ++pass) {
        std::vector<bool> is_chosen(problem.candidate_count(), false);
        for (std::size_t s = 0; s < chosen.size(); ++s) {
            is_chosen[chosen[s]] = true;
            for (const std::uint32_t i : problem.covers(chosen[s]))
                if (count[i] == 1) sole[i] = static_cast<std::uint32_t>(s);
        }
        std::vector<double> loss(chosen.size(), 0);  // need covered by that site alone
        for (std::size_t s = 0; s < chosen.size(); ++s)
            for (const std::uint32_t i : problem.covers(chosen[s]))
                if (count[i] == 1) loss[s] += problem.weight[i];

        double best = 1e-9;
        std::size_t best_s = 0;
        std::uint32_t best_k = 0;
        for (std::uint32_t k = 0; k < problem.candidate_count(); ++k) {
            if (is_chosen[k]) continue;
            double fresh = 0;
            std::fill(extra.begin(), extra.end(), 0.0);
            for (const std::uint32_t i : problem.covers(k)) {
                if (count[i] == 0)
                    fresh += problem.weight[i];
                else if (count[i] == 1)
                    extra[sole[i]] += problem.weight[i];
            }
            for (std::size_t s = 0; s < chosen.size(); ++s) {
                const double delta = fresh + extra[s] - loss[s];
                if (delta > best) {
                    best = delta;
                    best_s = s;
                    best_k = k;
                }
            }
        }
        if (best <= 1e-9) return;
        for (const std::uint32_t i : problem.covers(chosen[best_s])) --count[i];
        for (const std::uint32_t i : problem.covers(best_k)) ++count[i];
        chosen[best_s] = best_k;
    }
}

}  // namespace

std::vector<double> rank_sites(const CoverageProblem& problem, std::vector<std::uint32_t>& sites) {
    std::vector<std::uint32_t> count(problem.weight.size(), 0);
    std::vector<double> gains;
    for (std::size_t r = 0; r < sites.size(); ++r) {
        std::size_t best = r;
        double best_gain = -1;
        for (std::size_t k = r; k < sites.size(); ++k) {
            const double g = marginal(problem, sites[k], count);
            if (g > best_gain || (g == best_gain && sites[k] < sites[best])) {
                best_gain = g;
                best = k;
            }
        }
        std::swap(sites[r], sites[best]);
        gains.push_back(best_gain);
        for (const std::uint32_t i : problem.covers(sites[r])) ++count[i];
    }
    return gains;
}

SitingResult solve_greedy(const CoverageProblem& problem, std::size_t sites) {
    std::vector<std::uint32_t> count(problem.weight.size(), 0);
    SitingResult out;
    out.method = Method::Greedy;
    out.chosen = lazy_greedy(problem, sites, count);
    improve_by_swaps(problem, out.chosen, count);
    out.gain = rank_sites(problem, out.chosen);
    out.objective = 0;
    for (const double g : out.gain) out.objective += g;

    // Bound: OPT <= f(S) + the p largest marginal gains with respect to S.
    std::vector<double> gains;
    for (std::uint32_t j = 0; j < problem.candidate_count(); ++j) gains.push_back(marginal(problem, j, count));
    const std::size_t p = std::min(sites, gains.size());
    std::partial_sort(gains.begin(), gains.begin() + static_cast<std::ptrdiff_t>(p), gains.end(), std::greater<>());
    out.bound = out.objective;
    for (std::size_t k = 0; k < p; ++k) out.bound += gains[k];
    out.optimal = out.bound - out.objective <= 1e-9 * std::max(1.0, out.bound);
    out.method_note = fmt::format("greedy with lazy evaluation and swaps; optimal within {:.1f}% (submodular bound)",
                                  100.0 * out.gap());
    return out;
}

SitingResult solve(const CoverageProblem& problem, const SitingOptions& options) {
    if (options.allow_ilp && problem.covered.size() <= options.ilp_max_pairs)
        return solve_ilp(problem, options.sites, options.ilp_seconds);
    SitingResult out = solve_greedy(problem, options.sites);
    if (!out.optimal) {  // tighten the bound (and perhaps the answer) by Lagrangian relaxation
        const LagrangeResult lagrange = lagrangian_bound(problem, options.sites, out.objective);
        if (!lagrange.sites.empty()) {
            out.chosen = lagrange.sites;
            out.gain = rank_sites(problem, out.chosen);
            out.objective = lagrange.value;
        }
        out.bound = std::min(out.bound, lagrange.bound);
        out.optimal = out.bound - out.objective <= 1e-9 * std::max(1.0, out.bound);
        out.method_note = fmt::format(
            "greedy with lazy evaluation and swaps, and a Lagrangian bound; optimal within {:.1f}%", 100.0 * out.gap());
    }
    if (options.allow_ilp)
        out.method_note +=
            fmt::format("; the instance ({} coverage pairs) is too large for the exact ILP", problem.covered.size());
    return out;
}

}  // namespace needmap::analysis::siting
