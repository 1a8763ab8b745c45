#include "needmap/geo/geometry.hpp"

#include <boost/geometry/algorithms/area.hpp>
#include <boost/geometry/algorithms/centroid.hpp>
#include <boost/geometry/algorithms/envelope.hpp>
#include <boost/geometry/algorithms/expand.hpp>
#include <boost/geometry/algorithms/length.hpp>

namespace needmap::geo {

namespace bg = boost::geometry;

GeometryKind kind_of(const Geometry& g) {
    switch (g.index()) {
        case 1:
            return GeometryKind::Points;
        case 2:
            return GeometryKind::MultiPoints;
        case 3:
            return GeometryKind::Lines;
        case 4:
            return GeometryKind::Polygons;
        default:
            return GeometryKind::None;
    }
}

std::string_view to_string(GeometryKind kind) {
    switch (kind) {
        case GeometryKind::Points:
            return "point";
        case GeometryKind::MultiPoints:
            return "multipoint";
        case GeometryKind::Lines:
            return "line";
        case GeometryKind::Polygons:
            return "polygon";
        case GeometryKind::None:
            break;
    }
    return "none";
}

bool is_empty(const Geometry& g) {
    return std::visit(
        [](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>)
                return true;
            else if constexpr (std::is_same_v<T, Point>)
                return false;
            else
                return v.empty();
        },
        g);
}

std::optional<Box> envelope(const Geometry& g) {
    if (is_empty(g)) return std::nullopt;
    return std::visit(
        [](const auto& v) -> std::optional<Box> {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>)
                return std::nullopt;
            else
                return bg::return_envelope<Box>(v);
        },
        g);
}

double area(const MultiPolygon& g) {
    return bg::area(g);
}

std::optional<Point> centroid(const Geometry& g) {
    if (is_empty(g)) return std::nullopt;
    return std::visit(
        [](const auto& v) -> std::optional<Point> {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
                return std::nullopt;
            } else if constexpr (std::is_same_v<T, Point>) {
                return v;
            } else if constexpr (std::is_same_v<T, MultiPolygon>) {
                if (bg::area(v) <= 0) return bg::return_centroid<Point>(v.front().outer());
                return bg::return_centroid<Point>(v);
            } else if constexpr (std::is_same_v<T, MultiLineString>) {
                if (bg::length(v) <= 0) return v.front().front();
                return bg::return_centroid<Point>(v);
            } else {
                return bg::return_centroid<Point>(v);
            }
        },
        g);
}

}  // namespace needmap::geo
