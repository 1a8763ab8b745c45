#pragma once

// Qt-free, GDAL-free geometry values. Coordinates are always in "traditional GIS order":
// x = easting or longitude, y = northing or latitude, whatever axis order the CRS's authority
// declares. The unit is the layer's CRS unit (degrees or metres).

#include <boost/geometry/core/cs.hpp>
#include <boost/geometry/geometries/box.hpp>
#include <boost/geometry/geometries/linestring.hpp>
#include <boost/geometry/geometries/multi_linestring.hpp>
#include <boost/geometry/geometries/multi_point.hpp>
#include <boost/geometry/geometries/multi_polygon.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#include <boost/geometry/geometries/register/point.hpp>
#include <boost/geometry/strategies/strategies.hpp>

#include <optional>
#include <string_view>
#include <variant>

namespace needmap::geo {

struct Point {
    double x = 0;
    double y = 0;
    friend bool operator==(const Point&, const Point&) = default;
};

}  // namespace needmap::geo

BOOST_GEOMETRY_REGISTER_POINT_2D(needmap::geo::Point, double, boost::geometry::cs::cartesian, x, y)

namespace needmap::geo {

using Box = boost::geometry::model::box<Point>;
using MultiPoint = boost::geometry::model::multi_point<Point>;
using LineString = boost::geometry::model::linestring<Point>;
using MultiLineString = boost::geometry::model::multi_linestring<LineString>;
/// Exterior rings counter-clockwise, holes clockwise, rings closed (the OGC convention).
using Polygon = boost::geometry::model::polygon<Point, /*ClockWise=*/false, /*Closed=*/true>;
using Ring = Polygon::ring_type;
using MultiPolygon = boost::geometry::model::multi_polygon<Polygon>;

/// One feature's geometry. Readers promote single polygons and lines to their multi forms, so
/// a polygon layer always holds MultiPolygons and a line layer MultiLineStrings.
using Geometry = std::variant<std::monostate, Point, MultiPoint, MultiLineString, MultiPolygon>;

enum class GeometryKind { None, Points, MultiPoints, Lines, Polygons };

[[nodiscard]] GeometryKind kind_of(const Geometry& g);
[[nodiscard]] std::string_view to_string(GeometryKind kind);

/// True when the geometry is missing or has no coordinates.
[[nodiscard]] bool is_empty(const Geometry& g);

/// The bounding box, or nothing for an empty geometry.
[[nodiscard]] std::optional<Box> envelope(const Geometry& g);

/// Planar area in the square of the CRS unit (0 for points and lines). Meaningful only in a
/// metric (projected) CRS.
[[nodiscard]] double area(const MultiPolygon& g);

/// A representative point: the area-weighted centroid for polygons (which may fall outside a
/// concave polygon), the length-weighted centroid for lines, the mean for points.
[[nodiscard]] std::optional<Point> centroid(const Geometry& g);

/// Calls f(Point&) on every coordinate of the geometry.
template <typename F>
void for_each_point(Geometry& g, F&& f);

// ---- implementation of the template ----

template <typename F>
void for_each_point(Geometry& g, F&& f) {
    std::visit(
        [&](auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, Point>) {
                f(v);
            } else if constexpr (std::is_same_v<T, MultiPoint>) {
                for (auto& p : v) f(p);
            } else if constexpr (std::is_same_v<T, MultiLineString>) {
                for (auto& line : v)
                    for (auto& p : line) f(p);
            } else if constexpr (std::is_same_v<T, MultiPolygon>) {
                for (auto& poly : v) {
                    for (auto& p : poly.outer()) f(p);
                    for (auto& inner : poly.inners())
                        for (auto& p : inner) f(p);
                }
            }
        },
        g);
}

}  // namespace needmap::geo
