#include "detail/gpkg_aliases.hpp"

#include "needmap/geo/error.hpp"

#include <fmt/format.h>

namespace needmap::geo::detail {
namespace {

/// Text as an SQL literal: in single quotes, quotes doubled.
std::string sql_text(std::string_view s) {
    std::string out = "'";
    for (const char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

void run_sql(GDALDataset& ds, const std::string& sql, const std::filesystem::path& target) {
    CPLErrorReset();
    if (OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr)) ds.ReleaseResultSet(result);
    if (CPLGetLastErrorType() == CE_Failure)
        throw InputError(
            fmt::format("{}: cannot record the fields' aliases ({})", target.string(), QuietErrors::last_message()));
}

}  // namespace

void write_gpkg_aliases(GDALDataset& ds, std::span<const Layer> layers, const std::filesystem::path& target) {
    std::string rows;
    for (const Layer& layer : layers)
        for (const Field& field : layer.fields)
            if (!field.alias.empty())
                rows += fmt::format("{}({}, {}, {})", rows.empty() ? "" : ", ", sql_text(layer.name),
                                    sql_text(field.name), sql_text(field.alias));
    if (rows.empty()) return;
    // The tables of the GeoPackage 1.2 schema extension, as GDAL 3.7 creates them.
    run_sql(ds,
            "CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT "
            "NOT NULL, definition TEXT NOT NULL, scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, "
            "column_name, extension_name))",
            target);
    run_sql(
        ds,
        "CREATE TABLE IF NOT EXISTS gpkg_data_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, name TEXT, "
        "title TEXT, description TEXT, mime_type TEXT, constraint_name TEXT, CONSTRAINT pk_gdc PRIMARY KEY "
        "(table_name, column_name), CONSTRAINT gdc_tn UNIQUE (table_name, name))",
        target);
    run_sql(ds,
            "CREATE TABLE IF NOT EXISTS gpkg_data_column_constraints (constraint_name TEXT NOT NULL, constraint_type "
            "TEXT NOT "
            "NULL, value TEXT, min NUMERIC, min_is_inclusive BOOLEAN, max NUMERIC, max_is_inclusive BOOLEAN, "
            "description TEXT, CONSTRAINT gdcc_ntv UNIQUE (constraint_name, constraint_type, value))",
            target);
    run_sql(ds,
            "INSERT OR IGNORE INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) VALUES "
            "('gpkg_data_columns', NULL, 'gpkg_schema', 'http://www.geopackage.org/spec121/#extension_schema', "
            "'read-write'), ('gpkg_data_column_constraints', NULL, 'gpkg_schema', "
            "'http://www.geopackage.org/spec121/#extension_schema', 'read-write')",
            target);
    run_sql(ds, "INSERT INTO gpkg_data_columns (table_name, column_name, name) VALUES " + rows, target);
}

std::map<std::string, std::string> read_gpkg_aliases(GDALDataset& ds, const std::string& table) {
    std::map<std::string, std::string> aliases;
    const std::string has_table = "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'gpkg_data_columns'";
    OGRLayer* found = ds.ExecuteSQL(has_table.c_str(), nullptr, nullptr);
    if (found == nullptr) return aliases;
    const bool exists = FeaturePtr(found->GetNextFeature()) != nullptr;
    ds.ReleaseResultSet(found);
    if (!exists) return aliases;
    const std::string sql = "SELECT column_name, name FROM gpkg_data_columns WHERE table_name = " + sql_text(table) +
                            " AND name IS NOT NULL";
    if (OGRLayer* rows = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr)) {
        while (FeaturePtr f{rows->GetNextFeature()}) aliases[f->GetFieldAsString(0)] = f->GetFieldAsString(1);
        ds.ReleaseResultSet(rows);
    }
    return aliases;
}

}  // namespace needmap::geo::detail
