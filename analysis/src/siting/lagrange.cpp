// The Lagrangian bound of maximal covering: relax "y_i <= sum of x_j covering i" with
// multipliers lambda_i >= 0. For any lambda the relaxed problem splits and is solved by eye,
//   L(lambda) = sum_i max(0, w_i - lambda_i) + the p largest of c_j = sum_{i covered by j} lambda_i,
// and L(lambda) >= the best coverage of any p sites (weak duality). Subgradient steps lower L;
// the sites of each step are a feasible answer too, kept when they beat the incumbent
// (the Lagrangian heuristic of Galvão and ReVelle 1996).

#include "needmap/analysis/siting/mclp.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>

namespace needmap::analysis::siting {

LagrangeResult lagrangian_bound(const CoverageProblem& problem, std::size_t sites, double incumbent,
                                const LagrangeOptions& options) {
    const std::size_t nc = problem.candidate_count();
    const std::size_t n = problem.weight.size();
    // Only points some candidate covers enter the model (as in the ILP).
    std::vector<std::uint8_t> coverable(n, 0);
    for (const std::uint32_t i : problem.covered) coverable[i] = 1;

    std::vector<double> lambda(n, 0.0);
    for (std::size_t i = 0; i < n; ++i)
        if (coverable[i]) lambda[i] = 0.5 * problem.weight[i];
    std::vector<double> c(nc);
    std::vector<std::uint32_t> order(nc);
    std::vector<std::uint32_t> count(n);
    std::vector<double> gradient(n);

    LagrangeResult out;
    out.bound = std::numeric_limits<double>::infinity();
    out.value = incumbent;
    double step = 2.0;  // Polyak's factor, halved when the bound stalls
    int stalled = 0;
    const auto started = std::chrono::steady_clock::now();
    const std::size_t p = std::min(sites, nc);
    for (out.iterations = 0; out.iterations < options.iterations; ++out.iterations) {
        if (std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() > options.seconds) break;
        // Solve the relaxation: y_i = 1 where w_i > lambda_i; x_j = 1 for the p largest c_j.
        double value = 0;
        for (std::size_t i = 0; i < n; ++i)
            if (coverable[i]) value += std::max(0.0, problem.weight[i] - lambda[i]);
        for (std::size_t j = 0; j < nc; ++j) {
            double s = 0;
            for (const std::uint32_t i : problem.covers(j)) s += lambda[i];
            c[j] = s;
        }
        std::iota(order.begin(), order.end(), 0u);
        std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(p), order.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return c[a] > c[b]; });
        std::fill(count.begin(), count.end(), 0u);
        for (std::size_t k = 0; k < p; ++k) {
            value += c[order[k]];
            for (const std::uint32_t i : problem.covers(order[k])) ++count[i];
        }
        if (value < out.bound - 1e-12 * std::max(1.0, value)) {
            out.bound = value;
            stalled = 0;
        } else if (++stalled >= options.patience) {
            step /= 2;
            stalled = 0;
        }
        // The relaxation's sites, as a feasible answer.
        double covered = 0;
        for (std::size_t i = 0; i < n; ++i)
            if (count[i] > 0) covered += problem.weight[i];
        if (covered > out.value) {
            out.value = covered;
            out.sites.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(p));
        }
        if (out.bound - out.value <= options.gap * out.bound || step < 1e-6) break;
        // Subgradient of L at lambda: (points covered by the chosen sites) - y.
        double norm = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (!coverable[i]) continue;
            const double y = problem.weight[i] > lambda[i] ? 1.0 : 0.0;
            gradient[i] = static_cast<double>(count[i]) - y;
            norm += gradient[i] * gradient[i];
        }
        if (norm == 0) break;  // lambda is optimal for the dual
        const double t = step * (value - out.value) / norm;
        for (std::size_t i = 0; i < n; ++i)
            if (coverable[i]) lambda[i] = std::max(0.0, lambda[i] - t * gradient[i]);
    }
    out.bound = std::max(out.bound, out.value);  // numerical safety: a bound never below a feasible value
    return out;
}

}  // namespace needmap::analysis::siting
