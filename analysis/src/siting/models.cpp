#include "needmap/analysis/siting/models.hpp"

#include <CoinMessageHandler.hpp>
#include <CoinPackedMatrix.hpp>
#include <fmt/format.h>

#include <CbcModel.hpp>
#include <OsiClpSolverInterface.hpp>
#include <algorithm>
#include <functional>
#include <limits>
#include <numeric>

namespace needmap::analysis::siting {

void ReachProblem::add_candidate(std::span<const std::uint32_t> points, std::span<const double> times) {
    point.insert(point.end(), points.begin(), points.end());
    minutes.insert(minutes.end(), times.begin(), times.end());
    reach_begin.push_back(static_cast<std::uint32_t>(point.size()));
}

namespace {

constexpr double kInf = std::numeric_limits<double>::max();

/// A mixed-integer program built row by row and column by column, maximised by CBC.
class Program {
public:
    int column(double objective, double upper, bool integer) {
        m_objective.push_back(objective);
        m_upper.push_back(upper);
        m_integer.push_back(integer);
        return static_cast<int>(m_objective.size()) - 1;
    }
    /// sum of coefficient x column <= upper.
    void row(const std::vector<std::pair<int, double>>& terms, double upper) {
        const int r = static_cast<int>(m_row_upper.size());
        for (const auto& [c, v] : terms) {
            m_rows.push_back(r);
            m_cols.push_back(c);
            m_values.push_back(v);
        }
        m_row_upper.push_back(upper);
    }
    [[nodiscard]] std::size_t columns() const { return m_objective.size(); }
    struct Solution {
        std::vector<double> x;
        double objective = 0;
        double bound = 0;
        bool optimal = false;
    };
    /// Solves the program (only its LP relaxation when `relax`), within `seconds`.
    Solution solve(double seconds, bool relax = false) const {
        const int nc = static_cast<int>(m_objective.size());
        const CoinPackedMatrix matrix(true, m_rows.data(), m_cols.data(), m_values.data(),
                                      static_cast<CoinBigIndex>(m_values.size()));
        CoinPackedMatrix full(matrix);
        full.setDimensions(static_cast<int>(m_row_upper.size()), nc);
        const std::vector<double> lower(static_cast<std::size_t>(nc), 0.0);
        const std::vector<double> row_lower(m_row_upper.size(), -kInf);
        OsiClpSolverInterface solver;
        solver.messageHandler()->setLogLevel(0);
        solver.loadProblem(full, lower.data(), m_upper.data(), m_objective.data(), row_lower.data(), m_row_upper.data());
        solver.setObjSense(-1);
        Solution out;
        if (relax) {
            solver.initialSolve();
            out.optimal = solver.isProvenOptimal();
            out.objective = out.bound = solver.getObjValue();
            out.x.assign(solver.getColSolution(), solver.getColSolution() + nc);
            return out;
        }
        for (int j = 0; j < nc; ++j)
            if (m_integer[static_cast<std::size_t>(j)]) solver.setInteger(j);
        CbcModel model(solver);
        model.setLogLevel(0);
        model.messageHandler()->setLogLevel(0);
        model.setMaximumSeconds(seconds);
        model.setAllowableGap(1e-7);
        model.branchAndBound();
        out.optimal = model.isProvenOptimal();
        out.bound = model.getBestPossibleObjValue();
        if (const double* x = model.bestSolution(); x != nullptr) {
            out.x.assign(x, x + nc);
            out.objective = model.getObjValue();
        }
        return out;
    }

private:
    std::vector<double> m_objective, m_upper, m_row_upper, m_values;
    std::vector<bool> m_integer;
    std::vector<int> m_rows, m_cols;
};

/// Greedy on a monotone submodular gain, by marginal gains recomputed each round; its bound is
/// f(S) + the p largest marginal gains against S.
SitingResult greedy(std::size_t candidates, std::size_t sites,
                    const std::function<double(std::span<const std::uint32_t>)>& value) {
    SitingResult out;
    out.method = Method::Greedy;
    double current = 0;
    std::vector<std::uint32_t> trial;
    const auto gains = [&] {
        std::vector<double> g(candidates, 0.0);
        for (std::uint32_t j = 0; j < candidates; ++j) {
            if (std::find(out.chosen.begin(), out.chosen.end(), j) != out.chosen.end()) continue;
            trial = out.chosen;
            trial.push_back(j);
            g[j] = value(trial) - current;
        }
        return g;
    };
    while (out.chosen.size() < sites) {
        const std::vector<double> g = gains();
        const auto best = std::max_element(g.begin(), g.end());
        if (best == g.end() || *best <= 1e-12) break;
        out.chosen.push_back(static_cast<std::uint32_t>(best - g.begin()));
        out.gain.push_back(*best);
        current += *best;
    }
    out.objective = current;
    std::vector<double> g = gains();
    const std::size_t p = std::min(sites, g.size());
    std::partial_sort(g.begin(), g.begin() + static_cast<std::ptrdiff_t>(p), g.end(), std::greater<>());
    out.bound = current + std::accumulate(g.begin(), g.begin() + static_cast<std::ptrdiff_t>(p), 0.0);
    out.optimal = out.bound - out.objective <= 1e-9 * std::max(1.0, out.bound);
    return out;
}

/// Orders sites by their marginal gain under `value`, as rank_sites does for coverage.
std::vector<double> rank_by(std::vector<std::uint32_t>& sites,
                            const std::function<double(std::span<const std::uint32_t>)>& value) {
    std::vector<double> gains;
    std::vector<std::uint32_t> taken;
    double current = 0;
    for (std::size_t r = 0; r < sites.size(); ++r) {
        std::size_t best = r;
        double best_value = -kInf;
        for (std::size_t k = r; k < sites.size(); ++k) {
            taken.push_back(sites[k]);
            const double v = value(taken);
            taken.pop_back();
            if (v > best_value + 1e-12) {
                best_value = v;
                best = k;
            }
        }
        std::swap(sites[r], sites[best]);
        taken.push_back(sites[r]);
        gains.push_back(best_value - current);
        current = best_value;
    }
    return gains;
}

/// The ILP's answer when it beats greedy's (or greedy's with the ILP's bound), noted.
SitingResult settle(SitingResult greedy_result, const Program::Solution& ilp, std::size_t candidates, double offset,
                    const std::function<double(std::span<const std::uint32_t>)>& value, double seconds,
                    std::string_view model) {
    SitingResult out;
    out.method = Method::Ilp;
    for (std::uint32_t j = 0; j < candidates && j < ilp.x.size(); ++j)
        if (ilp.x[j] > 0.5) out.chosen.push_back(j);
    out.gain = rank_by(out.chosen, value);
    out.objective = std::accumulate(out.gain.begin(), out.gain.end(), 0.0);
    out.bound = std::min(ilp.bound - offset, greedy_result.bound);
    out.optimal = ilp.optimal;
    if (out.optimal) out.bound = out.objective;
    if (out.objective < greedy_result.objective) {
        const double bound = out.bound;
        out = std::move(greedy_result);
        out.method = Method::Ilp;
        out.bound = std::min(bound, out.bound);
    }
    out.bound = std::max(out.bound, out.objective);
    out.method_note = out.optimal ? fmt::format("{}: exact, ILP solved to optimality by CBC", model)
                                  : fmt::format("{}: ILP (CBC) stopped after {:.0f} s; within {:.1f}% of the bound", model,
                                                seconds, 100.0 * out.gap());
    return out;
}

bool use_ilp(const SitingOptions& options, std::size_t pairs) {
    return options.allow_ilp && pairs <= options.ilp_max_pairs;
}

/// True when greedy's answer is the one to give (proven optimal, or the ILP is not to be tried),
/// its note then written.
bool greedy_is_final(SitingResult& start, std::string_view model, const SitingOptions& options, std::size_t pairs) {
    if (!start.optimal && use_ilp(options, pairs)) return false;
    start.method_note =
        start.optimal ? fmt::format("{}: greedy meets the submodular bound, so it is optimal", model)
                      : fmt::format("{}: greedy; within {:.1f}% of the submodular bound{}", model, 100.0 * start.gap(),
                                    options.allow_ilp ? fmt::format(" ({} pairs: too large for the exact ILP)", pairs) : "");
    return true;
}

}  // namespace

double median_saving(const ReachProblem& problem, std::span<const double> base_minutes,
                     std::span<const std::uint32_t> sites) {
    std::vector<double> best(base_minutes.begin(), base_minutes.end());
    for (const std::uint32_t j : sites)
        for (std::uint32_t k = problem.reach_begin[j]; k < problem.reach_begin[j + 1]; ++k)
            best[problem.point[k]] = std::min(best[problem.point[k]], problem.minutes[k]);
    double saved = 0;
    for (std::size_t i = 0; i < best.size(); ++i) saved += problem.weight[i] * (base_minutes[i] - best[i]);
    return saved;
}

SitingResult solve_median(const ReachProblem& problem, std::span<const double> base_minutes,
                          const SitingOptions& options) {
    const std::size_t nc = problem.candidate_count();
    const auto value = [&](std::span<const std::uint32_t> s) { return median_saving(problem, base_minutes, s); };
    SitingResult start = greedy(nc, options.sites, value);
    if (greedy_is_final(start, "p-median", options, problem.point.size())) return start;
    // x_j; z_ij for pairs that save time; sum_j z_ij <= 1; z_ij <= x_j; sum x_j <= p.
    Program ilp;
    for (std::size_t j = 0; j < nc; ++j) (void)ilp.column(0, 1, true);
    std::vector<std::vector<std::pair<int, double>>> assigned(problem.weight.size());
    std::vector<std::pair<int, double>> budget;
    for (std::uint32_t j = 0; j < nc; ++j) {
        budget.emplace_back(static_cast<int>(j), 1.0);
        for (std::uint32_t k = problem.reach_begin[j]; k < problem.reach_begin[j + 1]; ++k) {
            const std::uint32_t i = problem.point[k];
            const double saving = problem.weight[i] * (base_minutes[i] - problem.minutes[k]);
            if (saving <= 0) continue;
            const int z = ilp.column(saving, 1, false);
            assigned[i].emplace_back(z, 1.0);
            ilp.row({{z, 1.0}, {static_cast<int>(j), -1.0}}, 0);
        }
    }
    for (const auto& terms : assigned)
        if (!terms.empty()) ilp.row(terms, 1);
    ilp.row(budget, static_cast<double>(options.sites));
    return settle(std::move(start), ilp.solve(options.ilp_seconds), nc, 0, value, options.ilp_seconds, "p-median");
}

double served(const CapacityProblem& problem, std::span<const std::uint32_t> open) {
    Program lp;
    const CoverageProblem& c = problem.coverage;
    std::vector<std::vector<std::pair<int, double>>> of_point(c.weight.size());
    for (const std::uint32_t j : open) {
        std::vector<std::pair<int, double>> of_site;
        for (const std::uint32_t i : c.covers(j)) {
            if (c.weight[i] <= 0) continue;
            const int z = lp.column(1, kInf, false);
            of_site.emplace_back(z, 1.0);
            of_point[i].emplace_back(z, 1.0);
        }
        if (!of_site.empty()) lp.row(of_site, problem.capacity[j]);
    }
    for (std::size_t i = 0; i < of_point.size(); ++i)
        if (!of_point[i].empty()) lp.row(of_point[i], c.weight[i]);
    if (lp.columns() == 0) return 0;
    const Program::Solution s = lp.solve(0, true);
    return s.x.empty() ? 0 : s.objective;
}

SitingResult solve_capacitated(const CapacityProblem& problem, const SitingOptions& options) {
    const CoverageProblem& c = problem.coverage;
    const std::size_t nc = c.candidate_count() - problem.existing;
    std::vector<std::uint32_t> existing(problem.existing);
    std::iota(existing.begin(), existing.end(), 0u);
    const double base = served(problem, existing);
    const auto value = [&](std::span<const std::uint32_t> s) {
        std::vector<std::uint32_t> open = existing;
        for (const std::uint32_t j : s) open.push_back(static_cast<std::uint32_t>(problem.existing + j));
        return served(problem, open) - base;
    };
    // x_j for candidates; z_ij >= 0 for every pair; sum_j z_ij <= w_i; sum_i z_ij <= capacity_j
    // (times x_j for candidates); z_ij <= w_i x_j, which tightens the relaxation; sum x_j <= p.
    Program ilp;
    for (std::size_t j = 0; j < nc; ++j) (void)ilp.column(0, 1, true);
    std::vector<std::vector<std::pair<int, double>>> of_point(c.weight.size());
    std::vector<std::pair<int, double>> budget;
    for (std::uint32_t s = 0; s < c.candidate_count(); ++s) {
        const bool candidate = s >= problem.existing;
        const int x = candidate ? static_cast<int>(s - problem.existing) : -1;
        std::vector<std::pair<int, double>> of_site;
        for (const std::uint32_t i : c.covers(s)) {
            if (c.weight[i] <= 0) continue;
            const int z = ilp.column(1, c.weight[i], false);
            of_site.emplace_back(z, 1.0);
            of_point[i].emplace_back(z, 1.0);
            if (candidate) ilp.row({{z, 1.0}, {x, -c.weight[i]}}, 0);
        }
        if (candidate) {
            of_site.emplace_back(x, -problem.capacity[s]);
            ilp.row(of_site, 0);
            budget.emplace_back(x, 1.0);
        } else if (!of_site.empty()) {
            ilp.row(of_site, problem.capacity[s]);
        }
    }
    for (std::size_t i = 0; i < of_point.size(); ++i)
        if (!of_point[i].empty()) ilp.row(of_point[i], c.weight[i]);
    ilp.row(budget, static_cast<double>(options.sites));
    const Program::Solution solution = ilp.solve(options.ilp_seconds);
    // The start to beat: the maximal covering sites among the candidates, served as they can.
    CoverageProblem candidates;
    candidates.weight = c.weight;
    for (std::size_t j = problem.existing; j < c.candidate_count(); ++j) candidates.add_candidate(c.covers(j));
    SitingResult start = solve_greedy(candidates, options.sites);
    start.gain = rank_by(start.chosen, value);
    start.objective = std::accumulate(start.gain.begin(), start.gain.end(), 0.0);
    start.bound = kInf;
    start.optimal = false;
    return settle(std::move(start), solution, nc, base, value, options.ilp_seconds, "capacitated covering");
}

double backup_gain(const CoverageProblem& problem, std::span<const std::uint32_t> base_count,
                   std::span<const std::uint32_t> sites) {
    std::vector<std::uint32_t> count(base_count.begin(), base_count.end());
    double gain = 0;
    for (const std::uint32_t j : sites)
        for (const std::uint32_t i : problem.covers(j))
            if (count[i]++ < 2) gain += problem.weight[i];
    return gain;
}

SitingResult solve_backup(const CoverageProblem& problem, std::span<const std::uint32_t> base_count,
                          const SitingOptions& options) {
    const std::size_t nc = problem.candidate_count();
    const auto value = [&](std::span<const std::uint32_t> s) { return backup_gain(problem, base_count, s); };
    SitingResult start = greedy(nc, options.sites, value);
    if (greedy_is_final(start, "backup coverage", options, problem.covered.size())) return start;
    // x_j; u_i in [0, 2 - base_i] for points short of two places; u_i <= sum of x_j covering i.
    Program ilp;
    for (std::size_t j = 0; j < nc; ++j) (void)ilp.column(0, 1, true);
    std::vector<std::vector<std::pair<int, double>>> cover(problem.weight.size());
    std::vector<std::pair<int, double>> budget;
    for (std::uint32_t j = 0; j < nc; ++j) {
        budget.emplace_back(static_cast<int>(j), 1.0);
        for (const std::uint32_t i : problem.covers(j)) cover[i].emplace_back(static_cast<int>(j), -1.0);
    }
    for (std::size_t i = 0; i < cover.size(); ++i) {
        if (cover[i].empty() || base_count[i] >= 2 || problem.weight[i] <= 0) continue;
        const int u = ilp.column(problem.weight[i], 2.0 - base_count[i], false);
        cover[i].emplace_back(u, 1.0);
        ilp.row(cover[i], 0);
    }
    ilp.row(budget, static_cast<double>(options.sites));
    return settle(std::move(start), ilp.solve(options.ilp_seconds), nc, 0, value, options.ilp_seconds,
                  "backup coverage");
}

}  // namespace needmap::analysis::siting
