#include "needmap/viewer/results_map.hpp"

#include "detail/paper.hpp"
#include "detail/pdf_file.hpp"

#include "needmap/analysis/pipeline/map_style.hpp"
#include "needmap/analysis/pipeline/results_io.hpp"
#include "needmap/viewer/language.hpp"
#include "needmap/geo/error.hpp"
#include "needmap/geo/layer_io.hpp"
#include "needmap/geo/temp_files.hpp"

#include <QDate>
#include <QFont>
#include <QFontMetricsF>
#include <QTime>
#include <QImage>
#include <QLineF>
#include <QPageLayout>
#include <QPageSize>
#include <QPainterPath>
#include <QPdfWriter>
#include <boost/geometry/algorithms/area.hpp>
#include <boost/geometry/algorithms/intersection.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace needmap::viewer {
namespace {

const QColor kInk(40, 40, 40);
const QColor kServiceArea(70, 130, 200, 70);
const QColor kPlace(25, 70, 140);
const QColor kSite(200, 40, 40);
const QColor kNoData(217, 217, 217);   // ColorBrewer's grey, apart from every class colour
const QColor kSelected(0, 170, 255);  // a cyan no class colour is near
const QColor kAdded(40, 170, 70);      // a what-if's new place

/// A font `size` of the page's height high.
QFont font(const QRectF& page, double size, bool bold = false) {
    return detail::paper_font(page.height() * size, bold);
}

/// Text with a white halo, legible over any fill. On an image the halo is the text drawn white
/// around it (glyphs come from Qt's cache: fast enough for every frame of a window); on paper
/// (PDF) it is the text's outline stroked, and the text is written once, so that it can be
/// searched and copied.
void halo_text(QPainter& p, const QPointF& centre, const QString& text, const QFont& f) {
    p.setFont(f);
    const QRectF box = p.fontMetrics().boundingRect(text);
    const QPointF origin(centre.x() - box.width() / 2, centre.y() + box.height() / 4);
    const double halo = f.pixelSize() * 0.11;
    if (p.device()->devType() == QInternal::Image) {
        p.setPen(QColor(255, 255, 255, 220));
        for (const QPointF step : {QPointF(-1, -1), QPointF(0, -1), QPointF(1, -1), QPointF(-1, 0), QPointF(1, 0),
                                   QPointF(-1, 1), QPointF(0, 1), QPointF(1, 1)})
            p.drawText(origin + step * halo, text);
    } else {
        QPainterPath path;
        path.addText(origin, f, text);
        p.setPen(QPen(QColor(255, 255, 255, 220), 2 * halo, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
    }
    p.setPen(kInk);
    p.drawText(origin, text);
}

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

/// The fill of an area outlined in `colour`: paler, and half see-through.
QColor fill_of(const QColor& colour) {
    QColor fill = colour.lighter(170);
    fill.setAlpha(110);
    return fill;
}

/// Round dots of `radius` at each point. On an image, one dot is drawn once and copied to every
/// point (as QGIS caches its markers): thousands of points cost a few milliseconds. On other
/// devices (PDF), each dot is drawn as a circle.
void draw_dots(QPainter& p, const QPolygonF& at, double radius, const QColor& colour) {
    if (at.isEmpty()) return;
    if (p.device()->devType() != QInternal::Image || !p.transform().isIdentity()) {
        p.setPen(Qt::NoPen);
        p.setBrush(colour);
        for (const QPointF& c : at) p.drawEllipse(c, radius, radius);
        return;
    }
    const double ratio = p.device()->devicePixelRatioF();
    const int side = static_cast<int>(std::ceil(2 * radius * ratio)) + 2;
    QImage dot(side, side, QImage::Format_ARGB32_Premultiplied);
    dot.fill(Qt::transparent);
    {
        QPainter d(&dot);
        d.setRenderHint(QPainter::Antialiasing, true);
        d.setPen(Qt::NoPen);
        d.setBrush(colour);
        d.drawEllipse(QPointF(side / 2.0, side / 2.0), radius * ratio, radius * ratio);
    }
    dot.setDevicePixelRatio(ratio);
    const QPointF offset(side / 2.0 / ratio, side / 2.0 / ratio);
    for (const QPointF& c : at) p.drawImage(c - offset, dot);
}

}  // namespace

std::string attribution_text(const analysis::pipeline::RunInfo& info) {
    std::string text = "needmap";
    for (const auto& a : info.attributions) text += (text == "needmap" ? "; " : " / ") + a;
    return text;
}

QColor minutes_colour(double minutes, double threshold) {
    // Blues for within the threshold (darker: nearer), a warm red beyond it.
    if (!(minutes <= threshold)) return {203, 24, 29};
    if (minutes <= threshold / 3) return {8, 81, 156};
    if (minutes <= 2 * threshold / 3) return {66, 146, 198};
    return {158, 202, 225};
}

QColor gap_colour(double share) {
    const auto& classes = analysis::pipeline::gap_classes();
    auto c = std::find_if(classes.begin(), classes.end(), [&](const auto& k) { return share <= k.upto; });
    if (c == classes.end()) c = std::prev(classes.end());
    return {c->rgb[0], c->rgb[1], c->rgb[2]};
}

ResultsMap ResultsMap::load(const std::filesystem::path& gpkg, const ResultsMapOptions& options) {
    return from(analysis::pipeline::read_results(gpkg), options);
}

ResultsMap ResultsMap::from(const analysis::pipeline::Results& r, const ResultsMapOptions& options) {
    if (r.kinds.empty()) throw geo::InputError("the results have no kind of place to map");
    ResultsMap map;
    for (const auto& k : r.kinds) map.m_kinds.push_back(k.kind);
    map.m_kind = options.kind.empty() ? map.m_kinds.front() : options.kind;
    const auto kind_id = r.find_kind(map.m_kind);
    if (!kind_id) {
        std::string kinds;
        for (const auto& k : map.m_kinds) kinds += (kinds.empty() ? "" : ", ") + k;
        throw geo::InputError(fmt::format("no kind \"{}\" in the results (kinds are: {})", map.m_kind, kinds));
    }
    const analysis::pipeline::KindResult& kind = r.kinds[kind_id->value()];
    map.m_info = r.info;

    map.m_crs = r.crs;

    // The figure that shades the districts, and its classes.
    auto fields = district_fields(r, map.m_kind);
    const auto field = std::find_if(fields.begin(), fields.end(), [&](const auto& f) { return f.key == options.field; });
    if (field == fields.end()) {
        std::string keys;
        for (const auto& f : fields) keys += (keys.empty() ? "" : ", ") + f.key;
        throw geo::InputError(fmt::format("no district figure \"{}\" to shade by (there are: {})", options.field, keys));
    }
    const bool policy = options.classing == Classing::Policy && (field->key == "gap_share" || field->key == "walk_gap_share");
    std::vector<double> present;
    for (const auto& v : field->values)
        if (v) present.push_back(*v);
    map.m_breaks = class_breaks(present, policy ? Classing::Policy : options.classing == Classing::Policy
                                                                        ? Classing::Quantile
                                                                        : options.classing,
                                std::clamp<std::size_t>(options.classes, 2, 7));
    if (policy)
        for (const auto& c : analysis::pipeline::gap_classes()) map.m_colours.emplace_back(c.rgb[0], c.rgb[1], c.rgb[2]);
    else
        map.m_colours = ramp(map.m_breaks.size(), field->worse_when_high);
    map.m_value_min = present.empty() ? 0 : *std::min_element(present.begin(), present.end());

    for (std::size_t d = 0; d < r.districts.size(); ++d) {
        const auto& info = r.districts[d];
        District district;
        district.shape = shape_of(info.geometry);
        district.name = info.name;
        district.value = field->values[d];
        district.small_base = info.people[r.elderly_band] < analysis::pipeline::kSmallDistrictPeople;
        // Label at the centroid of the district's largest part.
        if (!info.geometry.empty()) {
            const auto largest = std::max_element(info.geometry.begin(), info.geometry.end(), [](const auto& a, const auto& b) {
                return boost::geometry::area(a) < boost::geometry::area(b);
            });
            const auto c = geo::centroid(geo::Geometry(geo::MultiPolygon{*largest}));
            district.label_at = QPointF(c->x, c->y);
        }
        map.m_extent = map.m_extent.isNull() ? shapes_bounds({district.shape})
                                             : map.m_extent.united(shapes_bounds({district.shape}));
        map.m_districts.push_back(std::move(district));
    }
    map.m_field = std::move(*field);
    map.m_field.values.clear();
    if (!options.focus_district.empty()) {
        const auto d = r.find_district(options.focus_district);
        if (!d) throw geo::InputError(fmt::format("no district \"{}\" in the results", options.focus_district));
        map.m_extent = shapes_bounds({map.m_districts[d->value()].shape});
    }
    map.m_title = options.title;
    map.m_text_scale = options.text_scale;
    map.m_place_names = options.place_names;
    // Shapes at the detail a page can show: simplified to 1/1500 of the extent (about a
    // pixel of a printed page), and in pieces small enough that a page draws only those it shows
    // (render() leaves out what falls outside its frame).
    const double tolerance = std::max(map.m_extent.width(), map.m_extent.height()) / 1500;
    QRectF everywhere(QPointF(-1e12, -1e12), QPointF(1e12, 1e12));
    if (options.page_aspect > 0) {  // the frame's area on that page, a little more
        const double frame_aspect = options.page_aspect * 0.70 / (options.title ? 0.81 : 0.96);
        QRectF e = map.m_extent.adjusted(-map.m_extent.width() * 0.05, -map.m_extent.height() * 0.05,
                                         map.m_extent.width() * 0.05, map.m_extent.height() * 0.05);
        if (e.width() / e.height() < frame_aspect)
            e.setWidth(e.height() * frame_aspect);
        else
            e.setHeight(e.width() / frame_aspect);
        e.moveCenter(map.m_extent.center());
        everywhere = e;
    }
    const auto cut = [&](const geo::MultiPolygon& polygons) {
        if (options.page_aspect <= 0) return polygons;
        geo::MultiPolygon out;
        const geo::Box box({everywhere.left(), everywhere.top()}, {everywhere.right(), everywhere.bottom()});
        boost::geometry::intersection(polygons, box, out);
        return out;
    };
    for (std::size_t d = 0; d < r.districts.size(); ++d)
        map.m_districts[d].shape = shape_of(cut(r.districts[d].geometry), everywhere, tolerance);
    if (options.show_service_area)
        for (const auto& polygon : cut(kind.service_area))
            map.m_service_area.push_back(shape_of(geo::MultiPolygon{polygon}, everywhere, tolerance));
    if (options.show_buses) {
        constexpr std::size_t kPiece = 16;  // segments
        for (const auto& route : r.bus_routes)
            for (const auto& line : route.line)
                for (std::size_t first = 0; first + 1 < line.size(); first += kPiece) {
                    const auto end = line.begin() + static_cast<std::ptrdiff_t>(std::min(line.size(), first + kPiece + 1));
                    if (auto piece = shape_of(
                            geo::MultiLineString{geo::LineString(line.begin() + static_cast<std::ptrdiff_t>(first), end)},
                            everywhere);
                        !piece.path.isEmpty())
                        map.m_bus_routes.push_back(std::move(piece));
                }
        for (const auto& stop : r.bus_stops) map.m_bus_stops.emplace_back(stop.position.x, stop.position.y);
    }
    if (options.demand_minutes)
        for (std::size_t i = 0; i < r.points.size() && i < kind.access.nearest_min.size(); ++i)
            if (r.points[i].people[r.elderly_band] > 0)
                map.m_minutes.emplace_back(QPointF(r.points[i].position.x, r.points[i].position.y),
                                           kind.access.nearest_min[i]);
    if (options.show_uncovered && !options.demand_minutes)
        for (std::size_t i = 0; i < r.points.size() && i < kind.access.covered.size(); ++i)
            if (!kind.access.covered[i]) map.m_uncovered.emplace_back(r.points[i].position.x, r.points[i].position.y);
    if (!options.number_places_in.empty()) {
        const auto d = r.find_district(options.number_places_in);
        if (!d) throw geo::InputError(fmt::format("no district \"{}\" in the results", options.number_places_in));
        for (const auto& place : r.places)
            if (place.district == d)
                map.m_numbered.push_back({QPointF(place.position.x, place.position.y), place.name,
                                          static_cast<int>(map.m_numbered.size() + 1),
                                          static_cast<std::size_t>(&place - r.places.data())});
    } else {
        for (const std::size_t j : kind.access.sites)
            map.m_places.push_back({QPointF(r.places[j].position.x, r.places[j].position.y), r.places[j].name, 0, j,
                                    r.places[j].added});
    }
    if (kind.siting)
        for (std::size_t rank = 0; rank < kind.siting->result.chosen.size() && rank < options.ranked_sites; ++rank) {
            const std::size_t c = kind.siting->result.chosen[rank];
            const auto& site = r.candidates[c];
            map.m_sites.push_back({QPointF(site.position.x, site.position.y), site.name, static_cast<int>(rank + 1), c});
        }

    const auto layer = [&](const char* id, const char* name) { map.m_layers.push_back({id, tr(name), true, 1.0}); };
    // The same layers for a run and its scenarios (whatever each has to draw), so that the layer
    // panel's choices hold from one to the next.
    layer("districts", "Districts");
    if (options.show_service_area) layer("service_area", "Within reach on foot");
    if (options.show_buses && r.info.transit) layer("buses", "Bus routes and stops");
    if (options.show_uncovered || options.demand_minutes) layer("demand", "Where older people live");
    layer("places", "Places");
    if (options.ranked_sites > 0 && !r.candidates.empty()) layer("sites", "Best new sites");
    return map;
}

QString measured_by_mode(const analysis::pipeline::RunInfo& i);

QString measured_by(const analysis::pipeline::RunInfo& i) {
    const QString mode = measured_by_mode(i);
    return i.slopes ? mode + QCoreApplication::translate("ResultsMap", ", walking slower uphill") : mode;
}

/// How the times were measured, before the slopes.
QString measured_by_mode(const analysis::pipeline::RunInfo& i) {
    if (!i.transit) return QCoreApplication::translate("ResultsMap", "on foot at %1 km/h").arg(i.walk_speed_kmh);
    // "2026-05-13T09:00": the day, and the first and last minute of the window.
    const QString departure = q(i.departure);
    const QDate day = QDate::fromString(departure.left(10), Qt::ISODate);
    const QTime first = QTime::fromString(departure.mid(11, 5), "HH:mm");
    const QString date = current_language() == Language::Japanese
                             ? QString("%1年%2月%3日").arg(day.year()).arg(day.month()).arg(day.day())
                             : day.toString(Qt::ISODate);
    if (i.arrive_by) {  // `departure` is the last deadline
        if (i.window_min <= 1)
            return QCoreApplication::translate("ResultsMap",
                                               "on foot and by bus, arriving by %1 %2, from the latest departure that makes it")
                .arg(date, first.toString("H:mm"));
        const QString measure = i.percentile == 50
                                    ? QCoreApplication::translate("ResultsMap", "median over the deadlines")
                                    : QCoreApplication::translate("ResultsMap", "%1th percentile over the deadlines").arg(i.percentile);
        return QCoreApplication::translate("ResultsMap", "on foot and by bus, arriving by %1 %2–%3, %4")
            .arg(date, first.addSecs(-60 * (i.window_min - 1)).toString("H:mm"), first.toString("H:mm"), measure);
    }
    const QString from = first.toString("H:mm");
    const QString to = first.addSecs(60 * i.window_min).toString("H:mm");
    const QString measure = i.percentile == 50 ? QCoreApplication::translate("ResultsMap", "median over the departures")
                                               : QCoreApplication::translate("ResultsMap", "%1th percentile over the departures").arg(i.percentile);
    return QCoreApplication::translate("ResultsMap", "on foot and by bus, leaving %1 %2–%3, %4").arg(date, from, to, measure);
}

QString ResultsMap::mode_text() const {
    return measured_by(m_info);
}

QRectF ResultsMap::map_frame(const QRectF& page) const {
    const double m = page.width() * 0.025;
    const double top = page.height() * (m_title ? 0.13 : 0.02);
    const double bottom = page.height() * (m_title ? 0.06 : 0.02);
    if (portrait(page))  // the legend goes under the map
        return {page.left() + m, page.top() + top, page.width() - 2 * m, (page.height() - top - bottom) * 0.74};
    return {page.left() + m, page.top() + top, page.width() * 0.70, page.height() - top - bottom};
}

bool ResultsMap::portrait(const QRectF& page) const {
    return m_title && page.height() > 1.2 * page.width();  // a portrait sheet is 1.41 times taller
}

QTransform ResultsMap::map_transform(const QRectF& page) const {
    const QRectF frame = map_frame(page);
    const QRectF e = m_extent.adjusted(-m_extent.width() * 0.04, -m_extent.height() * 0.04, m_extent.width() * 0.04,
                                       m_extent.height() * 0.04);
    const double scale = std::min(frame.width() / e.width(), frame.height() / e.height()) * m_zoom;
    const QPointF centre = m_centre.value_or(e.center());
    QTransform t;
    t.translate(frame.center().x(), frame.center().y());
    t.scale(scale, -scale);  // north up
    t.translate(-centre.x(), -centre.y());
    return t;
}

void ResultsMap::set_view(std::optional<QPointF> centre, double zoom) {
    m_centre = centre;
    m_zoom = std::clamp(zoom, 0.2, 200.0);
}

void ResultsMap::look_at(const QRectF& area) {
    // The zoom at which the whole map fits shows m_extent (with its 4% margins); `area` likewise.
    const double whole = std::max(m_extent.width() / std::max(area.width(), 1e-9),
                                  m_extent.height() / std::max(area.height(), 1e-9));
    set_view(area.center(), whole);
}

QPointF ResultsMap::to_map(const QRectF& page, QPointF at) const {
    return map_transform(page).inverted().map(at);
}

QColor ResultsMap::district_colour(std::size_t district) const {
    const auto& value = m_districts.at(district).value;
    if (!value || m_colours.empty()) return kNoData;
    return m_colours[std::min(class_of(*value, m_breaks), m_colours.size() - 1)];
}

void ResultsMap::set_layers(const std::vector<MapLayer>& layers) {
    std::vector<MapLayer> ordered;
    for (const MapLayer& wanted : layers) {
        const auto have = std::find_if(m_layers.begin(), m_layers.end(), [&](const auto& l) { return l.id == wanted.id; });
        if (have == m_layers.end()) continue;
        ordered.push_back({have->id, have->name, wanted.visible, std::clamp(wanted.opacity, 0.0, 1.0)});
    }
    for (const MapLayer& have : m_layers)
        if (std::none_of(ordered.begin(), ordered.end(), [&](const auto& l) { return l.id == have.id; }))
            ordered.push_back(have);
    m_layers = std::move(ordered);
}

void ResultsMap::add_file_layer(const std::string& name, const geo::Layer& layer) {
    add_file_layer(name, layer, QColor(110, 110, 110));  // a quiet basemap under the results
}

void ResultsMap::add_file_layer(const std::string& name, const geo::Layer& layer, const QColor& colour) {
    if (layer.crs.empty())
        throw geo::InputError(fmt::format("{}: the layer has no coordinate system, so it cannot be laid on the map", name));
    FileLayer file{"file:" + name, layer_shapes(geo::reproject(layer, m_crs)), colour};
    // A layer whose coordinates do not land on the map (latitudes beyond 90, a wrong CRS) is
    // refused here, named, rather than drawn as nothing or as lines to infinity.
    for (std::size_t f = 0; f < file.shapes.size(); ++f) {
        const auto& shape = file.shapes[f];
        const QRectF b = shape.path.isEmpty() ? QRectF() : shape.bounds;
        bool finite = std::isfinite(b.left()) && std::isfinite(b.top()) && std::isfinite(b.width()) &&
                      std::isfinite(b.height());
        for (const QPointF& at : shape.points) finite = finite && std::isfinite(at.x()) && std::isfinite(at.y());
        if (!finite)
            throw geo::InputError(fmt::format("{}: feature {} does not land on the map in its coordinate system ({}); "
                                              "is the layer's CRS right?",
                                              name, layer.features.at(f).fid, layer.crs.label()));
    }
    // Above the districts, under everything else.
    const auto districts = std::find_if(m_layers.begin(), m_layers.end(), [](const auto& l) { return l.id == "districts"; });
    m_layers.insert(districts == m_layers.end() ? m_layers.end() : std::next(districts),
                    {file.id, QString::fromStdString(name), true, 1.0});
    m_files.push_back(std::move(file));
}

ResultsMap ResultsMap::of_layers(const std::string& title, const std::vector<std::pair<std::string, geo::Layer>>& layers) {
    // ColorBrewer's Dark2: colours apart from each other, each legible on white.
    static const char* const kColours[] = {"#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d"};
    ResultsMap map;
    map.m_info.project = title;
    const auto first = std::find_if(layers.begin(), layers.end(),
                                    [](const auto& l) { return !l.second.crs.empty() && l.second.extent(); });
    if (first == layers.end())
        throw geo::InputError(fmt::format("{}: no layer with features and a coordinate system to draw", title));
    map.m_crs = geo::choose_metric_crs(geo::centre_lon_lat(first->second)).crs;
    std::size_t n = 0;
    for (const auto& [name, layer] : layers) {
        if (layer.crs.empty() || !layer.extent()) continue;
        map.add_file_layer(name, layer, QColor(kColours[n++ % std::size(kColours)]));
    }
    // What the layers cover, and at least 200 m across (a single point).
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    const auto take = [&](QPointF at) {
        x0 = std::min(x0, at.x()), x1 = std::max(x1, at.x()), y0 = std::min(y0, at.y()), y1 = std::max(y1, at.y());
    };
    for (const FileLayer& file : map.m_files)
        for (const FeatureShape& shape : file.shapes) {
            if (!shape.path.isEmpty()) take(shape.bounds.topLeft()), take(shape.bounds.bottomRight());
            for (const QPointF& at : shape.points) take(at);
        }
    const QPointF centre((x0 + x1) / 2, (y0 + y1) / 2);
    map.m_extent = QRectF(0, 0, std::max(x1 - x0, 200.0), std::max(y1 - y0, 200.0));
    map.m_extent.moveCenter(centre);
    return map;
}

void ResultsMap::draw_layer(QPainter& p, const MapLayer& layer, const QTransform& t, const QRectF& visible,
                            double unit) const {
    const auto shows = [&](const FeatureShape& s) { return visible.intersects(s.bounds); };
    const auto inside = [&](const QPointF& at) { return visible.contains(at); };
    if (layer.id == "districts") {
        p.setPen(Qt::NoPen);
        for (std::size_t d = 0; d < m_districts.size(); ++d) {
            if (!shows(m_districts[d].shape)) continue;
            p.setBrush(district_colour(d));
            p.drawPath(t.map(m_districts[d].shape.path));
        }
    } else if (layer.id == "service_area") {
        p.setPen(Qt::NoPen);
        p.setBrush(kServiceArea);
        for (const FeatureShape& s : m_service_area)
            if (shows(s)) p.drawPath(t.map(s.path));
    } else if (layer.id == "buses") {  // quietly, under the people and the places
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(QColor(90, 90, 110, 150), 1.6 * unit, Qt::DashLine));
        for (const FeatureShape& route : m_bus_routes)
            if (shows(route)) p.drawPath(t.map(route.path));
        p.setPen(QPen(QColor(60, 60, 80), 0.8 * unit));
        p.setBrush(Qt::white);
        for (const QPointF& stop : m_bus_stops) {
            if (!inside(stop)) continue;
            const QPointF at = t.map(stop);
            p.drawRect(QRectF(at.x() - 3 * unit, at.y() - 3 * unit, 6 * unit, 6 * unit));
        }
    } else if (layer.id == "demand") {
        p.setPen(Qt::NoPen);
        for (const auto& [where, minutes] : m_minutes) {
            if (!inside(where)) continue;
            p.setBrush(minutes_colour(minutes, m_info.threshold_min));
            p.drawEllipse(t.map(where), 3.4 * unit, 3.4 * unit);
        }
        p.setBrush(QColor(60, 20, 20, 170));
        for (const QPointF& at : m_uncovered)
            if (inside(at)) p.drawEllipse(t.map(at), 2.6 * unit, 2.6 * unit);
    } else if (layer.id == "places") {
        for (const Marker& m : m_places) {
            if (!inside(m.at)) continue;
            // A place the what-if adds: larger, ringed in green, so the meeting sees what changed.
            p.setPen(m.added ? QPen(kAdded, 3 * unit) : QPen(Qt::white, 1.2 * unit));
            p.setBrush(kPlace);
            p.drawEllipse(t.map(m.at), (m.added ? 8 : 5) * unit, (m.added ? 8 : 5) * unit);
        }
        for (const Marker& m : m_numbered) {  // as the report lists them
            if (!inside(m.at)) continue;
            const QPointF at = t.map(m.at);
            const double radius = 8 * unit;
            p.setPen(QPen(Qt::white, 1.2 * unit));
            p.setBrush(kPlace);
            p.drawEllipse(at, radius, radius);
            p.setPen(Qt::white);
            p.setFont(detail::paper_font(11 * unit, true));
            p.drawText(QRectF(at.x() - radius, at.y() - radius, 2 * radius, 2 * radius), Qt::AlignCenter,
                       QString::number(m.rank));
        }
    } else if (layer.id == "sites") {
        for (const Marker& m : m_sites) {
            if (!inside(m.at)) continue;
            const QPointF at = t.map(m.at);
            p.setPen(QPen(Qt::white, 1.5 * unit));
            p.setBrush(kSite);
            p.drawEllipse(at, 11 * unit, 11 * unit);
            p.setPen(Qt::white);
            p.setFont(detail::paper_font(14 * unit, true));
            p.drawText(QRectF(at.x() - 11 * unit, at.y() - 11 * unit, 22 * unit, 22 * unit), Qt::AlignCenter,
                       QString::number(m.rank));
        }
    } else {
        const auto file = std::find_if(m_files.begin(), m_files.end(), [&](const auto& f) { return f.id == layer.id; });
        if (file == m_files.end()) return;
        QPolygonF points;
        for (const FeatureShape& s : file->shapes) {
            if (!s.path.isEmpty() && shows(s)) {
                p.setPen(QPen(file->colour, (s.filled ? 0.8 : 1.2) * unit));
                p.setBrush(s.filled ? QBrush(fill_of(file->colour)) : Qt::NoBrush);
                p.drawPath(t.map(s.path));
            }
            for (const QPointF& at : s.points)
                if (inside(at)) points.append(at);
        }
        draw_dots(p, t.map(points), 2.4 * unit, file->colour);
    }
}

bool ResultsMap::render(QPainter& p, const QRectF& page, std::stop_token stop, std::vector<std::string>* errors) const {
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setRenderHint(QPainter::TextAntialiasing, true);
    p.fillRect(page, Qt::white);
    const QRectF frame = map_frame(page);
    const QTransform t = map_transform(page);
    const double unit = m_text_scale * page.height() / 1000.0;  // line widths and symbols scale with the page
    const auto shown = [&](std::string_view id) {
        return std::any_of(m_layers.begin(), m_layers.end(), [&](const auto& l) { return l.id == id && l.visible; });
    };

    // What falls outside the frame is left out, not just clipped: a page carries only what it shows.
    const QRectF visible = t.inverted().mapRect(frame);
    p.save();
    p.setClipRect(frame);
    for (const MapLayer& layer : m_layers) {
        if (stop.stop_requested()) {
            p.restore();
            p.restore();
            return false;
        }
        if (!layer.visible || layer.opacity <= 0) continue;
        p.save();
        p.setOpacity(layer.opacity);
        try {
            draw_layer(p, layer, t, visible, unit);
        } catch (const std::exception& e) {  // the others are still drawn
            if (errors != nullptr) errors->push_back(layer.name.toStdString() + ": " + e.what());
        }
        p.restore();
    }
    // On top of every layer: the districts' outlines, what is selected, and the labels, each
    // label where it does not cover another (ranked sites first, then districts).
    if (shown("districts")) {
        p.setPen(QPen(kInk, 1.6 * unit));
        p.setBrush(Qt::NoBrush);
        for (const District& d : m_districts)
            if (visible.intersects(d.shape.bounds)) p.drawPath(t.map(d.shape.path));
    }
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(kSelected, 5 * unit));
    for (const std::size_t d : m_selection.districts)
        if (d < m_districts.size()) p.drawPath(t.map(m_districts[d].shape.path));
    p.setPen(QPen(kSelected, 3.5 * unit));
    for (const auto* markers : {&m_places, &m_numbered, &m_sites})
        for (const Marker& m : *markers) {
            const auto& chosen = markers == &m_sites ? m_selection.candidates : m_selection.places;
            if (std::find(chosen.begin(), chosen.end(), m.index) != chosen.end())
                p.drawEllipse(t.map(m.at), 16 * unit, 16 * unit);
        }
    std::vector<QRectF> taken;
    const auto place_label = [&](QPointF at, const QString& text, const QFont& f) {
        const QRectF box = QFontMetricsF(f).boundingRect(text);
        const double h = box.height();
        for (const QPointF shift : {QPointF(0, 0), QPointF(0, -1.2 * h), QPointF(0, 1.2 * h), QPointF(0, -2.4 * h),
                                    QPointF(0, 2.4 * h)}) {
            QRectF where(0, 0, box.width(), h);
            where.moveCenter(at + shift);
            if (std::any_of(taken.begin(), taken.end(), [&](const QRectF& r) { return r.intersects(where); })) continue;
            taken.push_back(where);
            halo_text(p, where.center(), text, f);
            return;
        }
    };
    if (shown("sites"))
        for (const Marker& m : m_sites) {
            if (!visible.contains(m.at)) continue;
            const QPointF at = t.map(m.at);
            taken.emplace_back(at.x() - 12 * unit, at.y() - 12 * unit, 24 * unit, 24 * unit);  // the symbol
            place_label(at + QPointF(0, 24 * unit), q(m.name), font(page, m_text_scale * 0.013));
        }
    if (shown("districts"))
        for (const District& d : m_districts) {
            const QPointF at = t.map(d.label_at);
            if (!frame.contains(at)) continue;  // off the map: a page need not carry it
            const QString value = d.value ? format_value(m_field, *d.value) : tr("no data");
            place_label(at, q(d.name) + " " + value + (d.small_base ? " *" : ""), font(page, m_text_scale * 0.018, true));
        }
    // The places' names, smaller, wherever they fit among the labels above (zoomed in, all do).
    if (shown("places") && m_place_names)
        for (const Marker& m : m_places) {
            if (!visible.contains(m.at) || m.name.empty()) continue;
            const QPointF at = t.map(m.at);
            place_label(at + QPointF(0, 14 * unit), q(m.name), font(page, m_text_scale * 0.012));
        }
    p.restore();
    p.setPen(QPen(kInk, 1.0 * unit));
    p.setBrush(Qt::NoBrush);
    p.drawRect(frame);

    // Title.
    const QString minutes = QString::number(m_info.threshold_min);
    p.setPen(kInk);
    if (m_title) {
        // As large as a title is, or as fits across the page.
        QFont title = font(page, m_text_scale * 0.032, true);
        const double across = page.width() - 2 * (frame.left() - page.left());
        const double wide = QFontMetricsF(title).horizontalAdvance(q(m_info.project));
        if (wide > across) title.setPixelSize(std::max(1, static_cast<int>(title.pixelSize() * across / wide)));
        p.setFont(title);
        p.drawText(QPointF(frame.left(), page.top() + page.height() * 0.055), q(m_info.project));
        p.setFont(font(page, m_text_scale * 0.019));
        const QString subtitle = m_kind.empty() ? QString() :
            m_field.key == "gap_share"
                ? tr("Older people beyond %1 minutes of the nearest %2 (%3)").arg(minutes, kind_name(m_kind), mode_text())
                : tr("%1: %2 (%3)").arg(kind_name(m_kind), m_field.label, mode_text());
        p.drawText(QRectF(frame.left(), page.top() + page.height() * 0.07, page.width() - 2 * (frame.left() - page.left()),
                          page.height() * 0.055),
                   Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, subtitle);
    }

    // North arrow, top right of the map.
    {
        const double s = 28 * unit;
        detail::draw_north_arrow(p, QPointF(frame.right() - 2 * s, frame.top() + 1.2 * s), s, kInk,
                                 font(page, m_text_scale * 0.022, true));
    }

    // Scale bar, bottom left of the map: a round length about a fifth of the frame.
    {
        const double metres_per_unit = 1.0 / t.m11();
        const double target = frame.width() * 0.2 * metres_per_unit;
        double length = 10;
        for (const double l : {10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0, 10000.0, 20000.0, 50000.0})
            if (l <= target) length = l;
        const double w = length / metres_per_unit;
        const QPointF origin(frame.left() + 30 * unit, frame.bottom() - 30 * unit);
        p.setPen(QPen(kInk, 1.0 * unit));
        p.setBrush(kInk);
        p.drawRect(QRectF(origin.x(), origin.y() - 8 * unit, w / 2, 8 * unit));
        p.setBrush(Qt::white);
        p.drawRect(QRectF(origin.x() + w / 2, origin.y() - 8 * unit, w / 2, 8 * unit));
        p.setFont(font(page, m_text_scale * 0.015));
        const QString label = length >= 1000 ? QString("%1 km").arg(length / 1000) : QString("%1 m").arg(length);
        p.setPen(kInk);
        p.drawText(QPointF(origin.x(), origin.y() - 14 * unit), "0");
        p.drawText(QPointF(origin.x() + w - 10 * unit, origin.y() - 14 * unit), label);
    }

    draw_legend(p, page, frame, unit);

    // Attribution (a report prints it once, in its footer).
    if (m_title) {
        p.setPen(QColor(90, 90, 90));
        p.setFont(font(page, m_text_scale * 0.0125));
        const double top = portrait(page) ? page.bottom() - page.height() * 0.05 : frame.bottom() + 8 * unit;
        p.drawText(QRectF(frame.left(), top, page.width() - 2 * (frame.left() - page.left()), page.bottom() - top),
                   Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, q(attribution_text(m_info)));
    }
    p.restore();
    return true;
}

void ResultsMap::draw_legend(QPainter& p, const QRectF& page, const QRectF& frame, double unit) const {
    const auto shown = [&](std::string_view id) {
        return std::any_of(m_layers.begin(), m_layers.end(), [&](const auto& l) { return l.id == id && l.visible; });
    };
    const QString minutes = QString::number(m_info.threshold_min);
    // Right of the map on a landscape page; under it, in columns, on a portrait one.
    const bool under = portrait(page);
    const QRectF area = under ? QRectF(frame.left(), frame.bottom() + 16 * unit, frame.width(),
                                       page.bottom() - page.height() * 0.06 - frame.bottom() - 16 * unit)
                              : QRectF(frame.right() + page.width() * 0.03, frame.top() + 10 * unit,
                                       page.right() - frame.right() - page.width() * 0.04, frame.height());
    double x = area.left();
    double y = area.top();
    const double box = 26 * unit;
    const auto entry = [&](const QString& label, double step = 1.3) {
        // Beside its symbol, wrapped where it is wider than the legend's column.
        p.setPen(kInk);
        const QFontMetricsF metrics(p.font());
        const double left = x + box * 1.8;
        const double width = (under ? area.width() / 3 : area.right() - x) - box * 1.8;
        const QRectF text(left, y + box * 0.78 - metrics.ascent(), width, box * 4);
        const QRectF used = metrics.boundingRect(text, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, label);
        p.drawText(text, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, label);
        y += std::max(box * step, used.height() + box * 0.35);
        if (under && y + box > area.bottom()) {  // the next column
            x += area.width() / 3;
            y = area.top();
        }
    };
    if (shown("districts")) {
        p.setPen(kInk);
        p.setFont(font(page, m_text_scale * 0.019, true));
        const QString heading = m_field.key == "gap_share" ? tr("Beyond %1 min").arg(minutes) : m_field.label;
        const double width = area.width();
        p.drawText(QRectF(x, y, width, box * 3), Qt::AlignLeft | Qt::TextWordWrap, heading);
        y += box * (QFontMetricsF(p.font()).horizontalAdvance(heading) > width ? 2.6 : 1.6);
        p.setFont(font(page, m_text_scale * 0.016));
        const bool policy = m_breaks.size() == analysis::pipeline::gap_classes().size() &&
                            m_colours.front() == gap_colour(0) && m_field.share &&
                            m_breaks.front() == analysis::pipeline::gap_classes().front().upto;
        for (std::size_t i = 0; i < m_breaks.size() && i < m_colours.size(); ++i) {
            QString label;
            if (policy) {
                const QString upper = QString::number(std::lround(m_breaks[i] * 100));
                const QString lower = i == 0 ? QString() : QString::number(std::lround(m_breaks[i - 1] * 100));
                label = i == 0                    ? tr("%1% or less").arg(upper)
                        : i + 1 == m_breaks.size() ? tr("over %1%").arg(lower)
                                                   : tr("%1–%2%").arg(lower, upper);
            } else {
                const double lower = i == 0 ? m_value_min : m_breaks[i - 1];
                label = m_breaks.size() == 1 || lower == m_breaks[i]
                            ? format_value(m_field, m_breaks[i])
                            : tr("%1 – %2").arg(format_value(m_field, lower), format_value(m_field, m_breaks[i]));
            }
            p.setPen(QPen(kInk, 0.8 * unit));
            p.setBrush(m_colours[i]);
            p.drawRect(QRectF(x, y, box * 1.4, box));
            entry(label);
        }
        if (std::any_of(m_districts.begin(), m_districts.end(), [](const District& d) { return !d.value; })) {
            p.setPen(QPen(kInk, 0.8 * unit));
            p.setBrush(kNoData);
            p.drawRect(QRectF(x, y, box * 1.4, box));
            entry(tr("no data"));
        }
        if (std::any_of(m_districts.begin(), m_districts.end(), [](const District& d) { return d.small_base; }))
            entry(tr("* fewer than %1 older people: too small a base, the share is only a guide")
                      .arg(analysis::pipeline::kSmallDistrictPeople));
        if (m_info.approximate_districts)
            entry(tr("the districts are approximate: each is the area nearest its centre point"));
        y += box * 0.6;
    }
    p.setFont(font(page, m_text_scale * 0.016));
    if (shown("service_area") && !m_service_area.empty()) {
        p.setPen(Qt::NoPen);
        p.setBrush(gap_colour(0));
        p.drawRect(QRectF(x, y, box * 1.4, box));
        p.setBrush(kServiceArea);
        p.drawRect(QRectF(x, y, box * 1.4, box));
        entry(tr("%1 min on foot").arg(minutes));
    }
    if (shown("demand") && !m_uncovered.empty()) {
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(60, 20, 20, 170));
        p.drawEllipse(QPointF(x + box * 0.7, y + box * 0.5), 2.6 * unit, 2.6 * unit);
        entry(tr("where they live"));
    }
    if (shown("demand") && !m_minutes.empty()) {  // the minutes' classes, nearest first
        const double th = m_info.threshold_min;
        const QString third = QString::number(std::lround(th / 3));
        const QString two_thirds = QString::number(std::lround(2 * th / 3));
        const std::pair<double, QString> steps[] = {{th / 3, tr("up to %1 min").arg(third)},
                                                    {2 * th / 3, tr("%1–%2 min").arg(third, two_thirds)},
                                                    {th, tr("%1–%2 min").arg(two_thirds, minutes)},
                                                    {th + 1, tr("beyond %1 min").arg(minutes)}};
        for (const auto& [upto, label] : steps) {
            p.setPen(Qt::NoPen);
            p.setBrush(minutes_colour(upto, th));
            p.drawEllipse(QPointF(x + box * 0.7, y + box * 0.5), 3.4 * unit, 3.4 * unit);
            entry(label, 1.1);
        }
        y += box * 0.3;
    }
    if (shown("buses") && !m_bus_stops.empty()) {
        p.setPen(QPen(QColor(90, 90, 110, 150), 1.6 * unit, Qt::DashLine));
        p.drawLine(QPointF(x, y + box * 0.5), QPointF(x + box * 1.4, y + box * 0.5));
        p.setPen(QPen(QColor(60, 60, 80), 0.8 * unit));
        p.setBrush(Qt::white);
        p.drawRect(QRectF(x + box * 0.7 - 3 * unit, y + box * 0.5 - 3 * unit, 6 * unit, 6 * unit));
        entry(tr("bus routes and stops"));
    }
    if (shown("places")) {
        p.setPen(QPen(Qt::white, 1.2 * unit));
        p.setBrush(kPlace);
        p.drawEllipse(QPointF(x + box * 0.7, y + box * 0.5), 5 * unit, 5 * unit);
        entry(tr("%1 (existing)").arg(kind_name(m_kind)));
        if (std::any_of(m_places.begin(), m_places.end(), [](const Marker& m) { return m.added; })) {
            p.setPen(QPen(kAdded, 3 * unit));
            p.setBrush(kPlace);
            p.drawEllipse(QPointF(x + box * 0.7, y + box * 0.5), 8 * unit, 8 * unit);
            entry(tr("%1 (in this what-if)").arg(kind_name(m_kind)));
        }
    }
    if (shown("sites") && !m_sites.empty()) {
        p.setPen(QPen(Qt::white, 1.2 * unit));
        p.setBrush(kSite);
        p.drawEllipse(QPointF(x + box * 0.7, y + box * 0.5), 10 * unit, 10 * unit);
        entry(tr("best new sites, ranked"));
    }
    for (const FileLayer& file : m_files) {
        const auto layer = std::find_if(m_layers.begin(), m_layers.end(), [&](const auto& l) { return l.id == file.id; });
        if (layer == m_layers.end() || !layer->visible) continue;
        const bool areas = std::any_of(file.shapes.begin(), file.shapes.end(), [](const auto& f) { return f.filled; });
        const bool lines = std::any_of(file.shapes.begin(), file.shapes.end(),
                                       [](const auto& f) { return !f.filled && !f.path.isEmpty(); });
        if (areas) {
            p.setPen(QPen(file.colour, 0.8 * unit));
            p.setBrush(fill_of(file.colour));
            p.drawRect(QRectF(x, y, box * 1.4, box));
        } else if (lines) {
            p.setPen(QPen(file.colour, 2 * unit));
            p.drawLine(QPointF(x, y + box * 0.5), QPointF(x + box * 1.4, y + box * 0.5));
        } else {
            p.setPen(Qt::NoPen);
            p.setBrush(file.colour);
            p.drawEllipse(QPointF(x + box * 0.7, y + box * 0.5), 2.4 * unit, 2.4 * unit);
        }
        entry(layer->name);
    }
}

QSize PageSetup::png_size() const {
    if (!pixels.isEmpty()) return pixels;
    const QSizeF mm = QPageSize(paper).size(QPageSize::Millimeter);
    const QSize portrait(static_cast<int>(std::lround(mm.width() / 25.4 * dpi)),
                         static_cast<int>(std::lround(mm.height() / 25.4 * dpi)));
    return orientation == QPageLayout::Landscape ? portrait.transposed() : portrait;
}

void ResultsMap::save(const std::filesystem::path& path, const PageSetup& page) const {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    if (page.dpi < 50 || page.dpi > 1200)
        throw geo::InputError(fmt::format("{}: a resolution of {} dpi is out of range (50 to 1200)", path.string(), page.dpi));
    if (ext == ".pdf") {
        detail::write_pdf(path, page.paper, page.orientation, q(m_info.project),
                          [&](QPdfWriter& writer, QPainter& painter) {
                              render(painter, QRectF(0, 0, writer.width(), writer.height()));
                          }, page.dpi);
        return;
    }
    if (ext != ".png") throw geo::InputError(fmt::format("{}: a map is written as .png or .pdf", path.string()));
    const QSize pixels = page.png_size();
    if (pixels.width() < 100 || pixels.height() < 100 || pixels.width() > 20000 || pixels.height() > 20000)
        throw geo::InputError(fmt::format("{}: {} x {} pixels is out of range (100 to 20000 a side)", path.string(),
                                          pixels.width(), pixels.height()));
    QImage image(pixels, QImage::Format_RGB32);
    image.setDotsPerMeterX(static_cast<int>(std::lround(page.dpi / 0.0254)));
    image.setDotsPerMeterY(static_cast<int>(std::lround(page.dpi / 0.0254)));
    {
        QPainter painter(&image);
        render(painter, QRectF(QPointF(0, 0), QSizeF(pixels)));
    }
    geo::remove_stale_temps(path);
    const std::filesystem::path temp = geo::temp_path_for(path, ".png");
    const geo::TempRegistration on_signal(temp);
    if (!image.save(QString::fromStdString(temp.string()), "PNG")) {
        std::error_code ignored;
        std::filesystem::remove(temp, ignored);
        throw geo::InputError(fmt::format("{}: cannot be written", path.string()));
    }
    std::error_code ec;
    std::filesystem::rename(temp, path, ec);
    if (ec) throw geo::InputError(fmt::format("{}: cannot be written ({})", path.string(), ec.message()));
}

}  // namespace needmap::viewer
