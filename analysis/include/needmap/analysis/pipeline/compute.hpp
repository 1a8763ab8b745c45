#pragma once

// The compute stage: access, gaps, the national yardstick, ranked new sites and service areas for
// a scenario against a model. No file is read or written and nothing is printed.

#include "needmap/analysis/pipeline/model.hpp"
#include "needmap/analysis/pipeline/results.hpp"
#include "needmap/analysis/pipeline/scenario.hpp"
#include "needmap/analysis/progress.hpp"

namespace needmap::analysis::pipeline {

struct ComputeOptions {
    bool rank_sites = true;     ///< the siting model for each kind with candidates
    bool service_areas = true;  ///< the walking area of each kind
};

/// The results of `scenario` (the base when it has no modification). Only what a modification
/// touches is recomputed: an added place needs one search towards it from all demand points, a
/// removed one only drops its column; a dropped route or feed, or another walking speed, needs
/// the travel times again.
/// @throws InputError listing every problem of the scenario (check_scenario) before any is
/// applied; Cancelled when feedback's cancel flag is set.
[[nodiscard]] Results compute(const Model& model, const Scenario& scenario, Feedback& feedback,
                              const ComputeOptions& options = {});

}  // namespace needmap::analysis::pipeline
