#include "needmap/analysis/siting/mclp.hpp"

#include <fmt/format.h>

#include <numeric>

namespace needmap::analysis::siting {

SitingResult solve_set_cover(const CoverageProblem& problem, double target, const SitingOptions& options) {
    constexpr double kSlack = 1e-9;  // need is in people, summed in floating point
    SitingOptions o = options;
    const auto with = [&](std::size_t p) {
        o.sites = p;
        return solve(problem, o);
    };
    if (target <= kSlack) {
        SitingResult none;
        none.method = Method::Ilp;
        none.optimal = true;
        none.method_note = "no new site is needed: the places there are reach the share already";
        return none;
    }
    // The most any number of sites can do: every candidate that covers anything.
    std::vector<std::uint32_t> useful;
    for (std::uint32_t j = 0; j < problem.candidate_count(); ++j)
        if (!problem.covers(j).empty()) useful.push_back(j);
    if (coverage(problem, useful) < target - kSlack) {
        SitingResult all;
        all.chosen = useful;
        all.gain = rank_sites(problem, all.chosen);
        all.objective = std::accumulate(all.gain.begin(), all.gain.end(), 0.0);
        all.bound = all.objective;
        all.optimal = true;
        all.method_note = fmt::format("the target ({:.1f}) cannot be reached: all {} candidates that cover anything "
                                      "cover {:.1f}",
                                      target, useful.size(), all.objective);
        return all;
    }
    // Bisection on p: the coverage of the best p sites never falls as p grows.
    std::size_t lo = 1;
    std::size_t hi = useful.size();
    SitingResult found = with(hi);
    bool proven = true;
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        SitingResult r = with(mid);
        if (r.objective >= target - kSlack) {
            hi = mid;
            found = std::move(r);
        } else {
            proven = proven && (r.optimal || r.bound < target - kSlack);  // no set of mid sites can reach it
            lo = mid + 1;
        }
    }
    found.optimal = proven;
    found.method_note = fmt::format("the fewest new sites covering {:.1f} of the unmet need: {}{}; {}", target,
                                    found.chosen.size(), proven ? " (proven)" : " (fewer not ruled out)",
                                    found.method_note);
    return found;
}

}  // namespace needmap::analysis::siting
