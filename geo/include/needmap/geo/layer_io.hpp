#pragma once

// Reading and writing vector layers: every OGR source GDAL can open, plus CSV tables with
// lon/lat or WKT columns read by needmap itself (so that CP932 files and line numbers are handled).

#include "needmap/geo/layer.hpp"
#include "needmap/geo/text.hpp"

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace needmap::geo {

struct ReadOptions {
    /// The layer to read from a multi-layer source (a GeoPackage, an XLSX sheet); needed only
    /// when the source has more than one.
    std::string layer;
    /// Encoding of attribute text in a DBF or CSV. When empty: a .cpg file or the DBF's language
    /// byte decides, else the bytes are tested (UTF-8, else CP932) and the report says so.
    std::optional<Encoding> encoding;
    /// Columns holding coordinates in a table (CSV, XLSX). When empty they are found by name:
    /// lon/longitude/lng/経度/x and lat/latitude/緯度/y, or a WKT column (wkt/geometry/geom).
    std::string x_field;
    std::string y_field;
    /// CRS of a table's coordinates; WGS 84 longitude/latitude when empty.
    Crs table_crs;
    /// A layer without features is an error unless this is set.
    bool allow_empty = false;
    /// A field (found by name in any case; none when the layer has no such field) whose values
    /// must differ: a value seen twice is refused as the rows stream in, naming both rows, before
    /// the rest of a large file is read.
    std::string unique_field;
    /// Keeps only the features matching this OGR SQL condition, as written in a QGIS filter, e.g.
    /// `市区町村コード = 35202` for a prefecture-wide open-data list; empty keeps all.
    std::string where;
    /// Adds an Integer field "fid" holding each feature's id in its source (a GeoPackage's fid,
    /// a CSV's line), when the layer has no field of that name: for `id_field = "fid"`.
    bool fid_as_field = false;
};

/// True when a configured id field means the features' own ids ("fid", in any case).
[[nodiscard]] bool means_fid(std::string_view field);

/// Reads one layer into memory. Invalid polygons are repaired (GEOS MakeValid) and counted in
/// the report; table rows without usable coordinates are skipped, counted and noted by line.
/// @throws InputError naming the file (and layer, row or feature) when the file is missing,
/// unreadable, empty, or has several layers and none was named.
[[nodiscard]] Layer read_layer(const std::filesystem::path& path, const ReadOptions& options = {});

/// Names of the layers in a source. @throws InputError when it cannot be opened.
[[nodiscard]] std::vector<std::string> list_layers(const std::filesystem::path& path);

enum class Format { GeoPackage, Shapefile, GeoJson, Csv };

/// "gpkg", "shp", "geojson", "csv". @throws InputError for anything else.
[[nodiscard]] Format parse_format(std::string_view name);
/// From the file name's extension. @throws InputError when it names no supported format.
[[nodiscard]] Format format_of(const std::filesystem::path& path);

/// A layer style that QGIS finds in a GeoPackage (its layer_styles table) and applies when the
/// layer is opened, when it is the layer's default.
struct LayerStyle {
    std::string layer;  ///< the layer it styles
    std::string name;   ///< as QGIS lists it (at most 30 characters)
    std::string description;
    std::string qml;  ///< QGIS's style XML
    bool is_default = false;
};

/// A small file written beside a Shapefile, named "<stem><suffix>", e.g. "_fields.csv".
struct Sidecar {
    std::string suffix;
    std::string bytes;
};

struct WriteOptions {
    std::optional<Format> format;  ///< from the file name when not given
    /// Attribute text of a Shapefile: written to its .cpg and, for CP932, as the DBF's language
    /// byte (0x13), so that readers that lose the .cpg still read Japanese.
    Encoding encoding = Encoding::Utf8;
    std::vector<LayerStyle> styles;  ///< GeoPackage only
    /// Shapefile only: the DBF field names, one per field in order, each at most 10 bytes and
    /// unique without regard to case; when empty, shapefile_field_names() makes them.
    std::vector<std::string> shapefile_names;
    /// Shapefile only: files written and replaced together with its parts.
    std::vector<Sidecar> sidecars;
};

struct WriteReport {
    std::vector<std::filesystem::path> files;
    /// Shapefile field names longer than 10 bytes and what they became.
    std::vector<std::pair<std::string, std::string>> renamed_fields;
    std::vector<std::string> notes;
};

/// Writes the layers: all into one GeoPackage, or one layer to a Shapefile, GeoJSON (always
/// reprojected to WGS 84, as RFC 7946 requires) or CSV (UTF-8 with BOM so that Excel reads
/// Japanese; points as lon/lat columns in WGS 84, other geometry left out; beside it a .csvt
/// naming each column's type for GDAL and QGIS). Everything is written under a temporary name and
/// renamed into place, so a failure leaves no half-written file. Over an existing Shapefile, its
/// old parts go, the field list "<stem>_fields.csv" too unless written again.
/// @throws InputError when the layers cannot be written as asked (a character that CP932 cannot
/// hold, several layers for a single-layer format, an unwritable folder).
WriteReport write_layers(const std::filesystem::path& path, std::span<const Layer> layers,
                         const WriteOptions& options = {});

/// Shapefile (DBF) field names for `names`: each at most 10 bytes in `encoding`, unique without
/// regard to case. Names that fit are kept; longer ones are cut at a character boundary and, if
/// that collides, given a numeric suffix. Deterministic for a given list.
[[nodiscard]] std::vector<std::string> shapefile_field_names(std::span<const std::string> names, Encoding encoding);

}  // namespace needmap::geo
