#pragma once

// Siting models beyond maximal covering, each with the existing places fixed, solved exactly by
// CBC where the instance fits and by greedy with swaps (and the submodular bound) otherwise:
// - p-median: the least need-weighted time to the nearest place (Hakimi 1964; ReVelle and Swain
//   1970), counted from the time to the nearest existing place;
// - capacitated maximal covering: each place serves at most its capacity of the need within its
//   reach (Current and Storbeck 1988), the existing places with theirs;
// - backup coverage: need covered by a second place within reach counts again (Hogan and ReVelle
//   1986), so a salon that closes for a month leaves fewer people with none.

#include "needmap/analysis/siting/mclp.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace needmap::analysis::siting {

/// Candidates with the demand points they reach and the time to each (CSR over candidates).
struct ReachProblem {
    std::vector<double> weight;                 ///< need at each demand point, >= 0
    std::vector<std::uint32_t> reach_begin{0};  ///< CSR over candidates
    std::vector<std::uint32_t> point;           ///< demand point of each pair
    std::vector<double> minutes;                ///< time from the point to the candidate

    [[nodiscard]] std::size_t candidate_count() const { return reach_begin.size() - 1; }
    void add_candidate(std::span<const std::uint32_t> points, std::span<const double> times);
};

/// p-median with the existing places fixed: `base_minutes[i]` is point i's time to the nearest
/// existing place (the run's limit when none is within it). Minimises sum of w_i times the time
/// to the nearest of the existing places and the chosen sites; the result's objective and bound
/// are in need-weighted minutes *saved*, so that larger is better as in the other models.
[[nodiscard]] SitingResult solve_median(const ReachProblem& problem, std::span<const double> base_minutes,
                                        const SitingOptions& options);
/// Need-weighted minutes saved by a set of sites.
[[nodiscard]] double median_saving(const ReachProblem& problem, std::span<const double> base_minutes,
                                   std::span<const std::uint32_t> sites);

/// Capacitated maximal covering: sites [0, existing) are open already, the rest are candidates;
/// site j covers `covers(j)` and serves at most capacity[j] of their need in all. Maximises the
/// need served (a point's need may be split among the places within its reach). The objective and
/// bound count the need served beyond what the existing places serve alone.
struct CapacityProblem {
    CoverageProblem coverage;      ///< over all sites, existing first
    std::vector<double> capacity;  ///< per site, in the unit of the need (people)
    std::size_t existing = 0;
};
[[nodiscard]] SitingResult solve_capacitated(const CapacityProblem& problem, const SitingOptions& options);
/// The need the open sites (indexes into all sites) can serve together: a maximum flow.
[[nodiscard]] double served(const CapacityProblem& problem, std::span<const std::uint32_t> open);

/// Backup coverage: `base_count[i]` places already reach point i within the threshold; the chosen
/// sites add to it. Maximises sum of w_i * min(count_i, 2): need within reach of one place counts
/// once and of two or more twice. The objective and bound count what the chosen sites add.
[[nodiscard]] SitingResult solve_backup(const CoverageProblem& problem, std::span<const std::uint32_t> base_count,
                                        const SitingOptions& options);
[[nodiscard]] double backup_gain(const CoverageProblem& problem, std::span<const std::uint32_t> base_count,
                                 std::span<const std::uint32_t> sites);

}  // namespace needmap::analysis::siting
