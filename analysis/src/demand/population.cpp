#include "needmap/analysis/demand/population.hpp"

#include "needmap/geo/csv.hpp"
#include "needmap/geo/error.hpp"
#include "needmap/geo/layer_io.hpp"
#include "needmap/geo/mesh.hpp"

#include <fmt/format.h>

#include <set>

namespace needmap::analysis::demand {
namespace {

std::vector<std::string> band_names(std::span<const PopulationBand> bands) {
    if (bands.empty()) throw geo::InputError("no population bands were asked for; name at least one (e.g. pop65)");
    std::vector<std::string> names;
    std::set<std::string> seen;
    for (const PopulationBand& b : bands) {
        if (!seen.insert(b.name).second)
            throw geo::InputError(fmt::format("population band \"{}\" is named twice", b.name));
        names.push_back(b.name);
    }
    return names;
}

void check_not_negative(double value, const std::string& where, const std::string& column) {
    if (value < 0)
        throw geo::InputError(fmt::format("{}: {} is {}; a population cannot be negative", where, column, value));
}

std::string some_of(const std::vector<std::string>& items, std::size_t n = 5) {
    std::string out;
    for (std::size_t i = 0; i < items.size() && i < n; ++i) out += (i > 0 ? ", " : "") + items[i];
    if (items.size() > n) out += ", ...";
    return out;
}

geo::Geometry transformed(geo::Geometry g, const geo::Transformer& transformer) {
    std::vector<geo::Point> points;
    geo::for_each_point(g, [&](geo::Point& p) { points.push_back(p); });
    transformer.transform(points);
    std::size_t i = 0;
    geo::for_each_point(g, [&](geo::Point& p) { p = points[i++]; });
    return g;
}

}  // namespace

std::vector<PopulationBand> census_small_area_bands() {
    return {{"pop_total", "T001082001"}, {"pop65", "T001082019"}, {"pop75", "T001082020"}};
}

std::optional<std::size_t> Population::band(std::string_view name) const {
    for (std::size_t i = 0; i < bands.size(); ++i)
        if (bands[i] == name) return i;
    return std::nullopt;
}

std::vector<double> Population::totals() const {
    std::vector<double> sum(bands.size(), 0.0);
    for (const PopulationUnit& u : units)
        for (std::size_t b = 0; b < sum.size(); ++b) sum[b] += u.people[b];
    return sum;
}

Population population_from_mesh_table(const geo::EstatTable& table, std::span<const PopulationBand> bands,
                                      const geo::Crs& metric) {
    Population out;
    out.source = table.source;
    out.crs = metric;
    out.bands = band_names(bands);
    out.report.encoding = table.encoding;
    std::vector<std::size_t> columns;
    for (const PopulationBand& b : bands) columns.push_back(table.require_column(b.column));

    const geo::Transformer to_metric(geo::jgd2011(), metric);
    std::optional<geo::MeshLevel> level;
    std::size_t first_line = 0;
    for (const geo::EstatRow& row : table.rows) {
        const std::string where = fmt::format("{} line {}", table.source, row.line);
        std::string reason;
        const auto code = geo::MeshCode::try_parse(row.key_code, &reason);
        if (!code)
            throw geo::InputError(
                fmt::format("{}: KEY_CODE \"{}\" is not a mesh code: {}", where, row.key_code, reason));
        if (!level) {
            level = code->level();
            first_line = row.line;
        } else if (code->level() != *level) {
            throw geo::InputError(
                fmt::format("{}: mesh code {} is a {} cell but line {} holds a {} cell; a table must "
                            "hold one level, or people are counted twice",
                            where, row.key_code, geo::to_string(code->level()), first_line, geo::to_string(*level)));
        }
        PopulationUnit unit;
        unit.id = code->to_string();
        unit.origin = fmt::format("line {}", row.line);
        for (std::size_t b = 0; b < columns.size(); ++b) {
            const auto& value = row.values[columns[b]];
            if (!value) {
                ++out.report.missing_values;
                unit.people.push_back(0);
                continue;
            }
            check_not_negative(*value, where, table.columns[columns[b]].code);
            unit.people.push_back(*value);
        }
        unit.geometry = transformed(code->polygon(), to_metric);
        out.units.push_back(std::move(unit));
    }
    if (level)
        out.report.notes.push_back(
            fmt::format("{} mesh cell(s) at the {} level", out.units.size(), geo::to_string(*level)));
    if (out.report.missing_values > 0)
        out.report.notes.push_back(
            fmt::format("{} value(s) suppressed (X or *) or empty (-), counted as 0 people (their people are counted in the cell named by HTKSAKI)", out.report.missing_values));
    return out;
}

Population read_mesh_population(const std::filesystem::path& csv, std::span<const PopulationBand> bands,
                                const geo::Crs& metric) {
    return population_from_mesh_table(geo::read_estat_table(csv), bands, metric);
}

Population population_from_small_areas(geo::Layer boundaries, const geo::EstatTable& table,
                                       std::span<const PopulationBand> bands, const geo::Crs& metric,
                                       const SmallAreaOptions& options) {
    if (boundaries.geometry_kind != geo::GeometryKind::Polygons)
        throw geo::InputError(fmt::format("{}: holds {}, not the polygons of small areas", boundaries.source,
                                          geo::to_string(boundaries.geometry_kind)));
    Population out;
    out.source = fmt::format("{} + {}", table.source, boundaries.source);
    out.crs = metric;
    out.bands = band_names(bands);
    out.report.encoding = table.encoding;

    std::vector<geo::EstatField> fields;
    std::vector<std::size_t> columns;
    for (const PopulationBand& b : bands) {
        fields.push_back({b.column, b.name});
        columns.push_back(table.require_column(b.column));
    }
    const std::size_t key = boundaries.require_field(options.key_field);
    const std::size_t first_band_field = boundaries.fields.size();
    const geo::KeyJoinReport join = geo::join_by_key(boundaries, options.key_field, table, fields);
    boundaries = geo::reproject(std::move(boundaries), metric);

    for (const geo::Feature& feature : boundaries.features) {
        PopulationUnit unit;
        unit.id = std::string(geo::trim(geo::to_text(feature.values[key])));
        unit.origin = fmt::format("feature {}", feature.fid);
        const geo::EstatRow* row = table.find(unit.id);
        for (std::size_t b = 0; b < columns.size(); ++b) {
            const auto value = geo::to_double(feature.values[first_band_field + b]);
            if (value && row != nullptr)
                check_not_negative(*value, fmt::format("{} line {}", table.source, row->line),
                                   table.columns[columns[b]].code);
            unit.people.push_back(value.value_or(0.0));
        }
        unit.geometry = feature.geometry;
        out.units.push_back(std::move(unit));
    }

    out.report.missing_values = join.missing_values;
    out.report.notes.push_back(fmt::format("{} of {} boundary feature(s) joined to the table by {}", join.matched,
                                           boundaries.features.size(), options.key_field));
    if (join.missing_values > 0)
        out.report.notes.push_back(fmt::format(
            "{} joined value(s) suppressed (X or *) or empty (-), counted as 0 people (suppressed people are counted in "
            "the area named by HTKSAKI)",
            join.missing_values));
    if (!join.unmatched_keys.empty())
        out.report.notes.push_back(fmt::format("{} boundary feature(s) have no row in the table and hold 0 people: {}",
                                               join.unmatched_keys.size(), some_of(join.unmatched_keys)));
    if (!join.unused_rows.empty()) {
        std::vector<double> lost(columns.size(), 0.0);
        for (const std::string& code : join.unused_rows)
            if (const geo::EstatRow* row = table.find(code))
                for (std::size_t b = 0; b < columns.size(); ++b) lost[b] += row->values[columns[b]].value_or(0.0);
        std::string people;
        for (std::size_t b = 0; b < columns.size(); ++b)
            people += fmt::format("{}{} {}", b > 0 ? ", " : "", lost[b], out.bands[b]);
        out.report.notes.push_back(
            fmt::format("{} finest-level table row(s) have no boundary, so their people are not placed ({}): {}",
                        join.unused_rows.size(), people, some_of(join.unused_rows)));
    }
    for (const std::string& note : boundaries.report.notes) out.report.notes.push_back(note);
    return out;
}

Population read_small_area_population(const std::filesystem::path& table_csv, const std::filesystem::path& boundaries,
                                      std::span<const PopulationBand> bands, const geo::Crs& metric,
                                      const SmallAreaOptions& options) {
    const geo::EstatTable table = geo::read_estat_table(table_csv);
    geo::ReadOptions read;
    read.layer = options.layer;
    read.where = options.where;
    return population_from_small_areas(geo::read_layer(boundaries, read), table, bands, metric, options);
}

Population population_from_layer(geo::Layer layer, std::span<const PopulationBand> bands, const geo::Crs& metric,
                                 const LayerPopulationOptions& options) {
    const geo::GeometryKind kind = layer.geometry_kind;
    if (kind != geo::GeometryKind::Polygons && kind != geo::GeometryKind::Points &&
        kind != geo::GeometryKind::MultiPoints)
        throw geo::InputError(
            fmt::format("{}: holds {}; population must be polygons or points", layer.source, geo::to_string(kind)));
    Population out;
    out.source = layer.source;
    out.crs = metric;
    out.bands = band_names(bands);
    out.report.encoding = layer.report.encoding;
    std::vector<std::size_t> fields;
    for (const PopulationBand& b : bands) fields.push_back(layer.require_field(b.column));
    const bool has_id = !options.id_field.empty();
    const std::size_t id = has_id ? layer.require_field(options.id_field) : 0;
    const char* what = layer.report.driver == "CSV" ? "line" : "feature";

    layer = geo::reproject(std::move(layer), metric);
    std::size_t without_geometry = 0;
    std::vector<double> lost(fields.size(), 0.0);
    for (geo::Feature& feature : layer.features) {
        PopulationUnit unit;
        unit.origin = fmt::format("{} {}", what, feature.fid);
        unit.id = has_id ? std::string(geo::trim(geo::to_text(feature.values[id]))) : std::to_string(feature.fid);
        for (std::size_t b = 0; b < fields.size(); ++b) {
            const geo::Value& v = feature.values[fields[b]];
            const std::string text(geo::trim(geo::to_text(v)));
            if (geo::is_null(v) || text.empty() || text == "X" || text == "x" || text == "-" || text == "*") {
                ++out.report.missing_values;
                unit.people.push_back(0);
                continue;
            }
            const auto value = geo::to_double(v);
            const std::string where = fmt::format("{} {}", layer.source, unit.origin);
            if (!value)
                throw geo::InputError(fmt::format("{}: {} is \"{}\", not a number of people (nor X or -)", where,
                                                  layer.fields[fields[b]].name, text));
            check_not_negative(*value, where, layer.fields[fields[b]].name);
            unit.people.push_back(*value);
        }
        if (geo::is_empty(feature.geometry)) {
            ++without_geometry;
            for (std::size_t b = 0; b < fields.size(); ++b) lost[b] += unit.people[b];
            continue;
        }
        if (std::holds_alternative<geo::MultiPoint>(feature.geometry))
            unit.geometry = *geo::centroid(feature.geometry);
        else
            unit.geometry = std::move(feature.geometry);
        out.units.push_back(std::move(unit));
    }
    if (without_geometry > 0) {
        std::string people;
        for (std::size_t b = 0; b < fields.size(); ++b)
            people += fmt::format("{}{} {}", b > 0 ? ", " : "", lost[b], out.bands[b]);
        out.report.notes.push_back(
            fmt::format("{} feature(s) without geometry left out, holding {}", without_geometry, people));
    }
    if (kind == geo::GeometryKind::MultiPoints) out.report.notes.push_back("multipoints stand for their centroids");
    if (out.report.missing_values > 0)
        out.report.notes.push_back(
            fmt::format("{} value(s) null, blank, X or -, counted as 0 people", out.report.missing_values));
    for (const std::string& note : layer.report.notes) out.report.notes.push_back(note);
    return out;
}

Population read_layer_population(const std::filesystem::path& path, std::span<const PopulationBand> bands,
                                 const geo::Crs& metric, const LayerPopulationOptions& options) {
    geo::ReadOptions read;
    read.layer = options.layer;
    read.where = options.where;
    read.fid_as_field = geo::means_fid(options.id_field);
    return population_from_layer(geo::read_layer(path, read), bands, metric, options);
}

}  // namespace needmap::analysis::demand
