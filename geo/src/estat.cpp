#include "needmap/geo/estat.hpp"

#include "needmap/geo/csv.hpp"
#include "needmap/geo/error.hpp"
#include "needmap/geo/text.hpp"

#include <cpl_string.h>
#include <cpl_vsi.h>
#include <fmt/format.h>

#include <charconv>
#include <array>
#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace needmap::geo {
namespace {

constexpr std::string_view kKey = "KEY_CODE";

enum class Cell { Number, Suppressed, NotApplicable, Bad };

Cell parse_cell(std::string_view text, double& out) {
    const std::string_view v = trim(text);
    if (v == "X" || v == "x" || v == "*") return Cell::Suppressed;
    if (v == "-" || v == "…" || v.empty()) return Cell::NotApplicable;
    const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    return (ec == std::errc() && ptr == v.data() + v.size()) ? Cell::Number : Cell::Bad;
}

int parse_int(std::string_view text) {
    int out = 0;
    const std::string_view v = trim(text);
    std::from_chars(v.data(), v.data() + v.size(), out);
    return out;
}

}  // namespace

std::optional<std::size_t> EstatTable::column(std::string_view name) const {
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i].code == name || columns[i].label == name) return i;
    for (std::size_t i = 0; i < columns.size(); ++i)  // typed in another width
        if (same_label(columns[i].code, name) || same_label(columns[i].label, name)) return i;
    return std::nullopt;
}

std::size_t EstatTable::require_column(std::string_view name) const {
    if (auto i = column(name)) return *i;
    std::string all;
    for (std::size_t i = 0; i < columns.size(); ++i)
        all += fmt::format("\n  {} {}", columns[i].code, columns[i].label);
    throw InputError(fmt::format("{}: no column \"{}\"; give a column's code or its label, as one of:{}", source, name, all));
}

const EstatRow* EstatTable::find(std::string_view key_code) const {
    const auto it = index.find(std::string(key_code));
    return it == index.end() ? nullptr : &rows[it->second];
}

EstatTable parse_estat_table(std::string bytes, std::string source) {
    CsvReader reader(std::move(bytes), source);
    EstatTable table;
    table.source = source;
    table.encoding = reader.encoding_note();

    std::vector<std::string_view> fields;
    if (!reader.next(fields)) throw InputError(fmt::format("{}: the file is empty", source));
    std::vector<std::string> codes;
    for (auto f : fields) codes.emplace_back(trim(f));
    if (codes.empty() || codes.front() != kKey)
        throw InputError(
            fmt::format("{} line 1: the first column is \"{}\", not KEY_CODE; is this an e-Stat table "
                        "(CSV with two header rows)?",
                        source, codes.empty() ? "" : codes.front()));
    if (!reader.next(fields))
        throw InputError(fmt::format("{}: the second header row (Japanese labels) is missing", source));
    std::vector<std::string> labels(codes.size());
    for (std::size_t i = 0; i < labels.size() && i < fields.size(); ++i) labels[i] = std::string(trim(fields[i]));

    // Known descriptive columns; everything else is a value column.
    std::optional<std::size_t> level_col, city_col, name_col, secrecy_col, merged_col;
    std::vector<std::size_t> value_cols;
    for (std::size_t i = 1; i < codes.size(); ++i) {
        const std::string& c = codes[i];
        if (c == "HYOSYO")
            level_col = i;
        else if (c == "CITYNAME")
            city_col = i;
        else if (c == "NAME")
            name_col = i;
        else if (c == "HTKSYORI")
            secrecy_col = i;
        else if (c == "HTKSAKI")
            merged_col = i;
        else if (c == "GASSAN")
            continue;
        else {
            value_cols.push_back(i);
            table.columns.push_back({c, labels[i]});
        }
    }
    if (value_cols.empty()) throw InputError(fmt::format("{}: the table has no value columns", source));

    while (reader.next(fields)) {
        auto at = [&](std::optional<std::size_t> col) -> std::string_view {
            return col && *col < fields.size() ? trim(fields[*col]) : std::string_view();
        };
        EstatRow row;
        row.line = reader.line();
        row.key_code = std::string(trim(fields[0]));
        if (row.key_code.empty()) throw InputError(fmt::format("{} line {}: KEY_CODE is empty", source, row.line));
        row.level = parse_int(at(level_col));
        row.city_name = std::string(at(city_col));
        row.name = std::string(at(name_col));
        row.secrecy = parse_int(at(secrecy_col));
        row.merged_into = std::string(at(merged_col));
        row.values.reserve(value_cols.size());
        for (std::size_t k = 0; k < value_cols.size(); ++k) {
            const std::string_view text = at(value_cols[k]);
            double v = 0;
            switch (parse_cell(text, v)) {
                case Cell::Number:
                    row.values.emplace_back(v);
                    break;
                case Cell::Suppressed:
                    ++table.suppressed_cells;
                    row.values.emplace_back();
                    break;
                case Cell::NotApplicable:
                    ++table.not_applicable_cells;
                    row.values.emplace_back();
                    break;
                case Cell::Bad:
                    throw InputError(fmt::format("{} line {}: {} ({}) is \"{}\", not a number, X, * or -", source,
                                                 row.line, table.columns[k].code, table.columns[k].label, text));
            }
        }
        if (!table.index.emplace(row.key_code, table.rows.size()).second)
            throw InputError(fmt::format("{} line {}: KEY_CODE {} appears twice (first on line {})", source, row.line,
                                         row.key_code, table.rows[table.index[row.key_code]].line));
        table.rows.push_back(std::move(row));
    }
    if (table.rows.empty()) throw InputError(fmt::format("{}: the table has headers but no rows", source));
    return table;
}

namespace {

/// The table inside a zip as e-Stat serves it (tblT001141H5031.zip holds tblT001141H5031.txt):
/// the one .txt or .csv member, read through GDAL's zip reader.
EstatTable read_zipped_table(const std::filesystem::path& path) {
    const std::string zip = "/vsizip/" + path.string();
    char** names = VSIReadDir(zip.c_str());
    std::vector<std::string> tables;
    for (char** n = names; n != nullptr && *n != nullptr; ++n) {
        std::string name = *n;
        std::string lower = name;
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
        if (lower.ends_with(".txt") || lower.ends_with(".csv")) tables.push_back(name);
    }
    CSLDestroy(names);
    if (tables.size() != 1)
        throw InputError(fmt::format("{}: {}; unzip it and give the table's file", path.string(),
                                     tables.empty() ? "cannot be read as a zip of an e-Stat table (.txt or .csv inside)"
                                                    : fmt::format("holds {} tables, not one", tables.size())));
    const std::string member = zip + "/" + tables.front();
    VSILFILE* file = VSIFOpenL(member.c_str(), "rb");
    if (file == nullptr) throw InputError(fmt::format("{}: {} cannot be read from it", path.string(), tables.front()));
    std::string bytes;
    std::array<char, 65536> buffer{};
    while (const std::size_t n = VSIFReadL(buffer.data(), 1, buffer.size(), file)) bytes.append(buffer.data(), n);
    VSIFCloseL(file);
    return parse_estat_table(std::move(bytes), path.string() + "/" + tables.front());
}

}  // namespace

EstatTable read_estat_table(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw InputError(fmt::format("{}: no such file", path.string()));
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    if (ext == ".zip") return read_zipped_table(path);
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(fmt::format("{}: cannot be opened for reading", path.string()));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return parse_estat_table(std::move(buffer).str(), path.string());
}

KeyJoinReport join_by_key(Layer& layer, std::string_view key_field, const EstatTable& table,
                          std::span<const EstatField> fields) {
    const std::size_t key = layer.require_field(key_field);
    std::vector<std::size_t> columns;
    std::vector<std::size_t> targets;
    for (const EstatField& f : fields) {
        columns.push_back(table.require_column(f.column));
        targets.push_back(layer.add_field({f.field, FieldType::Real}));
    }
    KeyJoinReport report;
    std::set<std::string> used;
    for (auto& feature : layer.features) {
        const std::string code = std::string(trim(to_text(feature.values[key])));
        const EstatRow* row = table.find(code);
        if (row == nullptr) {
            report.unmatched_keys.push_back(code.empty() ? fmt::format("(empty, feature {})", feature.fid) : code);
            continue;
        }
        ++report.matched;
        used.insert(code);
        for (std::size_t k = 0; k < columns.size(); ++k) {
            const auto& v = row->values[columns[k]];
            if (v)
                feature.values[targets[k]] = *v;
            else
                ++report.missing_values;
        }
    }
    // Finest-level rows of the municipalities the layer touches that no feature took.
    std::set<std::string> cities;
    for (const auto& code : used) cities.insert(code.substr(0, 5));
    int finest = 0;
    for (const auto& code : used) finest = std::max(finest, table.find(code)->level);
    for (const EstatRow& row : table.rows)
        if (row.level == finest && cities.contains(row.key_code.substr(0, 5)) && !used.contains(row.key_code))
            report.unused_rows.push_back(row.key_code);
    return report;
}

}  // namespace needmap::geo
