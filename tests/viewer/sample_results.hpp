#pragma once

// The bundled sample town's results GeoPackage, made once per test program by `needmap run`'s
// pipeline, for the viewer's tests.

#include "needmap/analysis/pipeline/run.hpp"
#include "test_support.hpp"

#include <filesystem>

namespace needmap::test {

inline const std::filesystem::path& sample_results() {
    static TempDir tmp;
    static const std::filesystem::path out = [] {
        const auto town = std::filesystem::path(NEEDMAP_SOURCE_DIR) / "datasets" / "sample-town";
        analysis::Feedback quiet;
        analysis::pipeline::run_project(analysis::pipeline::load_project(town / "project.toml"), tmp / "results.gpkg",
                                        quiet);
        return tmp / "results.gpkg";
    }();
    return out;
}

}  // namespace needmap::test
