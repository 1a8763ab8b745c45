// Tables as layers: CSV files read by needmap's own reader, and point geometry taken from a
// table's lon/lat or WKT columns (CSV, or a spreadsheet read through GDAL).

#include "detail/gdal.hpp"
#include "detail/ogr_geometry.hpp"
#include "detail/readers.hpp"
#include "needmap/geo/csv.hpp"
#include "needmap/geo/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>

namespace needmap::geo::detail {
namespace {

std::string key_of(std::string_view name) {
    std::string out = fold_width(trim(name));
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    if (!out.empty() && out.front() == '#') out.erase(0, 1);  // 自治体標準オープンデータセット's "#property"
    return out;
}

/// The first field named one of `names`, else one named so with a note in brackets, as lists
/// publish them: 「緯度（世界測地系）」, "lat(deg)".
std::optional<std::size_t> find_field(const Layer& layer, std::span<const std::string_view> names) {
    for (std::string_view wanted : names)
        for (std::size_t i = 0; i < layer.fields.size(); ++i)
            if (key_of(layer.fields[i].name) == wanted) return i;
    for (std::string_view wanted : names)
        for (std::size_t i = 0; i < layer.fields.size(); ++i)
            if (const std::string key = key_of(layer.fields[i].name);
                key.starts_with(wanted) && key.size() > wanted.size() && key[wanted.size()] == '(')
                return i;
    return std::nullopt;
}

bool is_integer_text(std::string_view s) {
    if (!s.empty() && s.front() == '-') s.remove_prefix(1);
    if (s.empty() || s.size() > 18) return false;
    if (s.size() > 1 && s.front() == '0') return false;  // a code such as "002003", not a number
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_real_text(std::string_view s) {
    std::string_view digits = s;
    if (!digits.empty() && digits.front() == '-') digits.remove_prefix(1);
    if (digits.size() > 1 && digits[0] == '0' && digits[1] != '.') return false;
    double v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && ptr == s.data() + s.size() && std::isfinite(v);
}

FieldType infer_type(const CsvTable& table, std::size_t column) {
    bool any = false;
    bool integer = true;
    bool real = true;
    for (const auto& row : table.rows) {
        const std::string_view v = trim(row[column]);
        if (v.empty()) continue;
        any = true;
        integer = integer && is_integer_text(v);
        real = real && is_real_text(v);
        if (!integer && !real) return FieldType::String;
    }
    if (!any) return FieldType::String;
    return integer ? FieldType::Integer : FieldType::Real;
}

Value typed_value(std::string_view text, FieldType type) {
    const std::string_view v = trim(text);
    if (v.empty()) return {};
    if (type == FieldType::Integer) {
        std::int64_t i = 0;
        std::from_chars(v.data(), v.data() + v.size(), i);
        return i;
    }
    if (type == FieldType::Real) {
        double d = 0;
        std::from_chars(v.data(), v.data() + v.size(), d);
        return d;
    }
    return std::string(text);
}

}  // namespace

bool UniqueValues::equal_ignoring_case(std::string_view a, std::string_view b) {
    return std::ranges::equal(a, b, [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
    });
}

void UniqueValues::check(std::string_view value, std::int64_t row) {
    if (value.empty()) return;
    if (const auto [it, fresh] = m_seen.emplace(std::string(value), row); !fresh)
        throw InputError(fmt::format("{} {} {}: {} \"{}\" is used twice (also {} {}); it must be unique", m_source,
                                     m_row_word, row, m_field, value, m_row_word, it->second));
}

Layer read_csv_layer(const std::filesystem::path& path, const ReadOptions& options) {
    CsvReader reader = CsvReader::open(path, options.encoding);
    UniqueValues unique(path.string(), "line");
    CsvTable table = read_csv_table(reader, [&](const CsvTable& t, const std::vector<std::string>& row, std::size_t line) {
        if (t.rows.empty()) unique.find(options.unique_field, t.header, [](const std::string& s) { return s; });
        if (const auto c = unique.column()) unique.check(trim(row[*c]), static_cast<std::int64_t>(line));
    });
    Layer layer;
    layer.name = path.stem().string();
    layer.source = path.string();
    layer.report.driver = "CSV";
    layer.report.encoding = table.encoding_note;
    if (table.ragged_rows > 0)
        layer.report.notes.push_back(
            fmt::format("{} rows have a different number of fields from the header", table.ragged_rows));
    for (std::size_t c = 0; c < table.header.size(); ++c) {
        std::string name = table.header[c].empty() ? fmt::format("field_{}", c + 1) : table.header[c];
        layer.fields.push_back({std::move(name), infer_type(table, c)});
    }
    layer.features.reserve(table.rows.size());
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        Feature feature;
        feature.fid = static_cast<std::int64_t>(table.lines[r]);
        feature.values.reserve(layer.fields.size());
        for (std::size_t c = 0; c < layer.fields.size(); ++c)
            feature.values.push_back(typed_value(table.rows[r][c], layer.fields[c].type));
        layer.features.push_back(std::move(feature));
    }
    apply_where(layer, options.where, "row");
    attach_table_geometry(layer, options, "line");
    return layer;
}

void attach_table_geometry(Layer& layer, const ReadOptions& options, std::string_view row_word) {
    static constexpr std::array<std::string_view, 5> kLon{"lon", "longitude", "lng", "経度", "x"};
    static constexpr std::array<std::string_view, 4> kLat{"lat", "latitude", "緯度", "y"};
    static constexpr std::array<std::string_view, 5> kWkt{"wkt", "geometry", "geom", "the_geom", "shape"};

    std::optional<std::size_t> x =
        options.x_field.empty() ? find_field(layer, kLon) : std::optional(layer.require_field(options.x_field));
    std::optional<std::size_t> y =
        options.y_field.empty() ? find_field(layer, kLat) : std::optional(layer.require_field(options.y_field));
    const std::optional<std::size_t> wkt = (x && y) ? std::nullopt : find_field(layer, kWkt);
    if (!(x && y) && !wkt) return;  // a plain table

    const bool use_xy = x && y;
    const std::size_t x_col = x.value_or(0);
    const std::size_t y_col = y.value_or(0);
    const std::size_t wkt_col = wkt.value_or(0);
    layer.crs = options.table_crs.empty() ? wgs84() : options.table_crs;
    const bool geographic = layer.crs.is_geographic();
    std::vector<std::string> problems;
    std::vector<Feature> kept;
    kept.reserve(layer.features.size());
    for (auto& feature : layer.features) {
        std::string problem;
        if (use_xy) {
            const auto& xv = feature.values[x_col];
            const auto& yv = feature.values[y_col];
            const auto lon = to_double(xv);
            const auto lat = to_double(yv);
            if (!lon || !lat) {
                problem = fmt::format("{} \"{}\" / {} \"{}\" is not a pair of numbers", layer.fields[x_col].name,
                                      to_text(xv), layer.fields[y_col].name, to_text(yv));
            } else if (*lon == 0 && *lat == 0) {
                problem = "coordinates are (0, 0), a placeholder";
            } else if (geographic && (std::abs(*lat) > 90 || std::abs(*lon) > 180)) {
                problem =
                    fmt::format("({}, {}) is not a longitude/latitude{}", *lon, *lat,
                                std::abs(*lon) <= 90 && std::abs(*lat) <= 180 ? " (are the columns swapped?)" : "");
            } else {
                feature.geometry = Point{*lon, *lat};
            }
        } else {
            const std::string text = to_text(feature.values[wkt_col]);
            OGRGeometry* parsed = nullptr;
            if (!text.empty()) OGRGeometryFactory::createFromWkt(text.c_str(), nullptr, &parsed);
            std::unique_ptr<OGRGeometry> owned(parsed);
            bool ok = true;
            if (owned) feature.geometry = from_ogr(owned.get(), ok);
            if (is_empty(feature.geometry) || !ok)
                problem = fmt::format("{} \"{}\" is not a WKT geometry", layer.fields[wkt_col].name,
                                      text.size() > 40 ? text.substr(0, 37) + "..." : text);
        }
        if (problem.empty()) {
            kept.push_back(std::move(feature));
        } else {
            ++layer.report.skipped;
            if (problems.size() < 5) problems.push_back(fmt::format("{} {}: {}", row_word, feature.fid, problem));
        }
    }
    layer.features = std::move(kept);
    if (layer.report.skipped > 0) {
        std::string list;
        for (const auto& p : problems) list += (list.empty() ? "" : "; ") + p;
        layer.report.warnings.push_back(fmt::format("{} rows skipped for want of coordinates ({}{})", layer.report.skipped,
                                                 list, layer.report.skipped > problems.size() ? "; ..." : ""));
    }
}

}  // namespace needmap::geo::detail
