#pragma once

// Origins, destinations, resources and candidates: named points.

#include "needmap/geo/crs.hpp"
#include "needmap/geo/geometry.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace needmap::analysis {

struct Place {
    std::string id;
    geo::Point position;  ///< in the CRS the places were read into
};

struct PlacesOptions {
    /// Field holding the id; when empty, a field named "id" (in any case: ID, Id). Without one,
    /// the points are numbered 1, 2, ... in the file's order, and a warning says so.
    std::string id_field;
    /// Layer of a multi-layer source.
    std::string layer;
};

/// Reads named points from any point layer, or a CSV with id,lon,lat (or id,lat,lon) columns,
/// into `crs`. Polygons stand for their centroid (noted in `notes`); points numbered for want of
/// an id field are said in `warnings`.
/// @throws InputError naming the file and row for a missing or duplicate id, and naming the file
/// when it has no point geometry.
[[nodiscard]] std::vector<Place> read_places(const std::filesystem::path& path, const geo::Crs& crs,
                                             const PlacesOptions& options = {},
                                             std::vector<std::string>* notes = nullptr,
                                             std::vector<std::string>* warnings = nullptr);

}  // namespace needmap::analysis
