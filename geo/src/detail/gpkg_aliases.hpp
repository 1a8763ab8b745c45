#pragma once

// Field aliases in a GeoPackage: the "name" column of its gpkg_data_columns table (the
// GeoPackage schema extension), which QGIS shows as the column header. GDAL reads and writes them
// as a field's alternative name only from 3.7 on; for older GDAL, needmap does it here.
// Internal to needmap_geo.

#include "detail/gdal.hpp"
#include "needmap/geo/layer.hpp"

#include <filesystem>
#include <map>
#include <span>
#include <string>

namespace needmap::geo::detail {

/// True when this GDAL keeps aliases of GeoPackage fields itself.
constexpr bool kGdalKeepsGpkgAliases = GDAL_VERSION_NUM >= GDAL_COMPUTE_VERSION(3, 7, 0);

/// Records the aliases of the layers' fields, the layers being written already into `ds`.
/// @throws InputError naming `target` when the table cannot be written.
void write_gpkg_aliases(GDALDataset& ds, std::span<const Layer> layers, const std::filesystem::path& target);

/// The aliases of `table`'s fields by field name; empty when the GeoPackage records none.
[[nodiscard]] std::map<std::string, std::string> read_gpkg_aliases(GDALDataset& ds, const std::string& table);

}  // namespace needmap::geo::detail
