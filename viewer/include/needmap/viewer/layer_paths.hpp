#pragma once

// The thin adapter from core values to Qt drawing: geo::Layer geometry as QPainterPaths.

#include "needmap/geo/layer.hpp"

#include <QPainterPath>
#include <QPointF>
#include <QRectF>

#include <vector>

namespace needmap::viewer {

/// One feature ready to draw, in the layer's coordinates (y up, as in the map).
struct FeatureShape {
    QPainterPath path;    ///< polygons (odd-even fill, holes kept) or lines; empty for points
    bool filled = false;  ///< true for polygons
    std::vector<QPointF> points;
    QRectF bounds;  ///< of the path (set by shape_of)
};

/// The shape of one geometry.
[[nodiscard]] FeatureShape shape_of(const geo::Geometry& geometry);

/// Polygons as drawn at a scale: only those whose bounds meet `keep`, simplified (Douglas-Peucker)
/// to `tolerance` map units (0: as they are). A map of one district need not carry the whole town.
[[nodiscard]] FeatureShape shape_of(const geo::MultiPolygon& polygons, const QRectF& keep, double tolerance);

/// Lines as drawn on a map of `keep`: only their segments that meet it.
[[nodiscard]] FeatureShape shape_of(const geo::MultiLineString& lines, const QRectF& keep);

/// Shapes for every feature of the layer, in feature order.
[[nodiscard]] std::vector<FeatureShape> layer_shapes(const geo::Layer& layer);

/// The bounding rectangle of all shapes, in map coordinates.
[[nodiscard]] QRectF shapes_bounds(const std::vector<FeatureShape>& shapes);

}  // namespace needmap::viewer
