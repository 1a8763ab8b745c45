#include "needmap/viewer/results_view.hpp"

#include "needmap/analysis/pipeline/results.hpp"
#include "needmap/viewer/results_map.hpp"

#include <QKeyEvent>
#include <boost/geometry/algorithms/envelope.hpp>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <cmath>

namespace needmap::viewer {

ResultsView::ResultsView(QWidget* parent) : QWidget(parent) {
    setMinimumSize(640, 450);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
}

ResultsView::~ResultsView() = default;

void ResultsView::set_results(std::shared_ptr<const analysis::pipeline::Results> results) {
    m_results = std::move(results);
    rebuild();
}

void ResultsView::set_kind(const std::string& kind) {
    m_kind = kind;
    rebuild();
}

void ResultsView::rebuild() {
    std::optional<QPointF> centre;
    double zoom = 1;
    if (m_map) {
        centre = m_map->view_centre();
        zoom = m_map->zoom();
    }
    m_map.reset();
    if (m_results) {
        ResultsMapOptions options;
        options.kind = m_kind;
        m_map = std::make_unique<ResultsMap>(ResultsMap::from(*m_results, options));
        m_map->set_view(centre, zoom);
        m_kind = m_map->kind();
    }
    update();
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
    update();
}

void ResultsView::pan_by(QPointF pixels) {
    if (!m_map) return;
    const QPointF centre = to_map(m_map->map_frame(QRectF(rect())).center() - pixels);
    m_map->set_view(centre, m_map->zoom());
    update();
}

void ResultsView::show_all() {
    if (!m_map) return;
    m_map->set_view(std::nullopt, 1);
    update();
}

void ResultsView::show_district(std::size_t district) {
    if (!m_map || !m_results || district >= m_results->districts.size()) return;
    geo::Box box;
    boost::geometry::envelope(m_results->districts[district].geometry, box);
    m_map->look_at(QRectF(QPointF(box.min_corner().x, box.min_corner().y), QPointF(box.max_corner().x, box.max_corner().y)));
    update();
}

void ResultsView::paintEvent(QPaintEvent* /*event*/) {
    QPainter painter(this);
    if (m_map)
        m_map->render(painter, QRectF(rect()));
    else
        painter.fillRect(rect(), Qt::white);
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
