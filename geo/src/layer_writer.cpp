#include "detail/gdal.hpp"
#include "detail/gpkg_aliases.hpp"
#include "detail/ogr_geometry.hpp"
#include "needmap/geo/atomic_file.hpp"
#include "needmap/geo/error.hpp"
#include "needmap/geo/csv.hpp"
#include "needmap/geo/temp_files.hpp"
#include "needmap/geo/layer_io.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <fstream>
#include <set>
#include <unistd.h>

namespace needmap::geo {
namespace fs = std::filesystem;

namespace {

using detail::QuietErrors;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

/// Removes what it holds unless released: temporary outputs of a write that failed.
/// A temporary file (or folder of `parts`) removed when the guard goes, or a signal stops the run.
class TempGuard {
public:
    explicit TempGuard(fs::path p, const std::vector<std::string>& parts = {})
        : m_path(std::move(p)), m_registration(m_path, parts) {}
    ~TempGuard() {
        std::error_code ec;
        if (!m_path.empty()) fs::remove_all(m_path, ec);
    }
    TempGuard(const TempGuard&) = delete;
    TempGuard& operator=(const TempGuard&) = delete;
    [[nodiscard]] const fs::path& path() const { return m_path; }
    void release() { m_path.clear(); }

private:
    fs::path m_path;
    TempRegistration m_registration;
};

fs::path temp_name(const fs::path& target, std::string_view ext) {
    remove_stale_temps(target);
    return temp_path_for(target, std::string(ext));
}

void prepare_folder(const fs::path& target) {
    const fs::path dir = target.parent_path();
    if (dir.empty()) return;
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        throw InputError(
            fmt::format("{}: cannot create the folder {} ({})", target.string(), dir.string(), ec.message()));
}

void rename_into_place(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    fs::rename(from, to, ec);
    if (ec) throw InputError(fmt::format("{}: cannot be written ({})", to.string(), ec.message()));
}

OGRwkbGeometryType ogr_type(GeometryKind kind) {
    switch (kind) {
        case GeometryKind::Points:
            return wkbPoint;
        case GeometryKind::MultiPoints:
            return wkbMultiPoint;
        case GeometryKind::Lines:
            return wkbMultiLineString;
        case GeometryKind::Polygons:
            return wkbMultiPolygon;
        case GeometryKind::None:
            break;
    }
    return wkbNone;
}

/// Writes one layer into an open dataset. `names` are the field names to write, in field order.
void write_ogr_layer(GDALDataset& ds, const Layer& layer, const std::vector<std::string>& names,
                     const CPLStringList& layer_options, const fs::path& target, std::optional<Encoding> dbf_encoding) {
    OGRSpatialReference srs;
    const bool has_crs = !layer.crs.empty() && srs.importFromWkt(layer.crs.wkt().c_str()) == OGRERR_NONE;
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const std::string layer_name = dbf_encoding ? target.stem().string() : layer.name;
    OGRLayer* out = ds.CreateLayer(layer_name.c_str(), has_crs ? &srs : nullptr, ogr_type(layer.geometry_kind),
                                   const_cast<char**>(layer_options.List()));  // NOLINT: GDAL's API takes char**
    if (out == nullptr)
        throw InputError(fmt::format("{}: cannot create layer \"{}\" ({})", target.string(), layer_name,
                                     QuietErrors::last_message()));
    for (std::size_t i = 0; i < layer.fields.size(); ++i) {
        const Field& field = layer.fields[i];
        OGRFieldDefn defn(names[i].c_str(), detail::ogr_field_type(field.type));
        if (!field.alias.empty()) defn.SetAlternativeName(field.alias.c_str());
        if (dbf_encoding && field.type == FieldType::String) {
            std::size_t width = 1;
            for (const auto& f : layer.features)
                if (const auto* s = std::get_if<std::string>(&f.values[i]))
                    width = std::max(width, encoded_size(*s, *dbf_encoding));
            if (width > 254)
                throw InputError(
                    fmt::format("{}: field \"{}\" has text of {} bytes; a Shapefile holds at most 254 per "
                                "value; write a GeoPackage instead",
                                target.string(), field.name, width));
            defn.SetWidth(static_cast<int>(width));
        }
        if (out->CreateField(&defn) != OGRERR_NONE)
            throw InputError(fmt::format("{}: cannot create field \"{}\" ({})", target.string(), names[i],
                                         QuietErrors::last_message()));
    }
    const bool transaction = ds.StartTransaction() == OGRERR_NONE;
    for (const auto& feature : layer.features) {
        OGRFeature f(out->GetLayerDefn());
        for (std::size_t i = 0; i < layer.fields.size(); ++i) {
            const int idx = static_cast<int>(i);
            const Value& v = feature.values[i];
            if (const auto* n = std::get_if<std::int64_t>(&v))
                f.SetField(idx, static_cast<GIntBig>(*n));
            else if (const auto* d = std::get_if<double>(&v))
                f.SetField(idx, *d);
            else if (const auto* s = std::get_if<std::string>(&v))
                f.SetField(idx, s->c_str());
            else
                f.SetFieldNull(idx);
        }
        if (auto g = detail::to_ogr(feature.geometry)) f.SetGeometryDirectly(g.release());
        if (out->CreateFeature(&f) != OGRERR_NONE)
            throw InputError(fmt::format("{}: cannot write feature {} of layer \"{}\" ({})", target.string(),
                                         feature.fid, layer_name, QuietErrors::last_message()));
    }
    if (transaction && ds.CommitTransaction() != OGRERR_NONE)
        throw InputError(fmt::format("{}: cannot write layer \"{}\" ({})", target.string(), layer_name,
                                     QuietErrors::last_message()));
}

detail::DatasetPtr create_dataset(const char* driver_name, const fs::path& path, const fs::path& target) {
    detail::ensure_gdal_registered();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name);
    if (driver == nullptr) throw InputError(fmt::format("{}: GDAL has no {} driver", target.string(), driver_name));
    detail::DatasetPtr ds(driver->Create(path.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw InputError(fmt::format("{}: cannot be created ({})", target.string(), QuietErrors::last_message()));
    return ds;
}

std::vector<std::string> plain_names(const Layer& layer) {
    std::vector<std::string> names;
    for (const auto& f : layer.fields) names.push_back(f.name);
    return names;
}

/// The layer_styles table as QGIS writes and reads it in a GeoPackage.
void write_layer_styles(GDALDataset& ds, std::span<const LayerStyle> styles, const fs::path& target) {
    CPLStringList options;
    options.SetNameValue("FID", "id");  // QGIS's name for the key
    OGRLayer* out = ds.CreateLayer("layer_styles", nullptr, wkbNone, const_cast<char**>(options.List()));  // NOLINT
    if (out == nullptr)
        throw InputError(
            fmt::format("{}: cannot create the layer_styles table ({})", target.string(), QuietErrors::last_message()));
    const std::pair<const char*, OGRFieldType> fields[] = {{"f_table_catalog", OFTString},
                                                           {"f_table_schema", OFTString},
                                                           {"f_table_name", OFTString},
                                                           {"f_geometry_column", OFTString},
                                                           {"styleName", OFTString},
                                                           {"styleQML", OFTString},
                                                           {"styleSLD", OFTString},
                                                           {"useAsDefault", OFTInteger},
                                                           {"description", OFTString},
                                                           {"owner", OFTString},
                                                           {"ui", OFTString},
                                                           {"update_time", OFTDateTime}};
    for (const auto& [name, type] : fields) {
        OGRFieldDefn defn(name, type);
        if (type == OFTInteger) defn.SetSubType(OFSTBoolean);
        if (out->CreateField(&defn) != OGRERR_NONE)
            throw InputError(fmt::format("{}: cannot create field \"{}\" of layer_styles ({})", target.string(), name,
                                         QuietErrors::last_message()));
    }
    for (const LayerStyle& style : styles) {
        OGRLayer* styled = ds.GetLayerByName(style.layer.c_str());
        if (styled == nullptr)
            throw InputError(
                fmt::format("{}: a style is for layer \"{}\", which is not written", target.string(), style.layer));
        OGRFeature f(out->GetLayerDefn());
        f.SetField("f_table_catalog", "");
        f.SetField("f_table_schema", "");
        f.SetField("f_table_name", style.layer.c_str());
        f.SetField("f_geometry_column", styled->GetGeometryColumn());
        f.SetField("styleName", style.name.c_str());
        f.SetField("styleQML", style.qml.c_str());
        f.SetField("styleSLD", "");
        f.SetField("useAsDefault", style.is_default ? 1 : 0);
        f.SetField("description", style.description.c_str());
        f.SetField("owner", "");
        const std::time_t now = std::time(nullptr);
        std::tm utc{};
        gmtime_r(&now, &utc);
        f.SetField("update_time", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min,
                   static_cast<float>(utc.tm_sec), 100);
        if (out->CreateFeature(&f) != OGRERR_NONE)
            throw InputError(fmt::format("{}: cannot write the style \"{}\" ({})", target.string(), style.name,
                                         QuietErrors::last_message()));
    }
}

WriteReport write_geopackage(const fs::path& target, std::span<const Layer> layers,
                             std::span<const LayerStyle> styles) {
    WriteReport report;
    TempGuard temp(temp_name(target, ".gpkg"));
    {
        detail::DatasetPtr ds = create_dataset("GPKG", temp.path(), target);
        std::set<std::string> seen;
        for (const Layer& layer : layers) {
            if (!seen.insert(layer.name).second)
                throw InputError(fmt::format("{}: two layers are both named \"{}\"", target.string(), layer.name));
            write_ogr_layer(*ds, layer, plain_names(layer), CPLStringList(), target, std::nullopt);
        }
        if constexpr (!detail::kGdalKeepsGpkgAliases) detail::write_gpkg_aliases(*ds, layers, target);
        if (!styles.empty()) write_layer_styles(*ds, styles, target);
    }  // closing the dataset flushes it
    rename_into_place(temp.path(), target);
    temp.release();
    report.files.push_back(target);
    return report;
}

WriteReport write_geojson(const fs::path& target, const Layer& layer) {
    WriteReport report;
    std::optional<Layer> reprojected;
    if (!layer.crs.empty() && !layer.crs.equivalent_to(wgs84())) {
        reprojected = reproject(layer, wgs84());
        report.notes.push_back(fmt::format("reprojected from {} to WGS 84 (RFC 7946)", layer.crs.label()));
    }
    const Layer& wgs = reprojected ? *reprojected : layer;
    TempGuard temp(temp_name(target, ".geojson"));
    {
        detail::DatasetPtr ds = create_dataset("GeoJSON", temp.path(), target);
        CPLStringList options;
        options.SetNameValue("RFC7946", "YES");
        write_ogr_layer(*ds, wgs, plain_names(wgs), options, target, std::nullopt);
    }
    rename_into_place(temp.path(), target);
    temp.release();
    report.files.push_back(target);
    return report;
}

/// The DBF field names asked for, checked; or, when none are asked for, made by shapefile_field_names.
std::vector<std::string> dbf_names(const fs::path& target, const Layer& layer, const WriteOptions& options) {
    if (options.shapefile_names.empty()) return shapefile_field_names(plain_names(layer), options.encoding);
    const auto& names = options.shapefile_names;
    if (names.size() != layer.fields.size())
        throw InputError(fmt::format("{}: {} Shapefile field names for {} fields", target.string(), names.size(),
                                     layer.fields.size()));
    std::set<std::string> taken;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i].empty() || encoded_size(names[i], options.encoding) > 10)
            throw InputError(fmt::format("{}: field \"{}\" cannot be named \"{}\" in a Shapefile (1 to 10 bytes)",
                                         target.string(), layer.fields[i].name, names[i]));
        if (!taken.insert(lower(names[i])).second)
            throw InputError(
                fmt::format("{}: two fields would both be named \"{}\" in the Shapefile", target.string(), names[i]));
    }
    return names;
}

WriteReport write_shapefile(const fs::path& target, const Layer& layer, const WriteOptions& options) {
    const Encoding encoding = options.encoding;
    WriteReport report;
    if (encoding == Encoding::Cp932) {  // fail before writing anything, naming the feature
        for (const auto& feature : layer.features)
            for (std::size_t i = 0; i < layer.fields.size(); ++i)
                if (const auto* s = std::get_if<std::string>(&feature.values[i]))
                    (void)recode(
                        *s, Encoding::Utf8, Encoding::Cp932,
                        fmt::format("{}: feature {} field \"{}\"", target.string(), feature.fid, layer.fields[i].name));
    }
    const std::vector<std::string> names = dbf_names(target, layer, options);
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] != layer.fields[i].name) report.renamed_fields.emplace_back(layer.fields[i].name, names[i]);

    const std::string stem = target.stem().string();
    std::vector<std::string> parts{stem + ".shp", stem + ".shx", stem + ".dbf", stem + ".prj", stem + ".cpg"};
    for (const Sidecar& sidecar : options.sidecars) parts.push_back(stem + sidecar.suffix);
    TempGuard temp(temp_name(target, ""), parts);
    std::error_code ec;
    fs::create_directories(temp.path(), ec);
    const fs::path temp_shp = temp.path() / target.filename();
    {
        detail::DatasetPtr ds = create_dataset("ESRI Shapefile", temp_shp, target);
        CPLStringList layer_options;
        // LDID/19 is CP932: GDAL writes it as the DBF's language byte (0x13) and encodes in CP932.
        layer_options.SetNameValue("ENCODING", encoding == Encoding::Cp932 ? "LDID/19" : "UTF-8");
        write_ogr_layer(*ds, layer, names, layer_options, target, encoding);
    }
    // Always say the encoding in a .cpg file: readers guess wrong without one.
    {
        fs::path cpg = temp_shp;
        cpg.replace_extension(".cpg");
        std::ofstream(cpg, std::ios::binary) << (encoding == Encoding::Cp932 ? "CP932" : "UTF-8");
    }
    for (const Sidecar& sidecar : options.sidecars) {
        std::ofstream out(temp.path() / (stem + sidecar.suffix), std::ios::binary);
        out << sidecar.bytes;
        if (!out.flush())
            throw InputError(
                fmt::format("{}: cannot write {}{} (is the disk full?)", target.string(), stem, sidecar.suffix));
    }
    // Over an old Shapefile, its parts the new one does not have (an index, a .prj of another
    // CRS, QGIS's sidecars, a field list of other fields) go, so that no part of the old one
    // stays beside the new.
    std::vector<fs::path> written;
    for (const auto& entry : fs::directory_iterator(temp.path())) written.push_back(entry.path().filename());
    for (const char* ext :
         {".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx", ".qmd", ".shp.xml", "_fields.csv"}) {
        const fs::path old_part = target.parent_path() / (target.stem().string() + ext);
        if (std::find(written.begin(), written.end(), old_part.filename()) == written.end()) fs::remove(old_part, ec);
    }
    for (const auto& name : written) {
        const fs::path final_path = target.parent_path() / name;
        rename_into_place(temp.path() / name, final_path);
        report.files.push_back(final_path);
    }
    std::sort(report.files.begin(), report.files.end());
    return report;
}


WriteReport write_csv(const fs::path& target, const Layer& layer) {
    WriteReport report;
    const bool points = layer.geometry_kind == GeometryKind::Points;
    const Layer* data = &layer;
    Layer wgs;
    if (points && !layer.crs.empty() && !layer.crs.equivalent_to(wgs84())) {
        wgs = reproject(layer, wgs84());
        data = &wgs;
    }
    if (!points && layer.geometry_kind != GeometryKind::None)
        report.notes.push_back(
            fmt::format("{} geometry left out of the CSV; write a GeoPackage or Shapefile to keep it",
                        to_string(layer.geometry_kind)));
    AtomicFile file(target);
    std::ofstream& out = file.stream();
    out << "\xEF\xBB\xBF";
    std::string line;
    for (std::size_t i = 0; i < data->fields.size(); ++i) line += (i ? "," : "") + csv_field(data->fields[i].name);
    if (points) line += data->fields.empty() ? "lon,lat" : ",lon,lat";
    out << line << "\r\n";
    // GDAL's .csvt (one quoted type per column), so that GDAL and QGIS read numbers as numbers.
    fs::path csvt_path = target;
    csvt_path.replace_extension(".csvt");
    AtomicFile csvt(csvt_path);
    line.clear();
    for (std::size_t i = 0; i < data->fields.size(); ++i) {
        const FieldType type = data->fields[i].type;
        line += i ? "," : "";
        line += type == FieldType::Integer ? "\"Integer64\"" : type == FieldType::Real ? "\"Real\"" : "\"String\"";
    }
    if (points) line += data->fields.empty() ? "\"Real\",\"Real\"" : ",\"Real\",\"Real\"";
    csvt.stream() << line << "\r\n";
    for (const auto& feature : data->features) {
        line.clear();
        for (std::size_t i = 0; i < feature.values.size(); ++i)
            line += (i ? "," : "") + csv_field(to_text(feature.values[i]));
        if (points) {
            if (const auto* p = std::get_if<Point>(&feature.geometry))
                line += fmt::format("{}{:.7f},{:.7f}", feature.values.empty() ? "" : ",", p->x, p->y);
            else
                line += feature.values.empty() ? "," : ",,";
        }
        out << line << "\r\n";
    }
    csvt.commit();
    file.commit();
    report.files.push_back(target);
    report.files.push_back(csvt_path);
    return report;
}

}  // namespace

Format parse_format(std::string_view name) {
    const std::string key = lower(std::string(name));
    if (key == "gpkg" || key == "geopackage") return Format::GeoPackage;
    if (key == "shp" || key == "shapefile") return Format::Shapefile;
    if (key == "geojson" || key == "json") return Format::GeoJson;
    if (key == "csv") return Format::Csv;
    throw InputError(fmt::format("unknown output format \"{}\": use gpkg, shp, geojson or csv", name));
}

Format format_of(const fs::path& path) {
    const std::string ext = lower(path.extension().string());
    if (ext.size() > 1) {
        try {
            return parse_format(std::string_view(ext).substr(1));
        } catch (const InputError&) {
        }
    }
    throw InputError(
        fmt::format("{}: cannot tell the output format from the file name; end it in .gpkg, .shp, "
                    ".geojson or .csv",
                    path.string()));
}

std::vector<std::string> shapefile_field_names(std::span<const std::string> names, Encoding encoding) {
    constexpr std::size_t kMaxBytes = 10;
    std::vector<std::string> out(names.size());
    std::set<std::string> taken;  // case-folded: DBF field names are not case-sensitive
    // Names that fit keep their name (the first of any case-insensitive duplicates does).
    for (std::size_t i = 0; i < names.size(); ++i)
        if (encoded_size(names[i], encoding) <= kMaxBytes && taken.insert(lower(names[i])).second) out[i] = names[i];
    // The longest prefix of `s` (whole UTF-8 characters) that takes at most `bytes` bytes.
    auto cut = [&](const std::string& s, std::size_t bytes) {
        std::size_t end = 0;
        for (std::size_t i = 0; i < s.size();) {
            std::size_t next = i + 1;
            while (next < s.size() && (static_cast<unsigned char>(s[next]) & 0xC0) == 0x80) ++next;
            if (encoded_size(std::string_view(s).substr(0, next), encoding) > bytes) break;
            end = i = next;
        }
        return s.substr(0, end);
    };
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (!out[i].empty()) continue;
        std::string candidate = cut(names[i], kMaxBytes);
        for (int n = 1; candidate.empty() || !taken.insert(lower(candidate)).second; ++n) {
            const std::string suffix = fmt::format("_{}", n);
            candidate = cut(names[i], kMaxBytes - suffix.size()) + suffix;
        }
        out[i] = candidate;
    }
    return out;
}

WriteReport write_layers(const fs::path& path, std::span<const Layer> layers, const WriteOptions& options) {
    const Format format = options.format ? *options.format : format_of(path);
    if (layers.empty()) throw InputError(fmt::format("{}: nothing to write", path.string()));
    if (format != Format::GeoPackage && layers.size() > 1)
        throw InputError(
            fmt::format("{}: this format holds one layer, not {}; write a GeoPackage", path.string(), layers.size()));
    if (format != Format::GeoPackage && !options.styles.empty())
        throw InputError(fmt::format("{}: layer styles are kept only in a GeoPackage", path.string()));
    if (format != Format::Shapefile && (!options.shapefile_names.empty() || !options.sidecars.empty()))
        throw InputError(fmt::format("{}: Shapefile field names and sidecar files are for Shapefiles", path.string()));
    prepare_folder(path);
    QuietErrors quiet;
    switch (format) {
        case Format::GeoPackage:
            return write_geopackage(path, layers, options.styles);
        case Format::Shapefile:
            return write_shapefile(path, layers.front(), options);
        case Format::GeoJson:
            return write_geojson(path, layers.front());
        case Format::Csv:
            return write_csv(path, layers.front());
    }
    return {};
}

}  // namespace needmap::geo
