#pragma once

// needmap's main job: from a project file to the answers a planner brings to the council, as
// three stages: load_inputs (model.hpp), compute (compute.hpp), write_results (results_io.hpp).

#include "needmap/analysis/pipeline/compute.hpp"
#include "needmap/analysis/pipeline/model.hpp"
#include "needmap/analysis/pipeline/project.hpp"
#include "needmap/analysis/pipeline/results.hpp"
#include "needmap/analysis/pipeline/results_io.hpp"
#include "needmap/analysis/progress.hpp"

#include <filesystem>

namespace needmap::analysis::pipeline {

/// Loads the project's inputs, computes the base results and writes them to `output` (a
/// GeoPackage, written under a temporary name and renamed into place at the end).
/// @throws InputError for bad input, naming the file, row and problem; Cancelled.
Results run_project(const Project& project, const std::filesystem::path& output, Feedback& feedback);

}  // namespace needmap::analysis::pipeline
