#include "needmap/analysis/pipeline/results_export.hpp"

#include "needmap/geo/csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace needmap::analysis::pipeline {

std::optional<std::vector<schema::NamedField>> named_fields(const geo::Layer& layer, const schema::RunNames& names) {
    const std::vector<schema::NamedField> known = schema::layer_fields(layer.name, names);
    if (known.empty()) return std::nullopt;
    std::vector<schema::NamedField> out;
    for (const geo::Field& field : layer.fields) {
        const auto it = std::find_if(known.begin(), known.end(), [&](const auto& k) { return k.name == field.name; });
        out.push_back(it != known.end() ? *it : schema::NamedField{field.name, field.type, "", "", "", ""});
    }
    return out;
}

void name_shapefile_fields(std::span<const schema::NamedField> fields, geo::WriteOptions& write) {
    std::vector<std::string> wanted;
    for (const auto& f : fields) wanted.push_back(f.short_name.empty() ? f.name : f.short_name);
    write.shapefile_names = geo::shapefile_field_names(wanted, write.encoding);
    std::string list = "\xEF\xBB\xBFshort_name,name,label,unit,prefix\r\n";
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const auto& f = fields[i];
        list += fmt::format("{},{},{},{},{}\r\n", geo::csv_field(write.shapefile_names[i]), geo::csv_field(f.name),
                            geo::csv_field(f.label), geo::csv_field(f.unit), geo::csv_field(f.prefix));
    }
    write.sidecars.push_back({"_fields.csv", std::move(list)});
}

geo::Layer csv_for_people(geo::Layer layer, std::span<const schema::NamedField> fields, Headers headers) {
    for (std::size_t i = 0; i < layer.fields.size() && i < fields.size(); ++i) {
        geo::Field& field = layer.fields[i];
        std::string label = fields[i].label;
        if (field.type != geo::FieldType::String && fields[i].unit == "people") {
            field.type = geo::FieldType::Integer;
            for (auto& feature : layer.features)
                if (const auto v = geo::to_double(feature.values[i]); v && std::isfinite(*v))
                    feature.values[i] = static_cast<std::int64_t>(std::llround(*v));
        } else if (field.type != geo::FieldType::String && fields[i].unit == "0..1") {
            field.type = geo::FieldType::Real;
            field.name += "_pct";
            if (!label.empty()) label += "（％）";
            for (auto& feature : layer.features)
                if (const auto v = geo::to_double(feature.values[i]))
                    feature.values[i] = std::round(*v * 1000) / 10 + 0.0;  // + 0.0: no "-0"
        } else if (field.type == geo::FieldType::Real && fields[i].unit == "min") {
            for (auto& feature : layer.features)
                if (const auto v = geo::to_double(feature.values[i]); v && std::isfinite(*v))
                    feature.values[i] = std::round(*v * 10) / 10;
        }
        if (headers == Headers::Labels && !label.empty()) field.name = label;
    }
    return layer;
}

}  // namespace needmap::analysis::pipeline
