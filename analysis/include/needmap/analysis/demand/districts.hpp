#pragma once

// Districts (日常生活圏域, usually junior-high-school districts 中学校区): the areas the needs survey
// reports on and that demand is totalled by.

#include "needmap/analysis/demand/district_names.hpp"
#include "needmap/geo/crs.hpp"
#include "needmap/geo/geometry.hpp"
#include "needmap/geo/layer.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace needmap::analysis::demand {

struct District {
    std::string id;                 ///< unique in its set
    std::string name;               ///< as written in the source, for display
    std::string normalised_name;    ///< normalise_district_name(name), for joining
    std::string municipality_code;  ///< 行政区域コード where the layer has one, else empty
    geo::MultiPolygon geometry;     ///< in the set's metric CRS; features with the same id united
    double area_m2 = 0;
    std::vector<std::int64_t> features;  ///< the source features it was made from
};

struct Districts {
    std::string source;
    geo::Crs crs;  ///< metric
    std::vector<District> items;
    std::vector<std::string> notes;  ///< what building the set did: layout used, features united, repairs

    [[nodiscard]] std::size_t size() const { return items.size(); }
    [[nodiscard]] const District& operator[](std::size_t i) const { return items[i]; }
    [[nodiscard]] std::optional<std::size_t> find_id(std::string_view id) const;
    [[nodiscard]] std::vector<geo::MultiPolygon> polygons() const;
};

/// Which fields of a polygon layer make districts. With every field left empty the layer must be
/// a 国土数値情報 A32 中学校区 layer (2016 A32_006.. or 2021+ A32_001.. layout): the name is the
/// school name, the id its 学校コード (A32_003) when the layer has one, else "<code>:<name>".
struct DistrictOptions {
    std::string layer;       ///< of a multi-layer source
    std::string id_field;    ///< empty: A32
    std::string name_field;  ///< empty: A32's school name, or the id when `id_field` is given
    /// Field holding the municipality code; empty: A32's 行政区域コード (none for other layers).
    std::string municipality_field;
    /// Keep only districts whose municipality code is this (e.g. "25425"); empty keeps all.
    std::string municipality_code;
};

/// Districts from a polygon layer in any CRS, reprojected into `metric`. Features sharing an id
/// (exclaves, 飛び地) are united into one district.
/// @throws InputError naming the layer's source when it is not a polygon layer, a named field is
/// missing, the layer is not A32 and no id field was given, a feature has an empty id or name or
/// no geometry (naming the feature), two features share an id but not a name, or no feature has
/// the requested municipality code (listing the codes there are).
[[nodiscard]] Districts build_districts(geo::Layer layer, const geo::Crs& metric, const DistrictOptions& options = {});

/// read_layer, then build_districts. @throws InputError as both do.
[[nodiscard]] Districts read_districts(const std::filesystem::path& path, const geo::Crs& metric,
                                       const DistrictOptions& options = {});

/// Joins keys to the districts by id or normalised name (see join_names).
[[nodiscard]] NameJoin join_to_districts(std::span<const JoinKey> keys, const Districts& districts, std::string what);

}  // namespace needmap::analysis::demand
