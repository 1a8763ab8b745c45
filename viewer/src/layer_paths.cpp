#include "needmap/viewer/layer_paths.hpp"

#include <boost/geometry/algorithms/envelope.hpp>
#include <boost/geometry/algorithms/simplify.hpp>

namespace needmap::viewer {
namespace {

void add_ring(QPainterPath& path, const geo::Ring& ring) {
    if (ring.empty()) return;
    path.moveTo(ring.front().x, ring.front().y);
    for (std::size_t i = 1; i < ring.size(); ++i) path.lineTo(ring[i].x, ring[i].y);
    path.closeSubpath();
}

}  // namespace

FeatureShape shape_of(const geo::Geometry& geometry) {
    FeatureShape shape;
    shape.path.setFillRule(Qt::OddEvenFill);
    std::visit(
        [&](const auto& g) {
            using T = std::decay_t<decltype(g)>;
            if constexpr (std::is_same_v<T, geo::Point>) {
                shape.points.emplace_back(g.x, g.y);
            } else if constexpr (std::is_same_v<T, geo::MultiPoint>) {
                for (const auto& p : g) shape.points.emplace_back(p.x, p.y);
            } else if constexpr (std::is_same_v<T, geo::MultiLineString>) {
                for (const auto& line : g) {
                    if (line.empty()) continue;
                    shape.path.moveTo(line.front().x, line.front().y);
                    for (std::size_t i = 1; i < line.size(); ++i) shape.path.lineTo(line[i].x, line[i].y);
                }
            } else if constexpr (std::is_same_v<T, geo::MultiPolygon>) {
                shape.filled = true;
                for (const auto& poly : g) {
                    add_ring(shape.path, poly.outer());
                    for (const auto& hole : poly.inners()) add_ring(shape.path, hole);
                }
            }
        },
        geometry);
    shape.bounds = shape.path.controlPointRect();
    return shape;
}

FeatureShape shape_of(const geo::MultiPolygon& polygons, const QRectF& keep, double tolerance) {
    FeatureShape shape;
    shape.path.setFillRule(Qt::OddEvenFill);
    shape.filled = true;
    for (const auto& polygon : polygons) {
        geo::Box box;
        boost::geometry::envelope(polygon, box);
        if (!keep.intersects(QRectF(QPointF(box.min_corner().x, box.min_corner().y),
                                    QPointF(box.max_corner().x, box.max_corner().y))))
            continue;
        geo::Polygon simple;
        if (tolerance > 0)
            boost::geometry::simplify(polygon, simple, tolerance);
        else
            simple = polygon;
        add_ring(shape.path, simple.outer());
        for (const auto& hole : simple.inners()) add_ring(shape.path, hole);
    }
    shape.bounds = shape.path.controlPointRect();
    return shape;
}

FeatureShape shape_of(const geo::MultiLineString& lines, const QRectF& keep) {
    FeatureShape shape;
    for (const auto& line : lines) {
        bool drawing = false;  // whether the path is at the end of the last segment kept
        for (std::size_t i = 1; i < line.size(); ++i) {
            const QPointF a(line[i - 1].x, line[i - 1].y);
            const QPointF b(line[i].x, line[i].y);
            if (!keep.intersects(QRectF(a, b).normalized().adjusted(-1e-6, -1e-6, 1e-6, 1e-6))) {
                drawing = false;
                continue;
            }
            if (!drawing) shape.path.moveTo(a);
            shape.path.lineTo(b);
            drawing = true;
        }
    }
    shape.bounds = shape.path.controlPointRect();
    return shape;
}

std::vector<FeatureShape> layer_shapes(const geo::Layer& layer) {
    std::vector<FeatureShape> out;
    out.reserve(layer.features.size());
    for (const auto& feature : layer.features) out.push_back(shape_of(feature.geometry));
    return out;
}

QRectF shapes_bounds(const std::vector<FeatureShape>& shapes) {
    QRectF bounds;
    for (const auto& s : shapes) {
        if (!s.path.isEmpty()) bounds = bounds.isNull() ? s.path.boundingRect() : bounds.united(s.path.boundingRect());
        for (const auto& p : s.points) {
            const QRectF r(p, QSizeF(0, 0));
            bounds = bounds.isNull() ? QRectF(p, QSizeF(1e-9, 1e-9)) : bounds.united(r);
        }
    }
    return bounds;
}

}  // namespace needmap::viewer
