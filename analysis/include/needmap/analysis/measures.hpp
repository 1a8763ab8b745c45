#pragma once

// Measures of access beyond "within the threshold or not": decay functions of travel time (as in
// r5r's accessibility() and the accessibility package), the enhanced two-step floating catchment
// area (E2SFCA, Luo and Qi 2009), and inequality indices of travel time weighted by people: the
// Gini coefficient, the Palma ratio and the Foster-Greer-Thorbecke family on the time beyond the
// threshold. Plain functions of numbers; the pipeline feeds them.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace needmap::analysis::measures {

enum class DecayKind { Step, Linear, Exponential, Logistic, Gaussian };

/// The weight of an opportunity `minutes` away, 1 at 0 minutes and falling with time; 0 beyond
/// `cutoff_min` for every kind (a catchment, as 2SFCA needs).
/// - step: 1 up to the cutoff;
/// - linear: 1 - t / cutoff;
/// - exponential: exp(-parameter * t), parameter per minute (r5r's negative exponential);
/// - logistic: 1 / (1 + exp(pi (t - median) / (sqrt(3) sd))), median = cutoff / 2 unless given by
///   `median_min`, sd = parameter minutes (r5r's logistic);
/// - Gaussian: exp(-t^2 / (2 parameter^2)), parameter the standard deviation in minutes.
struct Decay {
    DecayKind kind = DecayKind::Step;
    double cutoff_min = 30;
    double parameter = 0;   ///< see above; unused for step and linear
    double median_min = 0;  ///< logistic only; 0: cutoff / 2
    [[nodiscard]] double weight(double minutes) const;
    /// "Gaussian, sd 10 min, cut off at 30 min": for run summaries.
    [[nodiscard]] std::string describe() const;
};

/// "step", "linear", "exponential", "logistic" or "gaussian". @throws geo::InputError otherwise.
[[nodiscard]] DecayKind parse_decay(std::string_view name);

/// One origin-destination pair of a catchment: demand point, supply site, minutes between them.
struct Reach {
    std::size_t point = 0;
    std::size_t site = 0;
    double minutes = 0;
};

/// Enhanced 2SFCA: each site's ratio R_j = S_j / sum_k P_k f(t_kj), then each point's access
/// A_i = sum_j R_j f(t_ij), with f the decay. `supply` per site, `people` per point; pairs beyond
/// the cutoff (f = 0) add nothing. With a step decay this is the plain 2SFCA.
[[nodiscard]] std::vector<double> e2sfca(std::span<const Reach> pairs, std::span<const double> supply,
                                         std::span<const double> people, const Decay& decay);

/// Gravity access: A_i = sum_j S_j f(t_ij) (cumulative opportunities with a step decay).
[[nodiscard]] std::vector<double> gravity(std::span<const Reach> pairs, std::span<const double> supply,
                                          std::size_t point_count, const Decay& decay);

/// The Gini coefficient of `values` weighted by `weights` (people): sum_ij w_i w_j |x_i - x_j| /
/// (2 W^2 mean); 0 when all are equal, towards 1 when one person bears all. NaN when the weights
/// or the mean are 0.
[[nodiscard]] double gini(std::span<const double> values, std::span<const double> weights);

/// The Palma ratio of travel times: the share of all time borne by the 10% of people who travel
/// longest over the share borne by the 40% who travel least (people split at the boundaries).
/// NaN when the 40% bear no time at all.
[[nodiscard]] double palma(std::span<const double> values, std::span<const double> weights);

/// Foster-Greer-Thorbecke on the time beyond the threshold z: sum_i w_i ((x_i - z) / z)^alpha over
/// the people with x_i > z, over all people. alpha 0: the share beyond the threshold; 1: the mean
/// relative excess; 2: its severity, weighing the farthest most.
[[nodiscard]] double fgt(std::span<const double> values, std::span<const double> weights, double z, double alpha);

}  // namespace needmap::analysis::measures
