#include "needmap/analysis/siting/mclp.hpp"

#include <CoinMessageHandler.hpp>
#include <fmt/format.h>

#include <CbcModel.hpp>
#include <OsiClpSolverInterface.hpp>
#include <limits>
#include <memory>

namespace needmap::analysis::siting {

SitingResult solve_ilp(const CoverageProblem& problem, std::size_t sites, double seconds) {
    const SitingResult greedy = solve_greedy(problem, sites);
    if (greedy.optimal) {  // nothing for the ILP to improve on
        SitingResult out = greedy;
        out.method = Method::Ilp;
        out.method_note = "exact: greedy's solution meets the upper bound, so it is optimal (ILP not needed)";
        return out;
    }

    // Columns: x_j for candidates (binary), then y_i for demand points that some candidate covers.
    const std::size_t nc = problem.candidate_count();
    std::vector<int> y_col(problem.weight.size(), -1);
    std::vector<std::uint32_t> points;
    for (const std::uint32_t i : problem.covered)
        if (y_col[i] < 0 && problem.weight[i] > 0) {
            y_col[i] = static_cast<int>(nc + points.size());
            points.push_back(i);
        }
    const int ncols = static_cast<int>(nc + points.size());
    // Rows: one per covered point (y_i - sum x_j <= 0), then the budget (sum x_j <= p).
    const int budget_row = static_cast<int>(points.size());
    std::vector<int> row_of(problem.weight.size(), -1);
    for (std::size_t r = 0; r < points.size(); ++r) row_of[points[r]] = static_cast<int>(r);

    std::vector<CoinBigIndex> start{0};  // the matrix by column
    std::vector<int> index;
    std::vector<double> value;
    std::vector<double> lower(static_cast<std::size_t>(ncols), 0.0);
    std::vector<double> upper(static_cast<std::size_t>(ncols), 1.0);
    std::vector<double> objective(static_cast<std::size_t>(ncols), 0.0);
    for (std::size_t j = 0; j < nc; ++j) {
        for (const std::uint32_t i : problem.covers(j))
            if (row_of[i] >= 0) {
                index.push_back(row_of[i]);
                value.push_back(-1.0);
            }
        index.push_back(budget_row);
        value.push_back(1.0);
        start.push_back(static_cast<CoinBigIndex>(index.size()));
    }
    for (std::size_t r = 0; r < points.size(); ++r) {
        index.push_back(static_cast<int>(r));
        value.push_back(1.0);
        start.push_back(static_cast<CoinBigIndex>(index.size()));
        objective[nc + r] = problem.weight[points[r]];
    }
    std::vector<double> row_lower(points.size() + 1, -std::numeric_limits<double>::max());
    std::vector<double> row_upper(points.size() + 1, 0.0);
    row_upper[static_cast<std::size_t>(budget_row)] = static_cast<double>(sites);

    OsiClpSolverInterface solver;
    solver.messageHandler()->setLogLevel(0);
    solver.loadProblem(ncols, budget_row + 1, start.data(), index.data(), value.data(), lower.data(), upper.data(),
                       objective.data(), row_lower.data(), row_upper.data());
    solver.setObjSense(-1);  // maximise
    for (std::size_t j = 0; j < nc; ++j) solver.setInteger(static_cast<int>(j));
    CbcModel model(solver);
    model.setLogLevel(0);
    model.messageHandler()->setLogLevel(0);
    model.setMaximumSeconds(seconds);
    model.setAllowableGap(1e-7);
    {  // start from the greedy answer: CBC then only has to prove it or beat it
        std::vector<double> start_point(static_cast<std::size_t>(ncols), 0.0);
        std::vector<bool> covered(problem.weight.size(), false);
        for (const std::uint32_t j : greedy.chosen) {
            start_point[j] = 1.0;
            for (const std::uint32_t i : problem.covers(j)) covered[i] = true;
        }
        for (std::size_t r = 0; r < points.size(); ++r) start_point[nc + r] = covered[points[r]] ? 1.0 : 0.0;
        model.setBestSolution(start_point.data(), ncols, std::numeric_limits<double>::max(), true);
    }
    model.branchAndBound();

    SitingResult out;
    out.method = Method::Ilp;
    const double* x = model.bestSolution();
    if (x != nullptr)
        for (std::uint32_t j = 0; j < nc; ++j)
            if (x[j] > 0.5) out.chosen.push_back(j);
    out.gain = rank_sites(problem, out.chosen);
    out.objective = 0;
    for (const double g : out.gain) out.objective += g;
    out.bound = std::min(model.getBestPossibleObjValue(), greedy.bound);  // in the maximising sense
    out.optimal = model.isProvenOptimal();
    if (out.optimal) out.bound = out.objective;
    if (out.objective < greedy.objective) {  // a time-out with a poor incumbent: keep greedy's sites
        const double bound = out.bound;
        out = greedy;
        out.method = Method::Ilp;
        out.bound = std::min(bound, greedy.bound);
    }
    out.method_note = out.optimal ? std::string("exact: ILP solved to optimality by CBC")
                                  : fmt::format(
                                        "ILP (CBC) stopped after {:.0f} s; best solution within {:.1f}% of the "
                                        "bound",
                                        seconds, 100.0 * out.gap());
    return out;
}

}  // namespace needmap::analysis::siting
