#pragma once

// A map canvas drawn with QPainter (Qt 6.4 has no QtLocation, and a council room has no tile
// server): the user's own layers, panned by dragging and zoomed with the wheel.

#include "needmap/viewer/layer_paths.hpp"

#include <QColor>
#include <QTransform>
#include <QWidget>

#include <vector>

namespace needmap::viewer {

struct LayerStyle {
    QColor fill{120, 170, 220, 160};
    QColor stroke{40, 70, 110};
    double stroke_width = 1.0;  ///< pixels
    double point_radius = 4.0;  ///< pixels
};

class MapCanvas : public QWidget {
    Q_OBJECT
public:
    explicit MapCanvas(QWidget* parent = nullptr);

    /// Adds a layer on top of the others. All layers must share one (preferably metric) CRS.
    void add_layer(const geo::Layer& layer, const LayerStyle& style = {});
    void clear_layers();
    /// Fits the view to all layers.
    void zoom_to_extent();
    /// Map coordinates to widget pixels and back.
    [[nodiscard]] QTransform map_to_screen() const;
    /// Draws the map into any paint device (a widget, a QImage for tests or a PNG).
    void render(QPainter& painter, const QRect& target) const;

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    struct DrawnLayer {
        std::vector<FeatureShape> shapes;
        LayerStyle style;
    };
    [[nodiscard]] QTransform transform_for(const QRect& target) const;

    std::vector<DrawnLayer> m_layers;
    QPointF m_centre;      ///< map coordinates at the widget's centre
    double m_scale = 1.0;  ///< pixels per map unit
    QPoint m_last_mouse;
    bool m_fitted = false;
};

}  // namespace needmap::viewer
