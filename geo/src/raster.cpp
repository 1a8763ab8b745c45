#include "needmap/geo/raster.hpp"

#include "detail/gdal.hpp"
#include "needmap/geo/error.hpp"

#include <fmt/format.h>
#include <gdal_alg.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>

namespace needmap::geo {

Box Raster::extent() const {
    double xs[2] = {m_transform[0], m_transform[0] + m_width * m_transform[1] + m_height * m_transform[2]};
    double ys[2] = {m_transform[3], m_transform[3] + m_width * m_transform[4] + m_height * m_transform[5]};
    return Box({std::min(xs[0], xs[1]), std::min(ys[0], ys[1])}, {std::max(xs[0], xs[1]), std::max(ys[0], ys[1])});
}

std::optional<double> Raster::cell(int column, int row) const {
    if (column < 0 || row < 0 || column >= m_width || row >= m_height) return std::nullopt;
    const float v = m_values[static_cast<std::size_t>(row) * static_cast<std::size_t>(m_width) + static_cast<std::size_t>(column)];
    if (std::isnan(v) || (m_no_data && static_cast<double>(v) == *m_no_data)) return std::nullopt;
    return v;
}

std::optional<double> Raster::sample(Point p) const {
    // Pixel coordinates, then relative to cell centres.
    const double px = m_inverse[0] + p.x * m_inverse[1] + p.y * m_inverse[2] - 0.5;
    const double py = m_inverse[3] + p.x * m_inverse[4] + p.y * m_inverse[5] - 0.5;
    if (!(px >= -0.5 && py >= -0.5 && px <= m_width - 0.5 && py <= m_height - 0.5)) return std::nullopt;
    // At the outer half-cell the nearest centre stands in for the missing neighbour.
    const int c0 = std::clamp(static_cast<int>(std::floor(px)), 0, m_width - 1);
    const int r0 = std::clamp(static_cast<int>(std::floor(py)), 0, m_height - 1);
    const int c1 = std::min(c0 + 1, m_width - 1);
    const int r1 = std::min(r0 + 1, m_height - 1);
    const double tx = std::clamp(px - c0, 0.0, 1.0);
    const double ty = std::clamp(py - r0, 0.0, 1.0);
    const auto a = cell(c0, r0);
    const auto b = cell(c1, r0);
    const auto c = cell(c0, r1);
    const auto d = cell(c1, r1);
    if (!a || !b || !c || !d) return std::nullopt;
    return (*a * (1 - tx) + *b * tx) * (1 - ty) + (*c * (1 - tx) + *d * tx) * ty;
}

Raster Raster::read(const std::filesystem::path& path) {
    detail::ensure_gdal_registered();
    detail::QuietErrors quiet;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw InputError(fmt::format("{}: no such file", path.string()));
    detail::DatasetPtr ds(GDALDataset::FromHandle(
        GDALOpenEx(path.string().c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
    if (!ds)
        throw InputError(fmt::format("{}: not a raster GDAL can read ({}); give a GeoTIFF or another raster format",
                                     path.string(), detail::QuietErrors::last_message()));
    if (ds->GetRasterCount() < 1) throw InputError(fmt::format("{}: has no raster band", path.string()));
    Raster r;
    const OGRSpatialReference* srs = ds->GetSpatialRef();
    if (srs == nullptr || srs->IsEmpty())
        throw InputError(fmt::format("{}: has no coordinate reference system; give one (e.g. gdal_translate -a_srs "
                                     "EPSG:6668 for GSI's DEM)",
                                     path.string()));
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2019", nullptr};
    srs->exportToWkt(&wkt, options);
    r.m_crs = Crs::from_user_input(wkt);
    CPLFree(wkt);
    if (ds->GetGeoTransform(r.m_transform) != CE_None)
        throw InputError(fmt::format("{}: has no georeferencing (geotransform)", path.string()));
    if (!GDALInvGeoTransform(r.m_transform, r.m_inverse))
        throw InputError(fmt::format("{}: its geotransform cannot be inverted", path.string()));
    GDALRasterBand* band = ds->GetRasterBand(1);
    r.m_width = band->GetXSize();
    r.m_height = band->GetYSize();
    int has_no_data = 0;
    const double no_data = band->GetNoDataValue(&has_no_data);
    if (has_no_data != 0) r.m_no_data = static_cast<double>(static_cast<float>(no_data));
    r.m_values.resize(static_cast<std::size_t>(r.m_width) * static_cast<std::size_t>(r.m_height));
    if (band->RasterIO(GF_Read, 0, 0, r.m_width, r.m_height, r.m_values.data(), r.m_width, r.m_height, GDT_Float32, 0, 0,
                       nullptr) != CE_None)
        throw InputError(fmt::format("{}: cannot read its cells ({})", path.string(), detail::QuietErrors::last_message()));
    return r;
}

}  // namespace needmap::geo
