#pragma once

// Resident population by age band, per unit (a mesh cell, a small area, or any polygon or point),
// read from e-Stat tables or any layer. Population is a count of people held as a double, because
// splitting by area makes it fractional.

#include "needmap/geo/crs.hpp"
#include "needmap/geo/estat.hpp"
#include "needmap/geo/geometry.hpp"
#include "needmap/geo/layer.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace needmap::analysis::demand {

/// One age band to read: the name it gets in needmap's outputs and the source column.
struct PopulationBand {
    std::string name;    ///< e.g. "pop65"
    std::string column;  ///< an e-Stat column code or label (e.g. "T001082019"), or a layer field
};

/// pop_total, pop65 and pop75 from the 2020 census small-area table T001082 (男女・年齢5歳階級別人口):
/// T001082001 総数 (age unknown included), T001082019 総数65歳以上, T001082020 総数75歳以上.
[[nodiscard]] std::vector<PopulationBand> census_small_area_bands();

struct PopulationUnit {
    std::string id;              ///< mesh code, KEY_CODE, or the layer's id
    geo::Geometry geometry;      ///< a MultiPolygon or a Point, in the population's metric CRS
    std::vector<double> people;  ///< per band; a suppressed or missing value is 0
    std::string origin;          ///< "line 12" or "feature 3", for messages
};

struct PopulationReport {
    std::string encoding;  ///< of the table, as read
    /// Values that were "X" (suppressed, 秘匿), "-" (nothing to count) or null: counted as 0
    /// people. Under suppression the people are counted in a neighbouring unit (HTKSAKI), so
    /// totals stay right.
    std::size_t missing_values = 0;
    std::vector<std::string> notes;
};

struct Population {
    std::string source;
    geo::Crs crs;  ///< metric
    std::vector<std::string> bands;
    std::vector<PopulationUnit> units;
    PopulationReport report;

    /// Index of the band with that name.
    [[nodiscard]] std::optional<std::size_t> band(std::string_view name) const;
    /// People per band over all units.
    [[nodiscard]] std::vector<double> totals() const;
};

/// e-Stat mesh statistics (地域メッシュ統計): KEY_CODE is a JIS X 0410 mesh code of any one level;
/// each cell becomes its polygon, built in JGD2011 and reprojected into `metric` (corners
/// transformed; edges stay straight, which is exact enough for cells up to 1 km).
/// @throws InputError naming the file and line for a code that is not a mesh code, codes of
/// different levels, or a negative value; naming the file for a missing column.
[[nodiscard]] Population population_from_mesh_table(const geo::EstatTable& table, std::span<const PopulationBand> bands,
                                                    const geo::Crs& metric);
/// read_estat_table, then population_from_mesh_table.
[[nodiscard]] Population read_mesh_population(const std::filesystem::path& csv, std::span<const PopulationBand> bands,
                                              const geo::Crs& metric);

struct SmallAreaOptions {
    std::string key_field = "KEY_CODE";  ///< of the boundary layer
    std::string layer;                   ///< of a multi-layer boundary source
    std::string where;                   ///< boundaries kept (an OGR SQL condition), all when empty
};

/// A census small-area table (e.g. T001082) joined to its boundary layer by KEY_CODE (geo's
/// join_by_key): one unit per boundary feature. Boundary features without a table row get 0
/// people and finest-level table rows without a boundary are reported with the people they hold.
/// @throws InputError naming the table's file and line for a negative value, and as
/// join_by_key does.
[[nodiscard]] Population population_from_small_areas(geo::Layer boundaries, const geo::EstatTable& table,
                                                     std::span<const PopulationBand> bands, const geo::Crs& metric,
                                                     const SmallAreaOptions& options = {});
/// read_estat_table and read_layer, then population_from_small_areas.
[[nodiscard]] Population read_small_area_population(const std::filesystem::path& table_csv,
                                                    const std::filesystem::path& boundaries,
                                                    std::span<const PopulationBand> bands, const geo::Crs& metric,
                                                    const SmallAreaOptions& options = {});

struct LayerPopulationOptions {
    std::string id_field;  ///< empty: the feature id (or CSV line)
    std::string layer;     ///< of a multi-layer source
    std::string where;     ///< features kept (an OGR SQL condition), all when empty
};

/// Any polygon or point layer whose fields hold the bands (a band's `column` is a field name).
/// Null, blank, "X" and "-" values count as 0 people and are counted.
/// @throws InputError naming the source and feature (or line) for a value that is not a number
/// or is negative, and naming the source for a missing field or a line layer.
[[nodiscard]] Population population_from_layer(geo::Layer layer, std::span<const PopulationBand> bands,
                                               const geo::Crs& metric, const LayerPopulationOptions& options = {});
/// read_layer, then population_from_layer.
[[nodiscard]] Population read_layer_population(const std::filesystem::path& path, std::span<const PopulationBand> bands,
                                               const geo::Crs& metric, const LayerPopulationOptions& options = {});

}  // namespace needmap::analysis::demand
