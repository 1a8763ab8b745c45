#pragma once

// A needmap project over the r5r Porto Alegre data, for the pipeline's real-data test and its
// benchmark: the hexgrid's cells with people are the demand and the candidate sites, its cells
// with health care the resources (capacity: their count), districts in a grid over the data (four
// quadrants by default).

#include <filesystem>

namespace needmap::test {

/// Writes cells.csv, care.csv, districts.geojson and project.toml into `dir`, reading the data
/// from `poa` (../shared/data/r5r-poa); buses over `window_minutes` from 2019-05-13 14:00;
/// `districts_per_side` x `districts_per_side` rectangular districts. Returns the project file.
std::filesystem::path write_poa_project(const std::filesystem::path& poa, const std::filesystem::path& dir,
                                        int window_minutes, int districts_per_side = 2);

}  // namespace needmap::test
