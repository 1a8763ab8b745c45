#include "needmap/viewer/results_view.hpp"

#include "needmap/analysis/pipeline/results.hpp"
#include "needmap/geo/error.hpp"
#include "needmap/geo/layer_io.hpp"
#include "needmap/viewer/results_map.hpp"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>
#include <boost/geometry/algorithms/envelope.hpp>
#include <fmt/format.h>

#include <cmath>
#include <filesystem>

namespace needmap::viewer {

ResultsView::ResultsView(QWidget* parent)
    : QWidget(parent), m_options(std::make_unique<ResultsMapOptions>()), m_selection(std::make_unique<MapSelection>()) {
    setMinimumSize(640, 450);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
}

ResultsView::~ResultsView() {
    m_job.request_stop();
    if (m_job.joinable()) m_job.join();
}

void ResultsView::set_results(std::shared_ptr<const analysis::pipeline::Results> results) {
    m_results = std::move(results);
    rebuild();
}

const std::string& ResultsView::kind() const {
    return m_map ? m_map->kind() : m_options->kind;
}

void ResultsView::set_kind(const std::string& kind) {
    ResultsMapOptions options = *m_options;
    options.kind = kind;
    set_options(options);
}

void ResultsView::set_options(const ResultsMapOptions& options) {
    const ResultsMapOptions before = *m_options;
    *m_options = options;
    try {
        rebuild();
    } catch (...) {
        *m_options = before;
        throw;
    }
}

std::vector<MapLayer> ResultsView::layers() const {
    return m_map ? m_map->layers() : std::vector<MapLayer>{};
}

void ResultsView::set_layers(const std::vector<MapLayer>& layers) {
    if (!m_map) return;
    m_map->set_layers(layers);
    changed();
}

namespace {

/// Every layer of a GIS file, named "<file>" or "<file> / <layer>".
std::vector<std::pair<std::string, std::shared_ptr<const geo::Layer>>> read_file_layers(const std::string& path) {
    const std::string stem = std::filesystem::path(path).stem().string();
    const auto names = geo::list_layers(path);
    std::vector<std::pair<std::string, std::shared_ptr<const geo::Layer>>> read;
    for (const auto& name : names) {
        geo::ReadOptions options;
        options.layer = names.size() > 1 ? name : std::string();
        options.allow_empty = true;
        auto layer = std::make_shared<const geo::Layer>(geo::read_layer(path, options));
        if (layer->crs.empty())
            throw geo::InputError(fmt::format("{}: layer {} has no coordinate system, so it cannot be laid on the map",
                                              path, name));
        read.emplace_back(names.size() > 1 ? stem + " / " + name : stem, std::move(layer));
    }
    return read;
}

}  // namespace

void ResultsView::show_file(const std::string& path) {
    const auto read = read_file_layers(path);
    std::vector<std::pair<std::string, geo::Layer>> layers;
    for (const auto& [name, layer] : read) layers.emplace_back(name, *layer);
    m_map = std::make_unique<ResultsMap>(ResultsMap::of_layers(std::filesystem::path(path).filename().string(), layers));
    m_results.reset();
    m_files.clear();
    changed();
    emit layers_changed();
}

void ResultsView::add_file(const std::string& path) {
    if (!m_map) {  // nothing shown yet: the file alone
        show_file(path);
        return;
    }
    // All of the file's layers or none: they go onto a copy of the map, which then replaces it.
    const auto read = read_file_layers(path);
    auto map = std::make_unique<ResultsMap>(*m_map);
    for (const auto& [name, layer] : read) map->add_file_layer(name, *layer);
    m_map = std::move(map);
    for (const auto& [name, layer] : read) m_files.push_back({name, layer, QColor(110, 110, 110)});
    changed();
    emit layers_changed();
}

void ResultsView::add_layer(const std::string& name, std::shared_ptr<const geo::Layer> layer, const QColor& colour) {
    if (!m_map) return;
    m_map->add_file_layer(name, *layer, colour);
    m_files.push_back({name, std::move(layer), colour});
    changed();
    emit layers_changed();
}

void ResultsView::select(const MapSelection& selection) {
    *m_selection = selection;
    if (m_map) m_map->select(selection);
    changed();
}

void ResultsView::rebuild() {
    if (!m_results) return;
    auto map = std::make_unique<ResultsMap>(ResultsMap::from(*m_results, *m_options));
    for (const Extra& extra : m_files) map->add_file_layer(extra.name, *extra.layer, extra.colour);
    if (m_map) {
        map->set_view(m_map->view_centre(), m_map->zoom());
        map->set_layers(m_map->layers());
    }
    map->select(*m_selection);
    m_map = std::move(map);
    changed();
    emit layers_changed();
}

void ResultsView::changed() {
    ++m_generation;
    update();
}

void ResultsView::start_job() {
    if (!m_map || m_job_generation == m_generation) return;
    m_job.request_stop();
    if (m_job.joinable()) m_job.join();
    m_job_generation = m_generation;
    auto map = std::make_shared<const ResultsMap>(*m_map);  // the job's own copy: the view may change meanwhile
    const double ratio = devicePixelRatioF();
    const QSize pixels = (QSizeF(size()) * ratio).toSize();
    const QRectF page(rect());
    m_job = std::jthread([this, map, ratio, pixels, page, generation = m_generation](std::stop_token stop) {
        Frame frame;
        frame.generation = generation;
        frame.image = QImage(pixels, QImage::Format_ARGB32_Premultiplied);
        frame.image.setDevicePixelRatio(ratio);
        frame.transform = map->map_transform(page);
        QPainter painter(&frame.image);
        if (!map->render(painter, page, stop, &frame.errors)) return;
        painter.end();
        {
            const std::lock_guard lock(m_ready_mutex);
            m_ready = std::move(frame);
        }
        QMetaObject::invokeMethod(this, [this] { take_ready(); }, Qt::QueuedConnection);
    });
}

void ResultsView::take_ready() {
    std::optional<Frame> ready;
    {
        const std::lock_guard lock(m_ready_mutex);
        ready.swap(m_ready);
    }
    if (!ready || ready->generation <= m_frame.generation) return;
    m_frame = std::move(*ready);
    if (!m_frame.errors.empty()) {
        QStringList errors;
        for (const auto& e : m_frame.errors) errors << QString::fromStdString(e);
        emit layers_failed(errors);
    }
    update();
}

void ResultsView::wait_rendered() {
    if (m_frame.generation == m_generation || !m_map) return;
    start_job();
    if (m_job.joinable()) m_job.join();
    take_ready();
}

QPointF ResultsView::to_map(QPointF pixel) const {
    return m_map ? m_map->to_map(QRectF(rect()), pixel) : pixel;
}

QPointF ResultsView::to_pixel(QPointF map) const {
    return m_map ? m_map->map_transform(QRectF(rect())).map(map) : map;
}

void ResultsView::zoom_at(QPointF pixel, double factor) {
    if (!m_map) return;
    // The map point under the pixel stays under it.
    const QPointF anchor = to_map(pixel);
    const QPointF centre = to_map(m_map->map_frame(QRectF(rect())).center());  // where the view is centred
    const double zoom = m_map->zoom() * factor;
    m_map->set_view(centre, zoom);
    const double applied = m_map->zoom() / (zoom / factor);  // after clamping
    m_map->set_view(anchor + (centre - anchor) / applied, m_map->zoom());
    changed();
}

void ResultsView::pan_by(QPointF pixels) {
    if (!m_map) return;
    const QPointF centre = to_map(m_map->map_frame(QRectF(rect())).center() - pixels);
    m_map->set_view(centre, m_map->zoom());
    changed();
}

void ResultsView::show_all() {
    if (!m_map) return;
    m_map->set_view(std::nullopt, 1);
    changed();
}

void ResultsView::show_district(std::size_t district) {
    if (!m_map || !m_results || district >= m_results->districts.size()) return;
    geo::Box box;
    boost::geometry::envelope(m_results->districts[district].geometry, box);
    m_map->look_at(QRectF(QPointF(box.min_corner().x, box.min_corner().y), QPointF(box.max_corner().x, box.max_corner().y)));
    changed();
}

void ResultsView::paintEvent(QPaintEvent* /*event*/) {
    QPainter painter(this);
    if (!m_map) {
        painter.fillRect(rect(), Qt::white);
        return;
    }
    if (m_frame.generation != m_generation) start_job();
    if (m_frame.image.isNull()) {
        painter.fillRect(rect(), Qt::white);
        return;
    }
    painter.drawImage(QPointF(0, 0), m_frame.image);
    if (m_frame.generation == m_generation) return;
    // Until the new frame is drawn: the last one's map moved and scaled to where it now lies.
    const QRectF frame = m_map->map_frame(QRectF(rect()));
    painter.setClipRect(frame);
    painter.fillRect(frame, Qt::white);
    painter.setTransform(m_frame.transform.inverted() * m_map->map_transform(QRectF(rect())));
    painter.drawImage(QPointF(0, 0), m_frame.image);
}

void ResultsView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    changed();
}

void ResultsView::wheelEvent(QWheelEvent* event) {
    zoom_at(event->position(), std::pow(1.0015, event->angleDelta().y()));
    event->accept();
}

void ResultsView::mousePressEvent(QMouseEvent* event) {
    m_press = m_last = event->position();
    m_dragged = false;
}

void ResultsView::mouseMoveEvent(QMouseEvent* event) {
    if (!(event->buttons() & Qt::LeftButton)) return;
    if ((event->position() - m_press).manhattanLength() > 4) m_dragged = true;
    if (m_dragged) pan_by(event->position() - m_last);
    m_last = event->position();
}

void ResultsView::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton && !m_dragged) emit clicked(to_map(event->position()));
    m_dragged = false;
}

void ResultsView::keyPressEvent(QKeyEvent* event) {
    const QPointF middle = QRectF(rect()).center();
    const double step = std::min(width(), height()) * 0.15;
    switch (event->key()) {
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            zoom_at(middle, 1.4);
            break;
        case Qt::Key_Minus:
            zoom_at(middle, 1 / 1.4);
            break;
        case Qt::Key_Left:
            pan_by({step, 0});
            break;
        case Qt::Key_Right:
            pan_by({-step, 0});
            break;
        case Qt::Key_Up:
            pan_by({0, step});
            break;
        case Qt::Key_Down:
            pan_by({0, -step});
            break;
        case Qt::Key_Home:
            show_all();
            break;
        default:
            QWidget::keyPressEvent(event);
    }
}

}  // namespace needmap::viewer
