#include "needmap/analysis/measures.hpp"

#include "needmap/geo/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>

namespace needmap::analysis::measures {

double Decay::weight(double minutes) const {
    if (!(minutes <= cutoff_min)) return 0;  // NaN and beyond the cutoff
    switch (kind) {
    case DecayKind::Step:
        return 1;
    case DecayKind::Linear:
        return cutoff_min > 0 ? 1 - minutes / cutoff_min : 1;
    case DecayKind::Exponential:
        return std::exp(-parameter * minutes);
    case DecayKind::Logistic: {
        const double median = median_min > 0 ? median_min : cutoff_min / 2;
        return 1 / (1 + std::exp(std::numbers::pi * (minutes - median) / (std::sqrt(3.0) * parameter)));
    }
    case DecayKind::Gaussian:
        return std::exp(-minutes * minutes / (2 * parameter * parameter));
    }
    return 0;
}

std::string Decay::describe() const {
    switch (kind) {
    case DecayKind::Step:
        return fmt::format("step at {} min", cutoff_min);
    case DecayKind::Linear:
        return fmt::format("linear to 0 at {} min", cutoff_min);
    case DecayKind::Exponential:
        return fmt::format("exponential, {} per min, cut off at {} min", parameter, cutoff_min);
    case DecayKind::Logistic:
        return fmt::format("logistic, median {} min, sd {} min, cut off at {} min",
                           median_min > 0 ? median_min : cutoff_min / 2, parameter, cutoff_min);
    case DecayKind::Gaussian:
        return fmt::format("Gaussian, sd {} min, cut off at {} min", parameter, cutoff_min);
    }
    return {};
}

DecayKind parse_decay(std::string_view name) {
    if (name == "step") return DecayKind::Step;
    if (name == "linear") return DecayKind::Linear;
    if (name == "exponential") return DecayKind::Exponential;
    if (name == "logistic") return DecayKind::Logistic;
    if (name == "gaussian") return DecayKind::Gaussian;
    throw geo::InputError(fmt::format("decay \"{}\": give step, linear, exponential, logistic or gaussian", name));
}

std::vector<double> e2sfca(std::span<const Reach> pairs, std::span<const double> supply,
                           std::span<const double> people, const Decay& decay) {
    std::vector<double> demand(supply.size(), 0);  // step 1: weighted people each site reaches
    for (const Reach& r : pairs) demand[r.site] += people[r.point] * decay.weight(r.minutes);
    std::vector<double> access(people.size(), 0);  // step 2: the ratios each point reaches
    for (const Reach& r : pairs)
        if (demand[r.site] > 0) access[r.point] += supply[r.site] / demand[r.site] * decay.weight(r.minutes);
    return access;
}

std::vector<double> gravity(std::span<const Reach> pairs, std::span<const double> supply, std::size_t point_count,
                            const Decay& decay) {
    std::vector<double> access(point_count, 0);
    for (const Reach& r : pairs) access[r.point] += supply[r.site] * decay.weight(r.minutes);
    return access;
}

namespace {

/// (value, weight) of the people with weight, sorted by value, with their totals.
struct Sorted {
    std::vector<std::pair<double, double>> pairs;
    double weight = 0;
    double value = 0;  ///< sum of weight x value
};

Sorted sorted_pairs(std::span<const double> values, std::span<const double> weights) {
    Sorted out;
    for (std::size_t i = 0; i < values.size(); ++i)
        if (weights[i] > 0) {
            out.pairs.emplace_back(values[i], weights[i]);
            out.weight += weights[i];
            out.value += weights[i] * values[i];
        }
    std::sort(out.pairs.begin(), out.pairs.end());
    return out;
}

}  // namespace

double gini(std::span<const double> values, std::span<const double> weights) {
    const Sorted v = sorted_pairs(values, weights);
    const double total_weight = v.weight;
    if (v.weight <= 0 || v.value <= 0) return std::numeric_limits<double>::quiet_NaN();
    // Sorted ascending, sum_ij w_i w_j |x_i - x_j| = 2 sum_i w_i x_i (2 C_i + w_i - W), C_i the
    // weight before i (ties add nothing either way).
    double before = 0;
    double sum = 0;
    for (const auto& [x, w] : v.pairs) {
        sum += w * x * (2 * before + w - total_weight);
        before += w;
    }
    const double mean = v.value / total_weight;
    return sum / (total_weight * total_weight * mean);
}

double palma(std::span<const double> values, std::span<const double> weights) {
    const Sorted v = sorted_pairs(values, weights);
    if (v.weight <= 0 || v.value <= 0) return std::numeric_limits<double>::quiet_NaN();
    // The value held by the first `share` of the people, a person split at the boundary.
    const auto held_by_first = [&](double share) {
        double left = share * v.weight;
        double held = 0;
        for (const auto& [x, w] : v.pairs) {
            const double take = std::min(w, left);
            held += take * x;
            left -= take;
            if (left <= 0) break;
        }
        return held;
    };
    const double bottom = held_by_first(0.4);
    const double top = v.value - held_by_first(0.9);
    if (bottom <= 0) return std::numeric_limits<double>::quiet_NaN();
    return top / bottom;
}

double fgt(std::span<const double> values, std::span<const double> weights, double z, double alpha) {
    double total_weight = 0;
    double sum = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (!(weights[i] > 0)) continue;
        total_weight += weights[i];
        if (values[i] > z) sum += weights[i] * (alpha == 0 ? 1.0 : std::pow((values[i] - z) / z, alpha));
    }
    return total_weight > 0 ? sum / total_weight : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace needmap::analysis::measures
