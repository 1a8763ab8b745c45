#include "needmap/viewer/handout.hpp"

#include "detail/paper.hpp"
#include "detail/pdf_file.hpp"
#include "needmap/geo/error.hpp"
#include "needmap/viewer/language.hpp"
#include "needmap/viewer/layer_paths.hpp"
#include "needmap/viewer/results_map.hpp"

#include <QCoreApplication>
#include <QFont>
#include <QPainterPath>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace needmap::viewer {
namespace {

namespace p = analysis::pipeline;

const QColor kInk(30, 30, 30);
const QColor kPlace(25, 70, 140);

QString tr(const char* text) {
    return QCoreApplication::translate("Handout", text);
}

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

QFont font(double pixels, bool bold = false) {
    return detail::paper_font(pixels, bold);
}

/// The map: districts as a plain light background, the places as numbered circles, north up.
void draw_map(QPainter& p, const QRectF& frame, const p::Results& r, const std::vector<const p::PlaceInfo*>& places,
              std::optional<std::size_t> district, double unit) {
    std::vector<FeatureShape> shapes;
    for (const auto& d : r.districts) shapes.push_back(shape_of(d.geometry));
    QRectF extent = district ? shapes_bounds({shapes[*district]}) : shapes_bounds(shapes);
    for (const auto* place : places) extent = extent.united(QRectF(place->position.x, place->position.y, 1e-6, 1e-6));
    extent = extent.adjusted(-extent.width() * 0.05, -extent.height() * 0.05, extent.width() * 0.05,
                             extent.height() * 0.05);
    const double scale = std::min(frame.width() / extent.width(), frame.height() / extent.height());
    QTransform t;
    t.translate(frame.center().x(), frame.center().y());
    t.scale(scale, -scale);
    t.translate(-extent.center().x(), -extent.center().y());

    p.save();
    p.setClipRect(frame);
    p.fillRect(frame, QColor(250, 250, 247));
    for (std::size_t d = 0; d < shapes.size(); ++d) {
        p.setPen(QPen(QColor(120, 120, 120), 2 * unit));
        p.setBrush(district && d == *district ? QColor(255, 250, 225) : QColor(238, 238, 232));
        p.drawPath(t.map(shapes[d].path));
    }
    // Buses, to get there: the routes dashed, the stops as small squares.
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(QColor(80, 80, 100, 170), 3 * unit, Qt::DashLine));
    for (const auto& route : r.bus_routes) p.drawPath(t.map(shape_of(geo::Geometry(route.line)).path));
    p.setPen(QPen(QColor(60, 60, 80), 1.5 * unit));
    p.setBrush(Qt::white);
    for (const auto& stop : r.bus_stops) {
        const QPointF at = t.map(QPointF(stop.position.x, stop.position.y));
        p.drawRect(QRectF(at.x() - 6 * unit, at.y() - 6 * unit, 12 * unit, 12 * unit));
    }
    p.setFont(font(22 * unit, true));
    p.setPen(QColor(120, 120, 120));
    for (std::size_t d = 0; d < shapes.size(); ++d) {
        const QRectF box = t.mapRect(shapes[d].path.boundingRect());
        p.drawText(QRectF(box.left(), box.top() + 10 * unit, box.width(), 40 * unit), Qt::AlignHCenter | Qt::AlignTop,
                   q(r.districts[d].name));
    }
    for (std::size_t i = 0; i < places.size(); ++i) {
        const QPointF at = t.map(QPointF(places[i]->position.x, places[i]->position.y));
        const double radius = 17 * unit;
        p.setPen(QPen(Qt::white, 2.5 * unit));
        p.setBrush(kPlace);
        p.drawEllipse(at, radius, radius);
        p.setPen(Qt::white);
        p.setFont(font(18 * unit, true));
        p.drawText(QRectF(at.x() - radius, at.y() - radius, 2 * radius, 2 * radius), Qt::AlignCenter,
                   QString::number(i + 1));
    }
    p.restore();
    p.setPen(QPen(kInk, 1.5 * unit));
    p.setBrush(Qt::NoBrush);
    p.drawRect(frame);
    const double s = 30 * unit;
    detail::draw_north_arrow(p, QPointF(frame.right() - 2 * s, frame.top() + 1.2 * s), s, kInk, font(24 * unit, true));
}

}  // namespace

void write_handout(const p::Results& r, const std::filesystem::path& pdf, const HandoutOptions& options) {
    if (r.kinds.empty() || r.districts.empty())
        throw geo::InputError(fmt::format("{}: the results have no districts or no kind of place", pdf.string()));
    const std::string kind = options.kind.empty() ? r.kinds.front().kind : options.kind;
    if (!r.find_kind(kind)) {
        std::string kinds;
        for (const auto& k : r.kinds) kinds += (kinds.empty() ? "" : ", ") + k.kind;
        throw geo::InputError(fmt::format("no kind \"{}\" in the results (kinds are: {})", kind, kinds));
    }
    std::optional<std::size_t> district;
    if (!options.district.empty()) {
        const auto d = r.find_district(options.district);
        if (!d) throw geo::InputError(fmt::format("no district \"{}\" in the results", options.district));
        district = d->value();
    }
    std::vector<const p::PlaceInfo*> places;
    for (const auto& place : r.places)
        if (place.kind == kind && (!district || (place.district && place.district->value() == *district)))
            places.push_back(&place);

    const QString where = district ? q(r.districts[*district].name) + tr(" district") : q(r.info.project);
    const QString title = tr("%1 near you").arg(kind_name(kind));
    detail::write_pdf(pdf, QPageSize::A3, QPageLayout::Landscape, title, [&](QPdfWriter& writer, QPainter& p) {
        const QRectF page(0, 0, writer.width(), writer.height());
        const double unit = page.height() / 1000;
        const double margin = 40 * unit;
        p.fillRect(page, Qt::white);
        p.setPen(kInk);
        p.setFont(font(46 * unit, true));
        p.drawText(QRectF(margin, margin, page.width() - 2 * margin, 60 * unit), Qt::AlignLeft | Qt::AlignVCenter,
                   title);
        p.setFont(font(22 * unit));
        p.drawText(QRectF(margin, margin + 62 * unit, page.width() - 2 * margin, 34 * unit),
                   Qt::AlignLeft | Qt::AlignVCenter, where);

        const double top = margin + 110 * unit;
        const QRectF frame(margin, top, page.width() * (places.size() > 8 ? 0.45 : 0.55),
                           page.height() - top - margin - 40 * unit);
        draw_map(p, frame, r, places, district, unit);

        // The list beside the map, in the map's numbers: in two columns when it is long.
        const int columns = places.size() > 8 ? 2 : 1;
        const double gap = 24 * unit;
        const double left = frame.right() + 30 * unit;
        const double width = (page.width() - margin - left - gap * (columns - 1)) / columns;
        const double bottom = page.height() - margin - 40 * unit;
        const double name_size = places.size() > 20 ? 17 * unit : places.size() > 8 ? 20 * unit : 26 * unit;
        double x = left;
        double y = top;
        for (std::size_t i = 0; i < places.size(); ++i) {
            const auto& place = *places[i];
            QStringList details;
            if (!place.address.empty()) details << q(place.address);
            QStringList when;
            if (!place.days.empty()) when << q(place.days);
            if (!place.hours.empty()) when << q(place.hours);
            if (!when.isEmpty()) details << when.join(tr("  "));
            const QString name = QString("%1. %2").arg(i + 1).arg(q(place.name));
            // Measure the block first: it moves to the next column whole.
            const QRectF name_box(0, 0, width, 400 * unit);
            const QRectF detail_box(0, 0, width - 30 * unit, 400 * unit);
            const auto flags = Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap;
            p.setFont(font(name_size, true));
            const double name_height = p.boundingRect(name_box, flags, name).height();
            p.setFont(font(name_size * 0.78));
            const double detail_height = details.isEmpty() ? 0 : p.boundingRect(detail_box, flags, details.join("\n")).height();
            if (y + name_height + detail_height > bottom && y > top && x + width < page.width() - margin) {
                x += width + gap;
                y = top;
            }
            p.setPen(kInk);
            p.setFont(font(name_size, true));
            p.drawText(QRectF(x, y, width, name_height), flags, name);
            y += name_height;
            p.setFont(font(name_size * 0.78));
            p.drawText(QRectF(x + 30 * unit, y, width - 30 * unit, detail_height), flags, details.join("\n"));
            y += detail_height + name_size * 0.5;
        }
        if (places.empty()) {
            p.setFont(font(24 * unit));
            p.drawText(QRectF(left, top, width, 100 * unit), Qt::AlignLeft | Qt::TextWordWrap, tr("None in this area yet."));
        }
        p.setPen(QColor(90, 90, 90));
        p.setFont(font(12 * unit));
        p.drawText(QRectF(margin, page.height() - margin - 30 * unit, page.width() - 2 * margin, 30 * unit),
                   Qt::AlignLeft | Qt::AlignVCenter, q(attribution_text(r.info)));
    });
}

}  // namespace needmap::viewer
