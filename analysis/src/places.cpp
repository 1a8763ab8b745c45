#include "needmap/analysis/places.hpp"

#include "needmap/geo/error.hpp"
#include "needmap/geo/layer_io.hpp"

#include <fmt/format.h>

#include <optional>

namespace needmap::analysis {
namespace {

/// "id", "ID", "Id", "iD".
bool is_id(const std::string& name) {
    return name.size() == 2 && (name[0] == 'i' || name[0] == 'I') && (name[1] == 'd' || name[1] == 'D');
}

}  // namespace

std::vector<Place> read_places(const std::filesystem::path& path, const geo::Crs& crs, const PlacesOptions& options,
                               std::vector<std::string>* notes, std::vector<std::string>* warnings) {
    geo::ReadOptions read;
    read.layer = options.layer;
    read.unique_field = options.id_field.empty() ? "id" : options.id_field;  // ids repeated are refused as read
    read.fid_as_field = geo::means_fid(options.id_field);
    geo::Layer layer = geo::read_layer(path, read);
    if (layer.geometry_kind == geo::GeometryKind::None)
        throw geo::InputError(
            fmt::format("{}: has no point geometry; give id,lon,lat columns (or id,lat,lon), or a "
                        "point layer",
                        path.string()));
    if (layer.geometry_kind == geo::GeometryKind::Lines)
        throw geo::InputError(fmt::format("{}: holds lines, not points", path.string()));
    // The id: the field asked for, or one named "id" in any case; else the points are numbered.
    std::optional<std::size_t> id;
    if (!options.id_field.empty()) {
        id = layer.require_field(options.id_field);
    } else {
        for (std::size_t f = 0; f < layer.fields.size() && !id; ++f)
            if (is_id(layer.fields[f].name)) id = f;
        if (!id && warnings != nullptr) {
            std::string names;
            for (const auto& f : layer.fields) names += (names.empty() ? "" : ", ") + f.name;
            warnings->push_back(fmt::format("{}: no id column, so its points are numbered 1, 2, ... in the file's "
                                            "order (columns: {}); name one with --id-field",
                                            path.string(), names.empty() ? "none" : names));
        }
    }
    layer = geo::reproject(std::move(layer), crs);
    if (warnings != nullptr)
        for (const auto& w : layer.report.warnings) warnings->push_back(fmt::format("{}: {}", path.string(), w));
    if (notes != nullptr) {
        for (const auto& n : layer.report.notes) notes->push_back(fmt::format("{}: {}", path.string(), n));
        if (layer.geometry_kind == geo::GeometryKind::Polygons)
            notes->push_back(fmt::format("{}: polygons stand for their centroids", path.string()));
    }
    const bool csv = layer.report.driver == "CSV";
    std::vector<Place> places;
    places.reserve(layer.features.size());
    std::size_t row = 0;
    for (const auto& feature : layer.features) {
        ++row;
        const std::string where = csv ? fmt::format("line {}", feature.fid) : fmt::format("feature {}", feature.fid);
        std::string name = id ? geo::to_text(feature.values[*id]) : std::to_string(row);
        if (name.empty())
            throw geo::InputError(
                fmt::format("{} {}: the id ({}) is empty", path.string(), where, layer.fields[*id].name));
        const auto position = geo::centroid(feature.geometry);
        if (!position) continue;  // counted as empty geometry in the layer's report
        places.push_back({std::move(name), *position});
    }
    return places;
}

}  // namespace needmap::analysis
