#pragma once

// A single-band raster held in memory, such as a digital elevation model (GSI 基盤地図情報 DEM
// converted to GeoTIFF, SRTM, a prefecture's LiDAR grid): anything GDAL reads.

#include "needmap/geo/crs.hpp"
#include "needmap/geo/geometry.hpp"

#include <filesystem>
#include <optional>
#include <vector>

namespace needmap::geo {

class Raster {
public:
    Raster() = default;
    [[nodiscard]] const Crs& crs() const { return m_crs; }
    [[nodiscard]] int width() const { return m_width; }
    [[nodiscard]] int height() const { return m_height; }
    /// The cells' outer bounds, in the raster's CRS (x = easting or longitude).
    [[nodiscard]] Box extent() const;
    /// The value at a point of the raster's CRS, interpolated bilinearly between the centres of
    /// the four nearest cells; nothing outside the raster or where any of them holds no data.
    [[nodiscard]] std::optional<double> sample(Point p) const;
    /// The value of one cell (column, row from the top); nothing where it holds no data.
    [[nodiscard]] std::optional<double> cell(int column, int row) const;

    /// Reads band 1. A raster with no CRS is refused (its cells could be anywhere).
    /// @throws InputError naming the file when GDAL cannot read it.
    static Raster read(const std::filesystem::path& path);

private:
    Crs m_crs;
    int m_width = 0;
    int m_height = 0;
    double m_transform[6] = {0, 1, 0, 0, 0, -1};  ///< GDAL's geotransform
    double m_inverse[6] = {0, 1, 0, 0, 0, -1};
    std::vector<float> m_values;  ///< row by row from the top
    std::optional<double> m_no_data;
};

}  // namespace needmap::geo
