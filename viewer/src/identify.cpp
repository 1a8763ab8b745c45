#include "needmap/viewer/identify.hpp"

#include "detail/paper.hpp"

#include "needmap/viewer/language.hpp"

#include <QCoreApplication>
#include <boost/geometry/algorithms/within.hpp>

#include <cmath>
#include <limits>

namespace needmap::viewer {
namespace {

namespace p = analysis::pipeline;

QString tr(const char* text) {
    return QCoreApplication::translate("Identify", text);
}

QString q(const std::string& s) {
    return QString::fromStdString(s).toHtmlEscaped();
}

using detail::people;
using detail::percent;

QString minutes(double m) {
    return std::isfinite(m) ? tr("%1 min").arg(std::lround(m)) : tr("over the limit");
}

template <typename Items, typename Position>
std::optional<std::size_t> nearest(const Items& items, geo::Point at, double radius, Position position) {
    std::optional<std::size_t> best;
    double best_d = radius;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const geo::Point& p = position(items[i]);
        const double d = std::hypot(p.x - at.x, p.y - at.y);
        if (d <= best_d) {
            best_d = d;
            best = i;
        }
    }
    return best;
}

}  // namespace

std::optional<analysis::DistrictId> district_at(const p::Results& r, geo::Point at) {
    for (std::size_t d = 0; d < r.districts.size(); ++d)
        if (boost::geometry::within(at, r.districts[d].geometry)) return analysis::DistrictId(static_cast<std::uint32_t>(d));
    return std::nullopt;
}

std::optional<std::size_t> place_near(const p::Results& r, geo::Point at, double radius) {
    return nearest(r.places, at, radius, [](const p::PlaceInfo& x) -> const geo::Point& { return x.position; });
}

std::optional<std::size_t> site_near(const p::Results& r, const std::string& kind, geo::Point at, double radius,
                                     std::size_t shown) {
    const auto k = r.find_kind(kind);
    if (!k || !r.kinds[k->value()].siting) return std::nullopt;
    const auto& chosen = r.kinds[k->value()].siting->result.chosen;
    std::vector<geo::Point> sites;
    for (std::size_t rank = 0; rank < chosen.size() && rank < shown; ++rank) sites.push_back(r.candidates[chosen[rank]].position);
    return nearest(sites, at, radius, [](const geo::Point& x) -> const geo::Point& { return x; });
}

std::optional<std::size_t> point_near(const p::Results& r, geo::Point at, double radius) {
    return nearest(r.points, at, radius, [](const p::PointInfo& x) -> const geo::Point& { return x.position; });
}

QString district_summary(const p::Results& r, analysis::DistrictId id) {
    const std::size_t d = id.value();
    const p::DistrictInfo& district = r.districts[d];
    QString html = "<h2>" + q(district.name) + "</h2>";
    html += "<p>" + tr("Older people: %1").arg(people(district.people[r.elderly_band])) + "</p>";
    html += "<table cellpadding='3'><tr><th></th><th>" + tr("beyond %1 min, with the bus").arg(r.info.threshold_min) +
            "</th><th>" + tr("on foot only") + "</th><th>" + tr("unmet need") + "</th><th>" + tr("median time") +
            "</th></tr>";
    for (const auto& k : r.kinds) {
        const auto& a = k.districts[d];
        html += "<tr><td>" + kind_name(k.kind).toHtmlEscaped() + "</td><td align='right'>" +
                tr("%1 (%2)").arg(people(a.uncovered_people), percent(a.uncovered_share())) + "</td><td align='right'>" +
                (k.walk_access ? tr("%1 (%2)").arg(people(k.walk_districts[d].uncovered_people),
                                                    percent(k.walk_districts[d].uncovered_share()))
                               : QString("—")) +
                "</td><td align='right'>" + people(a.uncovered_need) + "</td><td align='right'>" + minutes(a.median_min) +
                "</td></tr>";
    }
    html += "</table>";
    if (!r.needs.empty()) {
        html += "<h3>" + tr("Needs survey") + "</h3><ul>";
        for (std::size_t n = 0; n < r.needs.size(); ++n) {
            const auto& rate = district.rates[n];
            html += "<li>" + q(r.needs[n]) + ": " +
                    (rate ? tr("%1 (95% interval %2–%3, %4 respondents)")
                                .arg(percent(rate->rate), percent(rate->low), percent(rate->high))
                                .arg(std::llround(rate->n))
                          : tr("no answer")) +
                    "</li>";
        }
        html += "</ul>";
        if (district.small_sample.value_or(false))
            html += "<p><b>" + tr("Few respondents: read the rates with care.") + "</b></p>";
    }
    QStringList places;
    for (const auto& place : r.places)
        if (place.district && place.district->value() == d) places << q(place.name);
    if (!places.isEmpty()) html += "<h3>" + tr("Places inside") + "</h3><p>" + places.join("、") + "</p>";
    return html;
}

QString point_summary(const p::Results& r, std::size_t point) {
    QString html = "<h3>" + tr("Older people here: %1").arg(people(r.points[point].people[r.elderly_band])) + "</h3><ul>";
    for (const auto& k : r.kinds) {
        const double m = k.access.nearest_min[point];
        html += "<li>" + tr("nearest %1: %2").arg(kind_name(k.kind).toHtmlEscaped(), minutes(m));
        if (k.walk_access) html += tr(" (on foot only: %1)").arg(minutes(k.walk_access->nearest_min[point]));
        html += "</li>";
    }
    return html + "</ul>";
}

QString place_summary(const p::Results& r, std::size_t place) {
    const p::PlaceInfo& x = r.places[place];
    QString html = "<h3>" + q(x.name) + "</h3><p>" + kind_name(x.kind).toHtmlEscaped();
    if (x.added) html += tr(" (added in this what-if)");
    html += "</p>";
    if (!x.address.empty()) html += "<p>" + q(x.address) + "</p>";
    if (!x.days.empty() || !x.hours.empty()) html += "<p>" + q(x.days) + " " + q(x.hours) + "</p>";
    return html;
}

QString site_summary(const p::Results& r, const std::string& kind, std::size_t rank) {
    const auto& siting = *r.kinds[r.find_kind(kind)->value()].siting;
    const std::size_t c = siting.result.chosen.at(rank);
    const p::PlaceInfo& site = r.candidates[c];
    const QString unit = r.kinds[r.find_kind(kind)->value()].need.empty() ? tr("older people") : tr("people in need");
    QString html = "<h3>" + tr("New site no. %1 for a %2").arg(rank + 1).arg(kind_name(kind).toHtmlEscaped()) + "</h3>";
    html += "<p>" + q(site.name) + "</p><ul>";
    html += "<li>" + tr("alone, it would bring %1 %2 within reach").arg(people(siting.alone[c]), unit) + "</li>";
    if (rank < siting.cumulative.size())
        html += "<li>" + tr("with the sites ranked above it: %1 of the %2 out of reach today")
                             .arg(people(siting.cumulative[rank]), people(siting.uncovered_need)) +
                "</li>";
    if (rank < siting.district_gains.size() && !siting.district_gains[rank].empty())
        html += "<li>" + tr("where: %1").arg(q(siting.district_gains[rank])) + "</li>";
    html += "</ul>";
    return html;
}

QString describe_change(const p::Modification& change) {
    struct Describe {
        QString operator()(const p::AddPlace& a) const {
            const QString where = QString("%1, %2").arg(a.lon, 0, 'f', 5).arg(a.lat, 0, 'f', 5);
            return a.name.empty() ? tr("open a %1 at %2").arg(kind_name(a.kind), where)
                                  : tr("open %1 (a %2) at %3").arg(q(a.name), kind_name(a.kind), where);
        }
        QString operator()(const p::PromoteCandidate& c) const {
            return tr("open candidate %1 as a %2").arg(q(c.candidate), kind_name(c.kind));
        }
        QString operator()(const p::RemovePlace& r) const { return tr("close %1").arg(q(r.place)); }
        QString operator()(const p::DropRoute& d) const { return tr("stop bus route %1").arg(q(d.route)); }
        QString operator()(const p::DropFeed& d) const { return tr("stop every bus of %1").arg(q(d.feed)); }
        QString operator()(const p::SetThreshold& t) const { return tr("within %1 minutes").arg(t.minutes); }
        QString operator()(const p::SetWalkSpeed& w) const { return tr("walking at %1 km/h").arg(w.kmh); }
    };
    return std::visit(Describe{}, change);
}

QString changes_summary(const p::Results& scenario, std::span<const p::Modification> made,
                        std::span<const p::Change> changes, const std::string& kind) {
    const auto k = scenario.find_kind(kind);
    QString html = "<h3>" + tr("What changes: %1").arg(kind_name(kind).toHtmlEscaped()) + "</h3>";
    if (!made.empty()) {
        html += "<ul>";
        for (const auto& m : made) html += "<li>" + describe_change(m) + "</li>";
        html += "</ul>";
    }
    html += "<table cellpadding='3'><tr><th>" + tr("district") + "</th><th>" + tr("beyond, before") + "</th><th>" +
            tr("after") + "</th><th>" + tr("change") + "</th><th>" + tr("unmet need, change") + "</th></tr>";
    for (const p::Change& c : changes) {
        if (!k || c.kind != *k) continue;
        const double people_change = c.people_after - c.people_before;
        const double need_change = c.need_after - c.need_before;
        html += "<tr><td>" + q(scenario.districts[c.district.value()].name) + "</td><td align='right'>" +
                people(c.people_before) + "</td><td align='right'>" + people(c.people_after) + "</td><td align='right'>" +
                (people_change > 0 ? "+" : "") + people(people_change) + "</td><td align='right'>" +
                (need_change > 0 ? "+" : "") + QString::number(need_change, 'f', 1) + "</td></tr>";
    }
    return html + "</table>";
}

}  // namespace needmap::viewer
