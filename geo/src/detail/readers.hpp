#pragma once

// Pieces of read_layer() shared between its source files. Internal to needmap_geo.

#include "needmap/geo/layer.hpp"
#include "needmap/geo/layer_io.hpp"

#include <filesystem>

namespace needmap::geo::detail {

/// A CSV file read with needmap's own CSV reader, typed, with point geometry from its columns.
Layer read_csv_layer(const std::filesystem::path& path, const ReadOptions& options);

/// Gives a table layer (no geometry of its own) point geometry from its lon/lat or WKT columns.
/// Rows without usable coordinates are removed, counted and noted. Leaves the layer without
/// geometry when it has no such columns.
/// `row_word` names a row in notes ("line" for CSV, "row" for spreadsheets).
void attach_table_geometry(Layer& layer, const ReadOptions& options, std::string_view row_word);

/// Repairs invalid polygons in place (GEOS MakeValid), counting and noting them.
void repair_polygons(Layer& layer);

/// Sets layer.geometry_kind from its features. @throws InputError when points, lines and
/// polygons are mixed.
void settle_geometry_kind(Layer& layer);

}  // namespace needmap::geo::detail
