#pragma once

// The results map in a window: dragged to pan, the wheel (or + and -) to zoom around the cursor,
// arrow keys to move, Home to see everything; a click reports where it fell, in map metres.
// The map is drawn by a render job off the GUI thread into an image; while a new frame is drawn
// the last one is shown moved and scaled to the new view, and a newer change cancels the job.

#include <QColor>
#include <QImage>
#include <QStringList>
#include <QPointF>
#include <QTransform>
#include <QWidget>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

// Kept light for moc: the results and the map are declared, not included.
namespace needmap::analysis::pipeline {
struct Results;
}
namespace needmap::geo {
struct Layer;
}

namespace needmap::viewer {

class ResultsMap;
struct ResultsMapOptions;
struct MapLayer;
struct MapSelection;

class ResultsView : public QWidget {
    Q_OBJECT
public:
    explicit ResultsView(QWidget* parent = nullptr);
    ~ResultsView() override;

    /// Shows these results (a run's or a scenario's), keeping the kind and the view.
    /// @throws geo::InputError when they lack the kind shown.
    void set_results(std::shared_ptr<const analysis::pipeline::Results> results);
    void set_kind(const std::string& kind);
    [[nodiscard]] const std::string& kind() const;
    [[nodiscard]] const analysis::pipeline::Results* results() const { return m_results.get(); }
    /// How the map is made (the kind, the districts' figure and classes, ...), kept across results.
    /// @throws geo::InputError when the results lack the kind or the figure.
    void set_options(const ResultsMapOptions& options);
    [[nodiscard]] const ResultsMapOptions& options() const { return *m_options; }
    /// The map's layers, bottom first (visibility, opacity, order), kept across results.
    [[nodiscard]] std::vector<MapLayer> layers() const;
    void set_layers(const std::vector<MapLayer>& layers);
    /// Shows every layer of a GIS file alone, without results. @throws geo::InputError when it cannot be read.
    void show_file(const std::string& path);
    /// Lays a layer held in memory on the map (the project's streets as a quiet basemap).
    void add_layer(const std::string& name, std::shared_ptr<const geo::Layer> layer, const QColor& colour);
    /// Lays every layer of another GIS file on the map. @throws geo::InputError when it cannot be read.
    void add_file(const std::string& path);
    void select(const MapSelection& selection);
    /// The map as drawn (none before any results).
    [[nodiscard]] const ResultsMap* map() const { return m_map.get(); }

    /// Waits for the frame of the current view (tests, benchmarks, screenshots).
    void wait_rendered();

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
    /// Layers that could not be drawn in the last frame, each "<layer>: <why>".
    void layers_failed(QStringList errors);
    /// The map was made again (new results, another kind or figure, a file added): its layers and
    /// figures may differ.
    void layers_changed();

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    struct Frame {
        QImage image;
        std::uint64_t generation = 0;
        QTransform transform;  ///< map metres to the image's pixels
        std::vector<std::string> errors;  ///< layers that could not be drawn
    };
    void rebuild();
    /// The map changed: the frame shown is out of date.
    void changed();
    void start_job();
    void take_ready();

    std::shared_ptr<const analysis::pipeline::Results> m_results;
    std::unique_ptr<ResultsMapOptions> m_options;
    std::unique_ptr<ResultsMap> m_map;
    struct Extra {
        std::string name;
        std::shared_ptr<const geo::Layer> layer;
        QColor colour;
    };
    std::vector<Extra> m_files;  ///< other layers laid on the map
    std::unique_ptr<MapSelection> m_selection;
    std::uint64_t m_generation = 1;
    std::uint64_t m_job_generation = 0;
    Frame m_frame;
    std::mutex m_ready_mutex;
    std::optional<Frame> m_ready;  ///< drawn by the job, not yet taken
    QPointF m_press;
    QPointF m_last;
    bool m_dragged = false;
    std::jthread m_job;  ///< last: stopped and joined first
};

}  // namespace needmap::viewer
