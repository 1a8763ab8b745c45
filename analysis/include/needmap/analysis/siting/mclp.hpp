#pragma once

// Where to open new salons or mini-markets: the maximal covering location problem (Church and
// ReVelle 1974) with the existing resources fixed. Choose at most p candidate sites so as to
// cover as much still-uncovered need as possible within the time threshold.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace needmap::analysis::siting {

/// The instance. Demand points already covered by an existing resource are left out by the
/// caller (or given weight 0). Candidate j covers the demand points
/// covered[cover_begin[j] .. cover_begin[j+1]-1], those within the threshold of it.
struct CoverageProblem {
    std::vector<double> weight;                 ///< need at each demand point (people), >= 0
    std::vector<std::uint32_t> cover_begin{0};  ///< CSR over candidates
    std::vector<std::uint32_t> covered;         ///< demand point indices

    [[nodiscard]] std::size_t candidate_count() const { return cover_begin.size() - 1; }
    [[nodiscard]] std::span<const std::uint32_t> covers(std::size_t candidate) const {
        return {covered.data() + cover_begin[candidate], covered.data() + cover_begin[candidate + 1]};
    }
    /// Appends a candidate covering these demand points.
    void add_candidate(std::span<const std::uint32_t> points);
};

enum class Method { Ilp, Greedy };

struct SitingOptions {
    std::size_t sites = 5;  ///< p: how many new sites at most
    /// Solve exactly (ILP with CBC) when the instance has at most this many coverage pairs;
    /// larger instances use greedy with swaps.
    std::size_t ilp_max_pairs = 2'000'000;
    double ilp_seconds = 60;  ///< time limit of the ILP; on expiry its best solution and bound are kept
    bool allow_ilp = true;
};

struct SitingResult {
    Method method = Method::Greedy;
    std::string method_note;            ///< how the answer was found, for the report
    std::vector<std::uint32_t> chosen;  ///< candidates in rank order (largest marginal gain first)
    std::vector<double> gain;           ///< need newly covered by each, in rank order
    double objective = 0;               ///< need covered by all the chosen sites together
    double bound = 0;                   ///< no choice of sites can cover more than this
    bool optimal = false;               ///< objective == bound, proven
    [[nodiscard]] double gap() const { return bound > 0 ? (bound - objective) / bound : 0.0; }
};

/// Need covered by a set of candidates.
[[nodiscard]] double coverage(const CoverageProblem& problem, std::span<const std::uint32_t> sites);

/// Orders a set of sites by marginal gain: first the one covering most, then the one adding most
/// to it, and so on. Returns the gains in that order.
[[nodiscard]] std::vector<double> rank_sites(const CoverageProblem& problem, std::vector<std::uint32_t>& sites);

/// Greedy with lazy evaluation of marginal gains, then pairwise swaps until none improves. The
/// bound is f(S) + the p largest marginal gains against S, valid because coverage is monotone
/// and submodular.
[[nodiscard]] SitingResult solve_greedy(const CoverageProblem& problem, std::size_t sites);

/// The exact ILP (x_j binary, y_i in [0,1], y_i <= sum of x_j covering i, sum x_j <= p) solved by
/// CBC; never worse than greedy, whose answer is kept when CBC times out with a poorer one.
[[nodiscard]] SitingResult solve_ilp(const CoverageProblem& problem, std::size_t sites, double seconds);

struct LagrangeOptions {
    std::size_t iterations = 3000;
    double seconds = 20;  ///< stop the subgradient steps after this long
    int patience = 30;    ///< steps without a lower bound before the step size halves
    double gap = 0.001;   ///< stop once the incumbent is this close to the bound
};

struct LagrangeResult {
    double bound = 0;                   ///< no p sites cover more than this (proven by weak duality)
    double value = 0;                   ///< the best coverage found, at least the incumbent given
    std::vector<std::uint32_t> sites;   ///< its sites when a step beat the incumbent, else empty
    std::size_t iterations = 0;
};

/// The Lagrangian relaxation of the coverage constraints, lowered by subgradient steps: a
/// bound far tighter than the submodular one on large instances, with the relaxation's sites
/// tried as answers on the way. `incumbent` is the coverage already found (e.g. by greedy).
[[nodiscard]] LagrangeResult lagrangian_bound(const CoverageProblem& problem, std::size_t sites, double incumbent,
                                              const LagrangeOptions& options = {});

/// The ILP when the instance allows, greedy otherwise; never worse than greedy.
[[nodiscard]] SitingResult solve(const CoverageProblem& problem, const SitingOptions& options);

/// Set covering as a goal (the location set covering problem, Toregas et al. 1971, with the
/// existing places fixed and a share to reach): the fewest candidates whose coverage reaches
/// `target` need. Found as the smallest p whose maximal covering (solve() above) reaches it, by
/// bisection on p: the count is proven minimal when every smaller p tried was solved exactly (or
/// its bound falls short), which `optimal` says. When all candidates together fall short, every
/// candidate that covers anything is chosen and the note says the target cannot be reached.
[[nodiscard]] SitingResult solve_set_cover(const CoverageProblem& problem, double target, const SitingOptions& options);

}  // namespace needmap::analysis::siting
