#pragma once

#include "needmap/geo/crs.hpp"
#include "needmap/geo/geometry.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace needmap::geo {

enum class FieldType { Integer, Real, String };

struct Field {
    Field() = default;
    Field(std::string field_name, FieldType field_type, std::string field_alias = {})
        : name(std::move(field_name)), type(field_type), alias(std::move(field_alias)) {}

    std::string name;
    FieldType type = FieldType::String;
    /// The field's name for people ("" for none), e.g. 「30分以内に行けない高齢者数」: GDAL's
    /// alternative name, which a GeoPackage keeps (gpkg_data_columns) and QGIS shows as the
    /// column header. Other formats leave it out.
    std::string alias;
};

/// One attribute value; std::monostate is null.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

[[nodiscard]] bool is_null(const Value& v);
/// The value as a number: integers and reals as they are, strings parsed when they are wholly a
/// number (full-width digits accepted); nothing for null or text.
[[nodiscard]] std::optional<double> to_double(const Value& v);
/// The value as text: numbers formatted without trailing zeros, null as "".
[[nodiscard]] std::string to_text(const Value& v);

struct Feature {
    std::int64_t fid = -1;  ///< the source's feature id, or the 1-based line for CSV rows
    Geometry geometry;
    std::vector<Value> values;  ///< one per field of the layer, in field order
};

/// What reading a layer found and did, for the run report. Nothing is dropped without a count.
struct ReadReport {
    std::string driver;        ///< "ESRI Shapefile", "GPKG", "CSV", ...
    std::string encoding;      ///< of attribute text, with how it was decided
    std::size_t repaired = 0;  ///< invalid polygons repaired with GEOS MakeValid
    std::size_t empty_geometries = 0;
    std::size_t skipped = 0;  ///< rows or features left out, said in `warnings`
    std::vector<std::string> notes;
    /// What a reader must not miss (rows left out): shown as warnings, even when quiet.
    std::vector<std::string> warnings;
};

/// A vector layer held in memory, free of GDAL and Qt: geometry, typed attributes, CRS and where
/// it came from. Coordinates are in `crs`, in traditional GIS order (x = easting or longitude).
struct Layer {
    std::string name;
    std::string source;  ///< the file it was read from, for messages
    Crs crs;
    GeometryKind geometry_kind = GeometryKind::None;
    std::vector<Field> fields;
    std::vector<Feature> features;
    ReadReport report;

    [[nodiscard]] std::optional<std::size_t> field_index(std::string_view field_name) const;
    /// @throws InputError naming the layer's source, the field and the fields there are.
    [[nodiscard]] std::size_t require_field(std::string_view field_name) const;
    /// Appends a field, null in every feature; returns its index.
    std::size_t add_field(Field field);
    /// The bounding box of all geometries, or nothing when every one is empty.
    [[nodiscard]] std::optional<Box> extent() const;
};

/// The layer's coordinates transformed into `target`. Features whose geometry cannot be
/// transformed are reported as an InputError naming the layer and feature.
[[nodiscard]] Layer reproject(Layer layer, const Crs& target);

/// The centre of the layer's extent in geographic lon/lat (JGD2011).
/// @throws InputError when the layer has no CRS or no geometry.
[[nodiscard]] Point centre_lon_lat(const Layer& layer);

}  // namespace needmap::geo
