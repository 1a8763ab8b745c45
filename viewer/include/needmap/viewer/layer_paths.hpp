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
};

/// The shape of one geometry.
[[nodiscard]] FeatureShape shape_of(const geo::Geometry& geometry);

/// Shapes for every feature of the layer, in feature order.
[[nodiscard]] std::vector<FeatureShape> layer_shapes(const geo::Layer& layer);

/// The bounding rectangle of all shapes, in map coordinates.
[[nodiscard]] QRectF shapes_bounds(const std::vector<FeatureShape>& shapes);

}  // namespace needmap::viewer
