// The `where` filter of ReadOptions: one code path for every source, GDAL's own OGR SQL parser
// run over the rows as read (an in-memory OGR layer), so the syntax is the one QGIS users know.

#include "detail/gdal.hpp"
#include "detail/readers.hpp"
#include "needmap/geo/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

namespace needmap::geo::detail {

namespace {

/// OGR SQL reads a field name with Japanese letters or spaces only in double quotes; QGIS users
/// often leave them out. Such names found outside quotes get them.
std::string quote_field_names(const std::string& where, const std::vector<Field>& fields) {
    std::vector<std::string_view> names;
    for (const auto& f : fields)
        if (std::any_of(f.name.begin(), f.name.end(), [](char c) { return (c & 0x80) != 0 || c == ' '; }))
            names.push_back(f.name);
    std::sort(names.begin(), names.end(), [](auto a, auto b) { return a.size() > b.size(); });  // longest first
    std::string out;
    char quote = 0;  // the quote we are inside, if any
    for (std::size_t i = 0; i < where.size();) {
        const char c = where[i];
        if (quote == 0 && (c == '\'' || c == '"')) {
            quote = c;
        } else if (quote != 0 && c == quote) {
            quote = 0;
        } else if (quote == 0) {
            const auto name = std::find_if(names.begin(), names.end(),
                                           [&](std::string_view n) { return std::string_view(where).substr(i).starts_with(n); });
            if (name != names.end()) {
                out += '"' + std::string(*name) + '"';
                i += name->size();
                continue;
            }
        }
        out += c;
        ++i;
    }
    return out;
}

}  // namespace

void apply_where(Layer& layer, const std::string& where, std::string_view row_word) {
    if (where.empty()) return;
    ensure_gdal_registered();
    QuietErrors quiet;
    GDALDriver* memory = GetGDALDriverManager()->GetDriverByName("Memory");
    DatasetPtr ds(memory->Create("", 0, 0, 0, GDT_Unknown, nullptr));
    OGRLayer* rows = ds->CreateLayer("rows", nullptr, wkbNone, nullptr);
    for (const auto& field : layer.fields) {
        OGRFieldDefn definition(field.name.c_str(), ogr_field_type(field.type));
        rows->CreateField(&definition);
    }
    for (std::size_t i = 0; i < layer.features.size(); ++i) {
        OGRFeature row(rows->GetLayerDefn());
        row.SetFID(static_cast<GIntBig>(i));
        const auto& values = layer.features[i].values;
        for (std::size_t f = 0; f < values.size(); ++f) {
            const int at = static_cast<int>(f);
            if (const auto* n = std::get_if<std::int64_t>(&values[f]))
                row.SetField(at, static_cast<GIntBig>(*n));
            else if (const auto* d = std::get_if<double>(&values[f]))
                row.SetField(at, *d);
            else if (const auto* s = std::get_if<std::string>(&values[f]))
                row.SetField(at, s->c_str());
        }
        if (rows->CreateFeature(&row) != OGRERR_NONE)
            throw InputError(fmt::format("{}: cannot filter its rows ({})", layer.source, QuietErrors::last_message()));
    }
    if (rows->SetAttributeFilter(quote_field_names(where, layer.fields).c_str()) != OGRERR_NONE) {
        std::string fields;
        for (const auto& f : layer.fields) fields += (fields.empty() ? "" : ", ") + f.name;
        throw InputError(fmt::format(
            "{}: where \"{}\" cannot be read ({}); write it as a QGIS filter, e.g. 市区町村コード = 35202 AND 名称 "
            "LIKE '%センター%' (text in single quotes; the fields are: {})",
            layer.source, where, QuietErrors::last_message(), fields));
    }
    std::vector<char> keep(layer.features.size(), 0);
    rows->ResetReading();
    while (FeaturePtr row{rows->GetNextFeature()}) keep[static_cast<std::size_t>(row->GetFID())] = 1;
    const std::size_t before = layer.features.size();
    std::size_t i = 0;
    std::erase_if(layer.features, [&](const Feature&) { return keep[i++] == 0; });
    layer.report.notes.push_back(
        fmt::format("where {}: {} of {} {}s kept", where, layer.features.size(), before, row_word));
}

}  // namespace needmap::geo::detail
