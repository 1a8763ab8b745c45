#pragma once

// Tables from e-Stat (政府統計の総合窓口): mesh statistics (地域メッシュ統計) and census small-area
// tables (小地域集計, e.g. T001082). Both are CSV, usually Shift_JIS, with two header rows (column
// codes, then Japanese labels), KEY_CODE first, "X" or "*" for suppressed cells (秘匿) and "-" for
// cells with nothing to count (該当なし).

#include "needmap/geo/layer.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace needmap::geo {

struct EstatColumn {
    std::string code;   ///< e.g. "T001082019"
    std::string label;  ///< e.g. "総数６５歳以上"
};

struct EstatRow {
    std::string key_code;     ///< a small-area code (KEY_CODE) or a mesh code
    int level = 0;            ///< HYOSYO: 1 municipality, 2 大字・町, 3 丁目・字, 4 finer; 0 in mesh tables
    std::string city_name;    ///< CITYNAME
    std::string name;         ///< NAME
    int secrecy = 0;          ///< HTKSYORI: 0 none, 1 merged into HTKSAKI, 2 holds merged areas
    std::string merged_into;  ///< HTKSAKI: where a suppressed area's people are counted
    std::vector<std::optional<double>> values;  ///< per value column; nothing for "X" or "-"
    std::size_t line = 0;                       ///< 1-based line in the file
};

struct EstatTable {
    std::string source;
    std::string encoding;
    std::vector<EstatColumn> columns;  ///< the value columns only
    std::vector<EstatRow> rows;
    std::size_t suppressed_cells = 0;      ///< "X" or "*"
    std::size_t not_applicable_cells = 0;  ///< "-"

    /// The value column whose code or label is `name`.
    [[nodiscard]] std::optional<std::size_t> column(std::string_view name) const;
    /// @throws InputError naming the file and listing some of the columns there are.
    [[nodiscard]] std::size_t require_column(std::string_view name) const;
    /// The row with that KEY_CODE, or null.
    [[nodiscard]] const EstatRow* find(std::string_view key_code) const;

    std::unordered_map<std::string, std::size_t> index;  ///< KEY_CODE -> row
};

/// A zip as e-Stat serves it is read as it comes (the one table inside).
/// @throws InputError naming the file and line for a missing KEY_CODE column, a second header
/// row that is missing, a duplicate KEY_CODE, or a cell that is neither a number nor a
/// suppression mark.
[[nodiscard]] EstatTable read_estat_table(const std::filesystem::path& path);
/// The same, from bytes in memory; `source` names them in messages.
[[nodiscard]] EstatTable parse_estat_table(std::string bytes, std::string source);

/// A value column to copy into a layer, and the field name to give it.
struct EstatField {
    std::string column;  ///< code or label
    std::string field;
};

struct KeyJoinReport {
    std::size_t matched = 0;
    std::vector<std::string> unmatched_keys;  ///< features whose key is not in the table
    std::size_t missing_values = 0;           ///< joined cells that were "X" or "-"
    std::vector<std::string> unused_rows;     ///< finest-level table rows no feature took
};

/// Adds the table's columns to the layer's features as Real fields, matching the layer's
/// `key_field` to KEY_CODE. Unmatched features get nulls and are listed.
/// @throws InputError when the key field or a column does not exist.
KeyJoinReport join_by_key(Layer& layer, std::string_view key_field, const EstatTable& table,
                          std::span<const EstatField> fields);

}  // namespace needmap::geo
