#pragma once

// A results GeoPackage: written from Results and read back into them, by one schema
// (results_schema.hpp).

#include "needmap/analysis/pipeline/results.hpp"
#include "needmap/analysis/pipeline/results_schema.hpp"

#include <filesystem>
#include <optional>
#include <span>

namespace needmap::analysis::pipeline {

/// Writes every result layer, the run summary and the QGIS styles to a GeoPackage, under a
/// temporary name renamed into place at the end. With `changes` (a scenario against its base),
/// also the scenario_changes layer.
/// @throws InputError when the file cannot be written.
void write_results(const Results& results, const std::filesystem::path& path,
                   std::span<const Change> changes = {});

/// The names the run's fields are made of (bands, needs and kinds in order) and its threshold.
[[nodiscard]] schema::RunNames run_names(const Results& results);

/// The same read from a results file's run_summary; nothing when the file has none, or is of
/// another schema version. @throws InputError when the file cannot be read.
[[nodiscard]] std::optional<schema::RunNames> read_run_names(const std::filesystem::path& path);

/// Reads a results GeoPackage written by write_results.
/// @throws InputError when the file is not a needmap results GeoPackage, or is of another schema
/// version (saying which it is and which this needmap reads), or a layer or field is missing.
[[nodiscard]] Results read_results(const std::filesystem::path& path);

}  // namespace needmap::analysis::pipeline
