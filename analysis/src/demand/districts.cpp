#include "needmap/analysis/demand/districts.hpp"

#include "needmap/geo/csv.hpp"
#include "needmap/geo/error.hpp"
#include "needmap/geo/ksj.hpp"
#include "needmap/geo/layer_io.hpp"
#include "needmap/geo/overlay.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

namespace needmap::analysis::demand {
namespace {

struct Fields {
    std::size_t name = 0;
    std::optional<std::size_t> id;            // none: "<municipality code>:<name>"
    std::optional<std::size_t> municipality;  // none: the layer has no municipality code
    std::string description;
};

Fields choose_fields(const geo::Layer& layer, const DistrictOptions& options) {
    Fields f;
    if (!options.id_field.empty()) {
        f.id = layer.require_field(options.id_field);
        f.name = options.name_field.empty() ? *f.id : layer.require_field(options.name_field);
        if (!options.municipality_field.empty()) f.municipality = layer.require_field(options.municipality_field);
        f.description = fmt::format("id field {}, name field {}", layer.fields[*f.id].name, layer.fields[f.name].name);
        return f;
    }
    const auto a32 = geo::detect_a32_layout(layer);
    if (!a32) {
        std::string names;
        for (const auto& field : layer.fields) names += (names.empty() ? "" : ", ") + field.name;
        throw geo::InputError(
            fmt::format("{}: is not a 国土数値情報 A32 layer (no A32_001/A32_004 or A32_006/A32_008 fields); name the "
                        "district id and name fields (fields: {})",
                        layer.source, names));
    }
    f.name = options.name_field.empty() ? a32->school_name : layer.require_field(options.name_field);
    f.municipality =
        options.municipality_field.empty() ? a32->municipality_code : layer.require_field(options.municipality_field);
    if (a32->edition >= 2021) f.id = layer.field_index("A32_003");
    f.description =
        fmt::format("A32 {} layout: name {}, municipality code {}, id {}", a32->edition, layer.fields[f.name].name,
                    layer.fields[*f.municipality].name, f.id ? layer.fields[*f.id].name : "municipality code:name");
    return f;
}

}  // namespace

std::optional<std::size_t> Districts::find_id(std::string_view id) const {
    for (std::size_t i = 0; i < items.size(); ++i)
        if (items[i].id == id) return i;
    return std::nullopt;
}

std::vector<geo::MultiPolygon> Districts::polygons() const {
    std::vector<geo::MultiPolygon> out;
    out.reserve(items.size());
    for (const District& d : items) out.push_back(d.geometry);
    return out;
}

Districts build_districts(geo::Layer layer, const geo::Crs& metric, const DistrictOptions& options) {
    if (layer.geometry_kind != geo::GeometryKind::Polygons)
        throw geo::InputError(fmt::format("{}: holds {}, not polygons; districts must be polygons", layer.source,
                                          geo::to_string(layer.geometry_kind)));
    const Fields fields = choose_fields(layer, options);
    const std::string what = layer.report.driver == "CSV" ? "line" : "feature";

    Districts out;
    out.source = layer.source;
    out.crs = metric;
    out.notes.push_back(fields.description);
    for (const std::string& note : layer.report.notes) out.notes.push_back(note);
    if (layer.report.repaired > 0)
        out.notes.push_back(fmt::format("{} invalid polygon(s) repaired on reading", layer.report.repaired));

    auto code_of = [&](const geo::Feature& feature) {
        return fields.municipality ? std::string(geo::trim(geo::to_text(feature.values[*fields.municipality])))
                                   : std::string();
    };
    if (!options.municipality_code.empty()) {
        std::set<std::string> codes_seen;
        for (const geo::Feature& feature : layer.features) codes_seen.insert(code_of(feature));
        const std::size_t before = layer.features.size();
        std::erase_if(layer.features,
                      [&](const geo::Feature& feature) { return code_of(feature) != options.municipality_code; });
        if (layer.features.empty()) {
            std::string codes;
            for (const auto& c : codes_seen) codes += (codes.empty() ? "" : ", ") + c;
            throw geo::InputError(fmt::format("{}: no district has municipality code {} (codes present: {})",
                                              layer.source, options.municipality_code,
                                              fields.municipality ? codes : "none: the layer has no code field"));
        }
        out.notes.push_back(fmt::format("kept {} of {} feature(s), those of municipality {}", layer.features.size(),
                                        before, options.municipality_code));
    }
    layer = geo::reproject(std::move(layer), metric);

    std::map<std::string, std::size_t> index_of_id;
    std::vector<std::vector<geo::MultiPolygon>> parts;
    for (const geo::Feature& feature : layer.features) {
        const std::string name = std::string(geo::trim(geo::to_text(feature.values[fields.name])));
        const std::string code = code_of(feature);
        std::string id = fields.id ? std::string(geo::trim(geo::to_text(feature.values[*fields.id]))) : "";
        if (!fields.id) id = code.empty() ? name : fmt::format("{}:{}", code, name);
        if (name.empty())
            throw geo::InputError(fmt::format("{} {} {}: the district name ({}) is empty", layer.source, what,
                                              feature.fid, layer.fields[fields.name].name));
        if (id.empty())
            throw geo::InputError(fmt::format("{} {} {}: the district id ({}) is empty", layer.source, what,
                                              feature.fid, layer.fields[*fields.id].name));
        const auto* polygons = std::get_if<geo::MultiPolygon>(&feature.geometry);
        if (polygons == nullptr || polygons->empty())
            throw geo::InputError(
                fmt::format("{} {} {}: district \"{}\" has no geometry", layer.source, what, feature.fid, name));
        const auto [it, fresh] = index_of_id.emplace(id, out.items.size());
        if (fresh) {
            District d;
            d.id = id;
            d.name = name;
            d.normalised_name = normalise_district_name(name);
            d.municipality_code = code;
            out.items.push_back(std::move(d));
            parts.emplace_back();
        } else if (out.items[it->second].name != name) {
            throw geo::InputError(fmt::format("{} {} {}: district id \"{}\" is named \"{}\" here but \"{}\" in {} {}",
                                              layer.source, what, feature.fid, id, name, out.items[it->second].name,
                                              what, out.items[it->second].features.front()));
        }
        out.items[it->second].features.push_back(feature.fid);
        parts[it->second].push_back(*polygons);
    }
    for (std::size_t i = 0; i < out.items.size(); ++i) {
        District& d = out.items[i];
        d.geometry = parts[i].size() == 1 ? std::move(parts[i].front()) : geo::unite(parts[i]);
        d.area_m2 = geo::area(d.geometry);
        if (parts[i].size() > 1)
            out.notes.push_back(fmt::format("district \"{}\": {} features united", d.name, parts[i].size()));
    }
    std::map<std::string, std::vector<std::string>> same_name;
    for (const District& d : out.items) same_name[d.normalised_name].push_back(d.name);
    for (const auto& [key, names] : same_name)
        if (names.size() > 1)
            out.notes.push_back(
                fmt::format("{} districts share the normalised name \"{}\"; join them by id", names.size(), key));
    return out;
}

Districts read_districts(const std::filesystem::path& path, const geo::Crs& metric, const DistrictOptions& options) {
    geo::ReadOptions read;
    read.layer = options.layer;
    read.fid_as_field = geo::means_fid(options.id_field);
    return build_districts(geo::read_layer(path, read), metric, options);
}

NameJoin join_to_districts(std::span<const JoinKey> keys, const Districts& districts, std::string what) {
    std::vector<JoinTarget> targets;
    targets.reserve(districts.size());
    for (const District& d : districts.items) targets.push_back({d.id, d.name});
    return join_names(keys, targets, std::move(what));
}

}  // namespace needmap::analysis::demand
