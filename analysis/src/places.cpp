#include "needmap/analysis/places.hpp"

#include "needmap/geo/error.hpp"
#include "needmap/geo/layer_io.hpp"

#include <fmt/format.h>

#include <unordered_map>

namespace needmap::analysis {

std::vector<Place> read_places(const std::filesystem::path& path, const geo::Crs& crs, const PlacesOptions& options,
                               std::vector<std::string>* notes) {
    geo::ReadOptions read;
    read.layer = options.layer;
    geo::Layer layer = geo::read_layer(path, read);
    if (layer.geometry_kind == geo::GeometryKind::None)
        throw geo::InputError(
            fmt::format("{}: has no point geometry; give id,lon,lat columns (or id,lat,lon), or a "
                        "point layer",
                        path.string()));
    if (layer.geometry_kind == geo::GeometryKind::Lines)
        throw geo::InputError(fmt::format("{}: holds lines, not points", path.string()));
    if (layer.fields.empty()) throw geo::InputError(fmt::format("{}: has no field to use as an id", path.string()));
    const std::size_t id = !options.id_field.empty() ? layer.require_field(options.id_field)
                           : layer.field_index("id") ? *layer.field_index("id")
                                                     : 0;
    layer = geo::reproject(std::move(layer), crs);
    if (notes != nullptr) {
        for (const auto& n : layer.report.notes) notes->push_back(fmt::format("{}: {}", path.string(), n));
        if (layer.geometry_kind == geo::GeometryKind::Polygons)
            notes->push_back(fmt::format("{}: polygons stand for their centroids", path.string()));
    }
    const bool csv = layer.report.driver == "CSV";
    std::vector<Place> places;
    places.reserve(layer.features.size());
    std::unordered_map<std::string, std::int64_t> seen;
    for (const auto& feature : layer.features) {
        const std::string where = csv ? fmt::format("line {}", feature.fid) : fmt::format("feature {}", feature.fid);
        std::string name = geo::to_text(feature.values[id]);
        if (name.empty())
            throw geo::InputError(
                fmt::format("{} {}: the id ({}) is empty", path.string(), where, layer.fields[id].name));
        if (const auto [it, fresh] = seen.emplace(name, feature.fid); !fresh)
            throw geo::InputError(fmt::format("{} {}: id \"{}\" is used twice (also {} {}); ids must be unique",
                                              path.string(), where, name, csv ? "line" : "feature", it->second));
        const auto position = geo::centroid(feature.geometry);
        if (!position) continue;  // counted as empty geometry in the layer's report
        places.push_back({std::move(name), *position});
    }
    return places;
}

}  // namespace needmap::analysis
