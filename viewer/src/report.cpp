#include "needmap/viewer/report.hpp"

#include "detail/paper.hpp"
#include "detail/pdf_file.hpp"

#include "needmap/geo/error.hpp"
#include "needmap/viewer/language.hpp"
#include "needmap/viewer/results_map.hpp"

#include <QCoreApplication>
#include <QFont>
#include <QFontMetricsF>
#include <QPainter>
#include <QPdfWriter>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace needmap::viewer {
namespace {

namespace p = analysis::pipeline;

QString tr(const char* text) {
    return QCoreApplication::translate("Report", text);
}

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

using detail::people;
using detail::percent;

/// An age band's column name as a reader says it.
QString band_name(const std::string& band) {
    if (band == "pop_total" || band == "population") return tr("all ages");
    if (band == "pop65") return tr("65 and over");
    if (band == "pop75") return tr("75 and over");
    return q(band);
}

/// Drawing on one page, top to bottom, in the page's units; sizes are shares of the page height.
class Sheet {
public:
    Sheet(QPainter& painter, const QRectF& page) : m_p(painter), m_page(page), m_unit(page.height() / 1000) {
        const double margin = 40 * m_unit;
        m_area = page.adjusted(margin, margin, -margin, -margin - 30 * m_unit);  // the footer below
        m_y = m_area.top();
    }

    [[nodiscard]] double unit() const { return m_unit; }
    [[nodiscard]] const QRectF& area() const { return m_area; }
    [[nodiscard]] double y() const { return m_y; }
    void skip(double units) { m_y += units * m_unit; }

    QFont font(double size, bool bold = false) const { return detail::paper_font(size * m_unit, bold); }

    void text(const QString& line, double size, bool bold = false, const QColor& colour = QColor(40, 40, 40)) {
        m_p.setFont(font(size, bold));
        m_p.setPen(colour);
        const QRectF box(m_area.left(), m_y, m_area.width(), m_area.bottom() - m_y);
        QRectF used;
        m_p.drawText(box, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, line, &used);
        m_y += used.height() + size * 0.35 * m_unit;
    }

    /// A table: a header row, then rows; columns share the width by `widths` (relative).
    void table(const QStringList& header, const std::vector<QStringList>& rows, const std::vector<double>& widths,
               double size = 15) {
        double total = 0;
        for (const double w : widths) total += w;
        const auto draw_row = [&](const QStringList& cells, bool bold, const QColor& fill) {
            const double row_height = size * (bold ? 3.3 : 1.9) * m_unit;  // a header may take three lines
            double x = m_area.left();
            m_p.setFont(font(bold ? size * 0.85 : size, bold));
            const QFontMetricsF metrics(m_p.font());
            for (int c = 0; c < cells.size() && c < static_cast<int>(widths.size()); ++c) {
                const double w = m_area.width() * widths[static_cast<std::size_t>(c)] / total;
                const QRectF cell(x, m_y, w, row_height);
                m_p.setPen(QPen(QColor(150, 150, 150), 0.8 * m_unit));
                m_p.setBrush(fill);
                m_p.drawRect(cell);
                m_p.setPen(QColor(40, 40, 40));
                const QRectF inner = cell.adjusted(5 * m_unit, 0, -5 * m_unit, 0);
                const auto align = Qt::AlignVCenter | (c == 0 ? Qt::AlignLeft : Qt::AlignRight);
                if (bold)
                    m_p.drawText(inner, align | Qt::TextWordWrap, cells[c]);
                else
                    m_p.drawText(inner, align, metrics.elidedText(cells[c], Qt::ElideRight, inner.width()));
                x += w;
            }
            m_y += row_height;
        };
        draw_row(header, true, QColor(235, 235, 235));
        for (const auto& row : rows) draw_row(row, false, Qt::white);
        m_y += size * 0.8 * m_unit;
    }

    /// Maps side by side, each with its caption above, in boxes `height` units tall across the page.
    void maps(const p::Results& r, const std::vector<ResultsMapOptions>& options, const QStringList& captions,
              double height) {
        const double gap = 12 * m_unit;
        const double width = (m_area.width() - gap * static_cast<double>(options.size() - 1)) / static_cast<double>(options.size());
        m_p.setFont(font(15, true));
        const double caption = 15 * 1.6 * m_unit;
        for (std::size_t i = 0; i < options.size(); ++i) {
            const double x = m_area.left() + static_cast<double>(i) * (width + gap);
            m_p.setPen(QColor(40, 40, 40));
            m_p.drawText(QRectF(x, m_y, width, caption), Qt::AlignLeft | Qt::AlignVCenter, captions.value(static_cast<int>(i)));
            const QRectF box(x, m_y + caption, width, height * m_unit);
            ResultsMapOptions on_page = options[i];
            on_page.place_names = false;  // the maps are small; the pages list the places
            on_page.page_aspect = box.width() / box.height();
            // The map sizes its text by the box's height (0.016 of it for the legend): here that
            // would be 3 points; the legend reads at 7.5 of the page's units, as the tables' notes.
            on_page.text_scale = std::clamp(7.5 * m_unit / (0.016 * box.height()), 1.0, 3.0);
            ResultsMap::from(r, on_page).render(m_p, box);
            m_p.setPen(QPen(QColor(150, 150, 150), 0.8 * m_unit));
            m_p.setBrush(Qt::NoBrush);
            m_p.drawRect(box);
        }
        m_y += caption + height * m_unit + gap;
    }

    void footer(const p::RunInfo& info, int page, int pages) {
        m_p.setFont(font(11));
        m_p.setPen(QColor(90, 90, 90));
        const QRectF box(m_area.left(), m_page.bottom() - 60 * m_unit, m_area.width(), 50 * m_unit);
        const QString parameters = tr("%1; within %2 minutes; page %3 of %4")
                                       .arg(measured_by(info), QString::number(info.threshold_min))
                                       .arg(page)
                                       .arg(pages);
        m_p.drawText(box, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                     parameters + "\n" + q(attribution_text(info)));
    }

private:
    QPainter& m_p;
    QRectF m_page;
    double m_unit;
    QRectF m_area;
    double m_y = 0;
};

/// The best new sites of one kind, by rank: "1. 下川原公民館 (+221 people's need)".
QStringList best_sites(const p::Results& r, const p::KindResult& k, std::size_t count) {
    QStringList out;
    if (!k.siting) return out;
    for (std::size_t rank = 0; rank < k.siting->result.chosen.size() && rank < count; ++rank)
        out << tr("%1. %2 (covers the need of %3 more people)")
                   .arg(rank + 1)
                   .arg(q(r.candidates[k.siting->result.chosen[rank]].name), people(k.siting->result.gain[rank]));
    return out;
}

void overview_page(QPainter& painter, const QRectF& page, const p::Results& r, int pages) {
    Sheet s(painter, page);
    const QString minutes = QString::number(r.info.threshold_min);
    s.text(tr("District profiles: %1").arg(q(r.info.project)), 30, true);
    s.text(tr("The whole municipality: older people who cannot reach a place within %1 minutes, district by "
              "district")
               .arg(minutes),
           17);
    s.text(tr("Share of older people beyond %1 minutes, by kind of place").arg(minutes), 15, true);
    // The map of each kind, side by side (two at most on the page).
    std::vector<ResultsMapOptions> maps;
    QStringList captions;
    for (std::size_t k = 0; k < r.kinds.size() && k < 2; ++k) {
        ResultsMapOptions options;
        options.kind = r.kinds[k].kind;
        options.title = false;
        options.ranked_sites = 3;
        maps.push_back(options);
        captions << kind_name(r.kinds[k].kind);
    }
    s.maps(r, maps, captions, 330);
    // The districts side by side.
    QStringList header{tr("district")};
    std::vector<double> widths{1.8};
    for (const auto& band : r.bands) {
        if (band == "pop_total") continue;
        header << band_name(band);
        widths.push_back(1.0);
    }
    for (const auto& k : r.kinds) {
        header << tr("%1 beyond").arg(kind_name(k.kind)) << tr("share") << tr("on foot only") << tr("unmet need");
        widths.insert(widths.end(), {1.2, 0.95, 1.0, 1.1});
    }
    const bool yardstick = std::any_of(r.districts.begin(), r.districts.end(), [](const auto& d) { return d.yardstick; });
    if (yardstick) {
        header << tr("national yardstick");
        widths.push_back(1.1);
    }
    std::vector<QStringList> rows;
    for (std::size_t d = 0; d < r.districts.size(); ++d) {
        QStringList row{q(r.districts[d].name)};
        for (std::size_t b = 0; b < r.bands.size(); ++b)
            if (r.bands[b] != "pop_total") row << people(r.districts[d].people[b]);
        for (const auto& k : r.kinds) {
            row << people(k.districts[d].uncovered_people) << percent(k.districts[d].uncovered_share());
            row << (k.walk_access ? percent(k.walk_districts[d].uncovered_share()) : QString("—"));
            row << people(k.districts[d].uncovered_need);
        }
        if (yardstick) row << (r.districts[d].yardstick ? people(r.districts[d].yardstick->people()) : QString("—"));
        rows.push_back(row);
    }
    s.text(tr("Districts compared (people; shares of older people)"), 17, true);
    s.table(header, rows, widths, 12);
    if (yardstick)
        s.text(tr("National yardstick: people 65 and over 500 m or more from a food store who cannot use a car "
                  "(農林水産政策研究所's method), beside needmap's gap on the streets and buses."),
               12);
    for (const auto& k : r.kinds) {
        const QStringList sites = best_sites(r, k, 3);
        if (sites.isEmpty()) continue;
        s.text(tr("Best new places for %1").arg(kind_name(k.kind)), 15, true);
        s.text(sites.join(tr(", ")), 13);
    }
    s.footer(r.info, 1, pages);
}

void district_page(QPainter& painter, const QRectF& page, const p::Results& r, std::size_t d, int number, int pages) {
    Sheet s(painter, page);
    const p::DistrictInfo& district = r.districts[d];
    const QString minutes = QString::number(r.info.threshold_min);
    s.text(tr("%1 district").arg(q(district.name)), 30, true);
    s.text(tr("District profile of %1").arg(q(r.info.project)), 15);

    ResultsMapOptions options;
    options.kind = r.kinds.front().kind;
    options.title = false;
    options.focus_district = district.id;
    options.ranked_sites = 3;
    options.demand_minutes = true;
    options.show_service_area = false;
    options.number_places_in = district.id;
    s.maps(r, {options}, {tr("Minutes to the nearest %1, where older people live").arg(kind_name(options.kind))}, 215);

    // Older people.
    QStringList people_line;
    for (std::size_t b = 0; b < r.bands.size(); ++b)
        people_line << tr("%1: %2").arg(band_name(r.bands[b]), people(district.people[b]));
    s.text(tr("People"), 17, true);
    s.text(people_line.join(tr(", ")), 14);

    // The access gap per kind.
    s.text(tr("Older people beyond %1 minutes").arg(minutes), 17, true);
    std::vector<QStringList> rows;
    for (const auto& k : r.kinds) {
        const auto& a = k.districts[d];
        QStringList row{kind_name(k.kind), people(a.uncovered_people), percent(a.uncovered_share())};
        if (k.walk_access)
            row << people(k.walk_districts[d].uncovered_people) << percent(k.walk_districts[d].uncovered_share());
        else
            row << "—" << "—";
        row << people(a.uncovered_need)
            << (std::isfinite(a.median_min) ? tr("%1 min").arg(std::lround(a.median_min)) : tr("over the limit"));
        rows.push_back(row);
    }
    s.table({tr("kind of place"), tr("beyond, with the bus"), tr("share"), tr("beyond, on foot"), tr("share"),
             tr("unmet need"), tr("median time")},
            rows, {2.1, 1.3, 0.8, 1.3, 0.8, 1.2, 1.1});

    // The survey.
    if (!r.needs.empty()) {
        s.text(tr("Needs survey"), 17, true);
        std::vector<QStringList> survey;
        for (std::size_t n = 0; n < r.needs.size(); ++n) {
            const auto& rate = district.rates[n];
            if (!rate) {
                survey.push_back({q(r.needs[n]), "—", "—", "—"});
                continue;
            }
            survey.push_back({q(r.needs[n]), percent(rate->rate),
                              QString("%1–%2").arg(percent(rate->low), percent(rate->high)),
                              QString::number(std::llround(rate->n))});
        }
        s.table({tr("need"), tr("rate"), tr("95% interval"), tr("respondents")}, survey, {2.2, 1, 1.4, 1});
        if (district.small_sample.value_or(false))
            s.text(tr("Few respondents in this district: read the rates with care."), 13, true, QColor(180, 40, 40));
    }

    // New places that would serve this district.
    for (const auto& k : r.kinds) {
        if (!k.siting) continue;
        QStringList lines;
        for (std::size_t rank = 0; rank < k.siting->result.chosen.size(); ++rank) {
            const auto& site = r.candidates[k.siting->result.chosen[rank]];
            if (!site.district || site.district->value() != d) continue;
            lines << tr("%1. %2 (covers the need of %3 more people)")
                         .arg(rank + 1)
                         .arg(q(site.name), people(k.siting->result.gain[rank]));
        }
        if (lines.isEmpty()) continue;
        s.text(tr("Best new places for %1 in this district").arg(kind_name(k.kind)), 14, true);
        s.text(lines.join(tr(", ")), 12);
    }

    // The places in the district, numbered as on its map, with where and when.
    QStringList places;
    for (const auto& place : r.places) {
        if (!place.district || place.district->value() != d) continue;
        QString line = QString("%1. %2（%3）").arg(places.size() + 1).arg(q(place.name), kind_name(place.kind));
        for (const auto& detail : {place.address, place.days, place.hours})
            if (!detail.empty()) line += " " + q(detail);
        places << line;
    }
    if (!places.isEmpty() && s.y() < s.area().bottom() - 40 * s.unit()) {
        s.text(tr("Places in the district"), 15, true);
        for (qsizetype i = 0; i < places.size(); ++i) {
            if (s.y() > s.area().bottom() - 40 * s.unit()) {  // the page is full: say how many more
                s.text(tr("... and %1 more").arg(places.size() - i), 11);
                break;
            }
            s.text(places[i], 11);
        }
    }
    s.footer(r.info, number, pages);
}

}  // namespace

QPageSize::PageSizeId paper_named(const std::string& name) {
    if (name == "a4" || name == "A4") return QPageSize::A4;
    if (name == "a3" || name == "A3") return QPageSize::A3;
    throw geo::InputError(fmt::format("--paper {}: give a4 or a3", name));
}

void write_report(const p::Results& r, const std::filesystem::path& pdf, const ReportOptions& options) {
    if (r.districts.empty() || r.kinds.empty())
        throw geo::InputError(fmt::format("{}: the results have no districts or no kind of place to report on",
                                          pdf.string()));
    std::vector<std::size_t> districts;
    for (const auto& id : options.districts) {
        const auto d = r.find_district(id);
        if (!d) {
            std::string ids;
            for (const auto& x : r.districts) ids += (ids.empty() ? "" : ", ") + x.id + " " + x.name;
            throw geo::InputError(fmt::format("no district \"{}\" in the results (they are: {})", id, ids));
        }
        districts.push_back(d->value());
    }
    if (options.districts.empty())
        for (std::size_t d = 0; d < r.districts.size(); ++d) districts.push_back(d);

    detail::write_pdf(pdf, options.paper, QPageLayout::Portrait, tr("District profiles: %1").arg(q(r.info.project)),
                      [&](QPdfWriter& writer, QPainter& painter) {
                          const QRectF page(0, 0, writer.width(), writer.height());
                          const int pages = 1 + static_cast<int>(districts.size());
                          overview_page(painter, page, r, pages);
                          for (std::size_t i = 0; i < districts.size(); ++i) {
                              writer.newPage();
                              district_page(painter, page, r, districts[i], static_cast<int>(i) + 2, pages);
                          }
                      });
}

}  // namespace needmap::viewer
