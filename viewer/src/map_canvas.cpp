#include "needmap/viewer/map_canvas.hpp"

#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <cmath>

namespace needmap::viewer {

MapCanvas::MapCanvas(QWidget* parent) : QWidget(parent) {
    setMinimumSize(200, 150);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMouseTracking(false);
}

void MapCanvas::add_layer(const geo::Layer& layer, const LayerStyle& style) {
    m_layers.push_back({layer_shapes(layer), style});
    m_fitted = false;
    update();
}

void MapCanvas::clear_layers() {
    m_layers.clear();
    update();
}

void MapCanvas::zoom_to_extent() {
    QRectF bounds;
    for (const auto& l : m_layers) {
        const QRectF b = shapes_bounds(l.shapes);
        if (!b.isNull()) bounds = bounds.isNull() ? b : bounds.united(b);
    }
    if (bounds.isNull() || width() <= 0 || height() <= 0) return;
    m_centre = bounds.center();
    const double sx = bounds.width() > 0 ? width() / bounds.width() : 1.0;
    const double sy = bounds.height() > 0 ? height() / bounds.height() : 1.0;
    m_scale = 0.95 * std::min(sx, sy);
    m_fitted = true;
    update();
}

QTransform MapCanvas::transform_for(const QRect& target) const {
    // y grows north on the map and down on the screen.
    QTransform t;
    t.translate(target.center().x() + 0.5, target.center().y() + 0.5);
    t.scale(m_scale, -m_scale);
    t.translate(-m_centre.x(), -m_centre.y());
    return t;
}

QTransform MapCanvas::map_to_screen() const {
    return transform_for(rect());
}

void MapCanvas::render(QPainter& painter, const QRect& target) const {
    painter.fillRect(target, QColor(250, 250, 247));
    painter.setRenderHint(QPainter::Antialiasing, true);
    const QTransform t = transform_for(target);
    for (const auto& layer : m_layers) {
        QPen pen(layer.style.stroke, layer.style.stroke_width);
        pen.setCosmetic(true);  // width in pixels at any zoom
        for (const auto& shape : layer.shapes) {
            if (!shape.path.isEmpty()) {
                const QPainterPath screen = t.map(shape.path);
                painter.setPen(pen);
                painter.setBrush(shape.filled ? QBrush(layer.style.fill) : Qt::NoBrush);
                painter.drawPath(screen);
            }
            painter.setPen(pen);
            painter.setBrush(layer.style.fill);
            for (const auto& p : shape.points)
                painter.drawEllipse(t.map(p), layer.style.point_radius, layer.style.point_radius);
        }
    }
}

void MapCanvas::paintEvent(QPaintEvent* /*event*/) {
    QPainter painter(this);
    render(painter, rect());
}

void MapCanvas::resizeEvent(QResizeEvent* /*event*/) {
    if (!m_fitted) zoom_to_extent();
}

void MapCanvas::wheelEvent(QWheelEvent* event) {
    const double factor = std::pow(1.0015, event->angleDelta().y());
    // Keep the map point under the cursor where it is.
    const QPointF before = map_to_screen().inverted().map(event->position());
    m_scale *= factor;
    const QPointF after = map_to_screen().inverted().map(event->position());
    m_centre += before - after;
    update();
}

void MapCanvas::mousePressEvent(QMouseEvent* event) {
    m_last_mouse = event->pos();
}

void MapCanvas::mouseMoveEvent(QMouseEvent* event) {
    if (!(event->buttons() & Qt::LeftButton)) return;
    const QPoint delta = event->pos() - m_last_mouse;
    m_last_mouse = event->pos();
    m_centre -= QPointF(delta.x() / m_scale, -delta.y() / m_scale);
    update();
}

}  // namespace needmap::viewer
