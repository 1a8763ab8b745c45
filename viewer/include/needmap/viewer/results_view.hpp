#pragma once

// The results map in a window: dragged to pan, the wheel (or + and -) to zoom around the cursor,
// arrow keys to move, Home to see everything; a click reports where it fell, in map metres.

#include <QPointF>
#include <QWidget>

#include <memory>
#include <string>

// Kept light for moc: the results and the map are declared, not included.
namespace needmap::analysis::pipeline {
struct Results;
}

namespace needmap::viewer {

class ResultsMap;

class ResultsView : public QWidget {
    Q_OBJECT
public:
    explicit ResultsView(QWidget* parent = nullptr);
    ~ResultsView() override;

    /// Shows these results (a run's or a scenario's), keeping the kind and the view.
    /// @throws geo::InputError when they lack the kind shown.
    void set_results(std::shared_ptr<const analysis::pipeline::Results> results);
    void set_kind(const std::string& kind);
    [[nodiscard]] const std::string& kind() const { return m_kind; }
    [[nodiscard]] const analysis::pipeline::Results* results() const { return m_results.get(); }

    /// Zoom (1: the whole map) around a point of the widget; pan by pixels.
    void zoom_at(QPointF pixel, double factor);
    void pan_by(QPointF pixels);
    void show_all();
    /// Zooms to one district of the results (by index).
    void show_district(std::size_t district);
    /// Map metres at a pixel of the widget, and back.
    [[nodiscard]] QPointF to_map(QPointF pixel) const;
    [[nodiscard]] QPointF to_pixel(QPointF map) const;

signals:
    /// A click (not a drag) at this point, in map metres.
    void clicked(QPointF map);

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void rebuild();

    std::shared_ptr<const analysis::pipeline::Results> m_results;
    std::string m_kind;  ///< empty: the first kind
    std::unique_ptr<ResultsMap> m_map;
    QPointF m_press;
    QPointF m_last;
    bool m_dragged = false;
};

}  // namespace needmap::viewer
