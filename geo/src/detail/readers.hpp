#pragma once

// Pieces of read_layer() shared between its source files. Internal to needmap_geo.

#include "needmap/geo/layer.hpp"
#include "needmap/geo/layer_io.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace needmap::geo::detail {

/// A CSV file read with needmap's own CSV reader, typed, with point geometry from its columns.
Layer read_csv_layer(const std::filesystem::path& path, const ReadOptions& options);

/// Refuses a value of ReadOptions::unique_field seen twice, as rows are read. `row_word` names a
/// row in the message ("line" for CSV, "feature" for other sources).
class UniqueValues {
public:
    UniqueValues(std::string source, std::string_view row_word) : m_source(std::move(source)), m_row_word(row_word) {}
    /// Picks the column among `names` (none when `field` is empty or not among them).
    template <typename Names, typename NameOf>
    void find(const std::string& field, const Names& names, NameOf name_of) {
        for (std::size_t i = 0; i < names.size() && !field.empty(); ++i)
            if (equal_ignoring_case(name_of(names[i]), field)) {
                m_column = i;
                m_field = name_of(names[i]);
                return;
            }
    }
    [[nodiscard]] std::optional<std::size_t> column() const { return m_column; }
    /// @throws InputError when `value` was seen before; empty values are not compared.
    void check(std::string_view value, std::int64_t row);

private:
    static bool equal_ignoring_case(std::string_view a, std::string_view b);
    std::string m_source;
    std::string_view m_row_word;
    std::optional<std::size_t> m_column;
    std::string m_field;
    std::unordered_map<std::string, std::int64_t> m_seen;
};

/// Keeps the features that match `where`, an OGR SQL condition (as in a QGIS filter), and notes
/// how many were kept. @throws InputError naming the source, the condition and its fields when
/// GDAL cannot read the condition.
void apply_where(Layer& layer, const std::string& where, std::string_view row_word);

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
