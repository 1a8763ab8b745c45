#include "detail/gdal.hpp"
#include "detail/gpkg_aliases.hpp"
#include "detail/ogr_geometry.hpp"
#include "detail/readers.hpp"
#include "needmap/geo/csv.hpp"
#include "needmap/geo/error.hpp"
#include "needmap/geo/layer_io.hpp"
#include "needmap/geo/overlay.hpp"

#include <cpl_conv.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <mutex>

namespace needmap::geo {
namespace fs = std::filesystem;

namespace detail {

void ensure_gdal_registered() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

}  // namespace detail

namespace {

using detail::DatasetPtr;
using detail::FeaturePtr;
using detail::QuietErrors;

std::string lower_extension(const fs::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext;
}

/// A sidecar file next to `path` with the given extension, in lower or upper case.
std::optional<fs::path> sidecar(const fs::path& path, std::string_view lower_ext) {
    std::string upper(lower_ext);
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
    for (const std::string_view ext : {lower_ext, std::string_view(upper)}) {
        fs::path candidate = path;
        candidate.replace_extension(ext);
        std::error_code ec;
        if (fs::exists(candidate, ec)) return candidate;
    }
    return std::nullopt;
}

/// The DBF header's language driver id (byte 29); 0 when absent or unreadable.
unsigned dbf_language_byte(const fs::path& shp) {
    auto dbf = sidecar(shp, ".dbf");
    if (!dbf) return 0;
    std::ifstream in(*dbf, std::ios::binary);
    char header[32] = {};
    if (!in.read(header, sizeof header)) return 0;
    return static_cast<unsigned char>(header[29]);
}

std::string read_small_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return std::string(trim(text));
}

FieldType field_type_of(OGRFieldType t) {
    switch (t) {
        case OFTInteger:
        case OFTInteger64:
            return FieldType::Integer;
        case OFTReal:
            return FieldType::Real;
        default:
            return FieldType::String;
    }
}

/// True when the data's first axis is the CRS's northing/latitude, i.e. coordinates come as
/// (lat, lon) and must be swapped into traditional GIS order.
bool data_is_northing_first(const OGRSpatialReference& srs) {
    const std::vector<int>& mapping = srs.GetDataAxisToSRSAxisMapping();
    if (mapping.empty()) return false;
    OGRAxisOrientation orientation = OAO_Other;
    srs.GetAxis(srs.IsGeographic() ? "GEOGCS" : "PROJCS", std::abs(mapping[0]) - 1, &orientation);
    return orientation == OAO_North || orientation == OAO_South;
}

std::string describe_sources_layers(GDALDataset& ds) {
    std::string names;
    for (int i = 0; i < ds.GetLayerCount(); ++i) names += (i == 0 ? "" : ", ") + std::string(ds.GetLayer(i)->GetName());
    return names;
}

DatasetPtr open_vector(const fs::path& path, const std::string& gdal_path, const CPLStringList& open_options) {
    DatasetPtr ds(
        GDALDataset::Open(gdal_path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, open_options.List(), nullptr));
    if (!ds)
        throw InputError(
            fmt::format("{}: cannot be read as a vector layer ({}); is the file complete and in a GIS "
                        "format such as Shapefile, GeoPackage, GeoJSON, CSV or XLSX?",
                        path.string(), QuietErrors::last_message()));
    if (ds->GetLayerCount() == 0) throw InputError(fmt::format("{}: holds no vector layer", path.string()));
    return ds;
}

std::string gdal_path_of(const fs::path& path) {
    const std::string s = path.string();
    if (s.starts_with("/vsi")) return s;
    std::error_code ec;
    if (!fs::exists(path, ec)) throw InputError(fmt::format("{}: no such file", s));
    return lower_extension(path) == ".zip" ? "/vsizip/" + s : s;
}

Layer read_ogr_layer(const fs::path& path, const ReadOptions& options) {
    detail::ensure_gdal_registered();
    QuietErrors quiet;
    const std::string gdal_path = gdal_path_of(path);
    const std::string ext = lower_extension(path);
    const bool dbf = ext == ".shp" || ext == ".dbf";

    // Shapefile text: GDAL honours a .cpg or the DBF language byte; with neither, read the raw
    // bytes and decide here (Japanese public data is often CP932 without a .cpg).
    CPLStringList open_options;
    std::string encoding_note;
    bool detect = false;
    if (dbf) {
        if (options.encoding) {
            open_options.SetNameValue("ENCODING", options.encoding == Encoding::Cp932 ? "CP932" : "UTF-8");
            encoding_note = fmt::format("{} (as given)", to_string(*options.encoding));
        } else if (auto cpg = sidecar(path, ".cpg")) {
            encoding_note = fmt::format("{} (from {})", read_small_file(*cpg), cpg->filename().string());
        } else if (const unsigned ldid = dbf_language_byte(path); ldid != 0) {
            encoding_note = ldid == 0x13 ? "CP932 (from the DBF language byte 0x13)"
                                         : fmt::format("the code page of the DBF language byte 0x{:02X}", ldid);
        } else {
            open_options.SetNameValue("ENCODING", "");
            detect = true;
        }
    }

    // Spreadsheets of open data keep their header in row 1 and often hold every cell as text,
    // which defeats GDAL's guess; the header is always there.
    const CPLConfigOptionSetter xlsx_headers("OGR_XLSX_HEADERS", "FORCE", false);
    const CPLConfigOptionSetter ods_headers("OGR_ODS_HEADERS", "FORCE", false);
    DatasetPtr ds = open_vector(path, gdal_path, open_options);
    OGRLayer* src = nullptr;
    if (!options.layer.empty()) {
        src = ds->GetLayerByName(options.layer.c_str());
        if (src == nullptr)
            throw InputError(fmt::format("{}: no layer \"{}\" (layers are: {})", path.string(), options.layer,
                                         describe_sources_layers(*ds)));
    } else if (ds->GetLayerCount() == 1) {
        src = ds->GetLayer(0);
    } else {
        throw InputError(fmt::format("{}: holds {} layers ({}); name the one to read", path.string(),
                                     ds->GetLayerCount(), describe_sources_layers(*ds)));
    }

    Layer layer;
    layer.name = src->GetName();
    layer.source = path.string();
    layer.report.driver = ds->GetDriver() != nullptr ? ds->GetDriver()->GetDescription() : "";
    bool swap_axes = false;
    if (const OGRSpatialReference* srs = src->GetSpatialRef()) {
        char* wkt = nullptr;
        const char* wkt_options[] = {"FORMAT=WKT2_2019", nullptr};
        srs->exportToWkt(&wkt, wkt_options);
        layer.crs = Crs::from_user_input(wkt != nullptr ? wkt : "");
        CPLFree(wkt);
        swap_axes = data_is_northing_first(*srs);
    }

    OGRFeatureDefn* defn = src->GetLayerDefn();
    const int field_count = defn->GetFieldCount();
    for (int i = 0; i < field_count; ++i) {
        const OGRFieldDefn* fd = defn->GetFieldDefn(i);
        layer.fields.push_back({fd->GetNameRef(), field_type_of(fd->GetType()), fd->GetAlternativeNameRef()});
    }
    if (!detail::kGdalKeepsGpkgAliases && layer.report.driver == "GPKG") {
        const auto aliases = detail::read_gpkg_aliases(*ds, layer.name);
        for (auto& field : layer.fields)
            if (const auto it = aliases.find(field.name); it != aliases.end()) field.alias = it->second;
    }

    src->ResetReading();
    std::size_t unsupported = 0;
    detail::UniqueValues unique(path.string(), "feature");
    unique.find(options.unique_field, layer.fields, [](const Field& f) { return f.name; });
    while (FeaturePtr f{src->GetNextFeature()}) {
        if (const auto c = unique.column(); c && !detect && f->IsFieldSetAndNotNull(static_cast<int>(*c)))
            unique.check(f->GetFieldAsString(static_cast<int>(*c)), f->GetFID());
        Feature feature;
        feature.fid = f->GetFID();
        feature.values.resize(static_cast<std::size_t>(field_count));
        for (int i = 0; i < field_count; ++i) {
            if (!f->IsFieldSetAndNotNull(i)) continue;
            auto& v = feature.values[static_cast<std::size_t>(i)];
            switch (layer.fields[static_cast<std::size_t>(i)].type) {
                case FieldType::Integer:
                    v = static_cast<std::int64_t>(f->GetFieldAsInteger64(i));
                    break;
                case FieldType::Real:
                    v = f->GetFieldAsDouble(i);
                    break;
                case FieldType::String:
                    v = std::string(f->GetFieldAsString(i));
                    break;
            }
        }
        bool ok = true;
        feature.geometry = detail::from_ogr(f->GetGeometryRef(), ok);
        if (!ok) ++unsupported;
        if (swap_axes) for_each_point(feature.geometry, [](Point& p) { std::swap(p.x, p.y); });
        layer.features.push_back(std::move(feature));
    }
    if (unsupported > 0)
        layer.report.notes.push_back(
            fmt::format("{} features have a geometry type needmap does not use; kept without geometry", unsupported));

    if (detect) {
        std::string all;
        for (const auto& field : layer.fields) all += field.name;
        for (const auto& feature : layer.features)
            for (const auto& v : feature.values)
                if (const auto* s = std::get_if<std::string>(&v)) all += *s;
        const auto found = detect_encoding(all);
        if (!found)
            throw InputError(
                fmt::format("{}: attribute text is neither UTF-8 nor CP932 (Shift_JIS); add a .cpg file "
                            "naming its encoding",
                            path.string()));
        encoding_note = fmt::format("{} (detected: no .cpg file)", to_string(*found));
        if (*found == Encoding::Cp932) {
            for (auto& field : layer.fields)
                field.name = recode(field.name, Encoding::Cp932, Encoding::Utf8, path.string());
            for (auto& feature : layer.features)
                for (auto& v : feature.values)
                    if (auto* s = std::get_if<std::string>(&v))
                        *s = recode(*s, Encoding::Cp932, Encoding::Utf8, path.string());
        }
    }
    layer.report.encoding = encoding_note.empty() ? "UTF-8" : encoding_note;

    detail::apply_where(layer, options.where, "feature");
    const bool table = src->GetGeomType() == wkbNone;
    if (table) detail::attach_table_geometry(layer, options, "row");
    if (layer.crs.empty() && !table && layer.extent())
        layer.report.notes.push_back("the layer declares no CRS (a .prj file is missing?)");
    return layer;
}

}  // namespace

namespace detail {

void repair_polygons(Layer& layer) {
    std::string reason;
    std::vector<std::string> examples;
    for (auto& feature : layer.features) {
        auto* polygons = std::get_if<MultiPolygon>(&feature.geometry);
        if (polygons == nullptr || polygons->empty()) continue;
        if (is_valid(*polygons, &reason)) continue;
        *polygons = make_valid(*polygons);
        ++layer.report.repaired;
        if (examples.size() < 5) examples.push_back(fmt::format("feature {}: {}", feature.fid, reason));
    }
    if (layer.report.repaired > 0) {
        std::string list;
        for (const auto& e : examples) list += (list.empty() ? "" : "; ") + e;
        layer.report.notes.push_back(fmt::format("{} invalid polygons repaired with GEOS MakeValid ({}{})",
                                                 layer.report.repaired, list,
                                                 layer.report.repaired > examples.size() ? "; ..." : ""));
    }
}

void settle_geometry_kind(Layer& layer) {
    bool seen[5] = {};
    std::size_t empty = 0;
    for (const auto& feature : layer.features) {
        if (is_empty(feature.geometry)) {
            ++empty;
            continue;
        }
        seen[static_cast<int>(kind_of(feature.geometry))] = true;
    }
    const auto k = [&](GeometryKind g) { return seen[static_cast<int>(g)]; };
    const int dimensions = (k(GeometryKind::Points) || k(GeometryKind::MultiPoints) ? 1 : 0) +
                           (k(GeometryKind::Lines) ? 1 : 0) + (k(GeometryKind::Polygons) ? 1 : 0);
    if (dimensions > 1)
        throw InputError(
            fmt::format("{}: the layer mixes points, lines and polygons; split it into one layer per "
                        "geometry type",
                        layer.source));
    layer.geometry_kind = k(GeometryKind::Polygons)      ? GeometryKind::Polygons
                          : k(GeometryKind::Lines)       ? GeometryKind::Lines
                          : k(GeometryKind::MultiPoints) ? GeometryKind::MultiPoints
                          : k(GeometryKind::Points)      ? GeometryKind::Points
                                                         : GeometryKind::None;
    layer.report.empty_geometries = layer.geometry_kind == GeometryKind::None ? 0 : empty;
    if (layer.report.empty_geometries > 0)
        layer.report.notes.push_back(fmt::format("{} features have no geometry", empty));
}

}  // namespace detail

bool means_fid(std::string_view field) {
    return field.size() == 3 && std::tolower(static_cast<unsigned char>(field[0])) == 'f' &&
           std::tolower(static_cast<unsigned char>(field[1])) == 'i' &&
           std::tolower(static_cast<unsigned char>(field[2])) == 'd';
}

Layer read_layer(const fs::path& path, const ReadOptions& options) {
    const std::string ext = lower_extension(path);
    Layer layer =
        (ext == ".csv" || ext == ".txt") ? detail::read_csv_layer(path, options) : read_ogr_layer(path, options);
    if (options.fid_as_field && !layer.field_index("fid")) {
        layer.fields.push_back({"fid", FieldType::Integer});
        for (auto& f : layer.features) f.values.emplace_back(f.fid);
    }
    detail::settle_geometry_kind(layer);
    if (layer.geometry_kind == GeometryKind::Polygons) detail::repair_polygons(layer);
    if (layer.features.empty() && !options.allow_empty)
        throw InputError(
            fmt::format("{}: {} has no features{}{}", path.string(),
                        layer.name.empty() ? "the layer" : "layer \"" + layer.name + "\"",
                        options.where.empty() ? "" : fmt::format(" matching where {}", options.where),
                        layer.report.skipped > 0
                            ? fmt::format(" ({})", layer.report.warnings.back())
                            : ""));
    return layer;
}

std::vector<std::string> list_layers(const fs::path& path) {
    const std::string ext = lower_extension(path);
    if (ext == ".csv" || ext == ".txt") return {path.stem().string()};
    detail::ensure_gdal_registered();
    QuietErrors quiet;
    DatasetPtr ds = open_vector(path, gdal_path_of(path), CPLStringList());
    std::vector<std::string> names;
    for (int i = 0; i < ds->GetLayerCount(); ++i) names.emplace_back(ds->GetLayer(i)->GetName());
    return names;
}

}  // namespace needmap::geo
