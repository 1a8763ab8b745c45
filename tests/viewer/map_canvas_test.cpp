// The viewer's map canvas, drawn offscreen (QT_QPA_PLATFORM=offscreen).

#include "needmap/viewer/map_canvas.hpp"

#include "qt_app.hpp"

#include <QImage>
#include <QPainter>
#include <catch2/catch.hpp>

using namespace needmap;

namespace {

/// A 1 km square with a 200 m hole in its middle, in a metric CRS.
geo::Layer square_with_hole() {
    geo::Layer layer;
    layer.crs = geo::Crs::from_epsg(6674);
    layer.geometry_kind = geo::GeometryKind::Polygons;
    geo::Polygon p;
    p.outer() = {{0, 0}, {1000, 0}, {1000, 1000}, {0, 1000}, {0, 0}};
    p.inners().push_back({{400, 400}, {400, 600}, {600, 600}, {600, 400}, {400, 400}});
    layer.features.push_back({1, geo::MultiPolygon{p}, {}});
    return layer;
}

}  // namespace

TEST_CASE("the canvas fills a polygon, leaves its hole and the outside empty", "[viewer]") {
    needmap::test::qt_app();
    viewer::MapCanvas canvas;
    canvas.resize(200, 200);
    viewer::LayerStyle style;
    style.fill = QColor(200, 30, 30);
    style.stroke = QColor(200, 30, 30);
    canvas.add_layer(square_with_hole(), style);
    canvas.zoom_to_extent();

    QImage image(200, 200, QImage::Format_RGB32);
    QPainter painter(&image);
    canvas.render(painter, image.rect());
    painter.end();

    // The square spans 95% of the width, centred: 1000 m over 190 px.
    const QTransform t = canvas.map_to_screen();
    const QPoint inside = t.map(QPointF(200, 800)).toPoint();  // north-west part of the square
    const QPoint hole = t.map(QPointF(500, 500)).toPoint();
    CHECK(inside.x() < 100);
    CHECK(inside.y() < 100);  // north is up
    CHECK(image.pixelColor(inside) == QColor(200, 30, 30));
    CHECK(image.pixelColor(hole) == QColor(250, 250, 247));
    CHECK(image.pixelColor(1, 1) == QColor(250, 250, 247));
}
