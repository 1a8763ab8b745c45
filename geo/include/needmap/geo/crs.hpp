#pragma once

#include "needmap/geo/geometry.hpp"

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace needmap::geo {

/// A coordinate reference system: an immutable value built through PROJ. An empty Crs means
/// "unknown" (a layer without a .prj, say).
class Crs {
public:
    Crs() = default;

    /// Anything PROJ accepts: "EPSG:6668", a WKT string, a PROJ string.
    /// @throws InputError naming the definition when PROJ cannot build a CRS from it.
    static Crs from_user_input(std::string_view definition);
    static Crs from_epsg(int code);

    [[nodiscard]] bool empty() const { return m_wkt.empty(); }
    /// WKT2:2019, the definition every other call works from.
    [[nodiscard]] const std::string& wkt() const { return m_wkt; }
    [[nodiscard]] const std::string& name() const { return m_name; }
    /// The EPSG code when the CRS is one (declared, or identified by PROJ with full confidence).
    [[nodiscard]] std::optional<int> epsg() const { return m_epsg; }
    [[nodiscard]] bool is_geographic() const { return m_geographic; }
    /// "EPSG:6669 (JGD2011 / Japan Plane Rectangular CS I)", or the name alone.
    [[nodiscard]] std::string label() const;
    /// Same CRS, ignoring names and metadata.
    [[nodiscard]] bool equivalent_to(const Crs& other) const;

private:
    std::string m_wkt;
    std::string m_name;
    std::optional<int> m_epsg;
    bool m_geographic = false;
};

/// Converts coordinates between two CRSs, always in traditional GIS order (x = easting or
/// longitude, y = northing or latitude) whatever axis order the CRSs' authority declares.
/// Holds its own PROJ context: use one Transformer per thread.
class Transformer {
public:
    /// @throws InputError when either CRS is empty or PROJ finds no operation between them.
    Transformer(const Crs& from, const Crs& to);
    ~Transformer();
    Transformer(Transformer&&) noexcept;
    Transformer& operator=(Transformer&&) noexcept;
    Transformer(const Transformer&) = delete;
    Transformer& operator=(const Transformer&) = delete;

    /// @throws InputError when the point cannot be transformed (outside the CRS's domain).
    [[nodiscard]] Point operator()(Point p) const;
    /// Transforms in place; a point that cannot be transformed becomes (inf, inf).
    void transform(std::span<Point> points) const;
    /// True when source and target are the same CRS: transform() is then a no-op.
    [[nodiscard]] bool is_identity() const { return m_identity; }

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    bool m_identity = false;
};

/// JGD2011 geographic (EPSG:6668): what mesh codes and the A32/N03 data are defined in.
[[nodiscard]] const Crs& jgd2011();
/// WGS 84 geographic (EPSG:4326).
[[nodiscard]] const Crs& wgs84();

struct MetricCrsChoice {
    Crs crs;
    std::string reason;  ///< one sentence for the run report: which CRS and why
};

/// A metric CRS for distances and areas around a place given in geographic lon/lat (degrees):
/// in Japan the JGD2011 plane-rectangular zone (平面直角座標系) that the law assigns to the
/// prefecture, elsewhere the WGS 84 UTM zone. The prefecture is `prefecture_code` (1..47, from a
/// municipality code in the data) when given, else the one whose seat is nearest; prefectures
/// split between zones (Hokkaido, Tokyo, Kagoshima, Okinawa) are refined by location.
[[nodiscard]] MetricCrsChoice choose_metric_crs(Point lon_lat, int prefecture_code = 0);

}  // namespace needmap::geo
