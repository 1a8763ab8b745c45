#include "needmap/viewer/attribute_table.hpp"

#include "detail/paper.hpp"

#include "needmap/analysis/pipeline/results.hpp"
#include "needmap/viewer/language.hpp"
#include "needmap/viewer/results_map.hpp"
#include "needmap/viewer/results_view.hpp"

#include <QHeaderView>
#include <QSignalBlocker>
#include <QTableWidget>

#include <cmath>
#include <optional>

namespace needmap::viewer {
namespace {

namespace p = analysis::pipeline;
constexpr int kIndex = Qt::UserRole;   // the row's index in the results (first column)
constexpr int kNumber = Qt::UserRole + 1;

/// A cell that sorts by its number, not by its text ("1,234" after "987").
class NumberItem : public QTableWidgetItem {
public:
    NumberItem(const QString& text, double number) : QTableWidgetItem(text) {
        setData(kNumber, number);
        setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    bool operator<(const QTableWidgetItem& other) const override {
        return data(kNumber).toDouble() < other.data(kNumber).toDouble();
    }
};

QTableWidget* make_table(QWidget* parent) {
    auto* table = new QTableWidget(parent);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->setVisible(false);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

void set_row(QTableWidget* table, int row, std::size_t index, const std::vector<QTableWidgetItem*>& cells) {
    cells.front()->setData(kIndex, static_cast<qulonglong>(index));
    for (int c = 0; c < static_cast<int>(cells.size()); ++c) table->setItem(row, c, cells[static_cast<std::size_t>(c)]);
}

QTableWidgetItem* number(double value, const QString& text) {
    return new NumberItem(text, std::isfinite(value) ? value : 1e300);
}

QTableWidgetItem* people(double n) {
    return number(n, detail::people(n));
}

QTableWidgetItem* share(double s) {
    return number(s, detail::percent(s));
}

QTableWidgetItem* minutes(double m) {
    return number(m, std::isfinite(m) ? QString::number(std::lround(m)) : AttributeTable::tr("over the limit"));
}

}  // namespace

AttributeTable::AttributeTable(ResultsView& view, QWidget* parent)
    : QTabWidget(parent), m_view(view), m_districts(make_table(this)), m_places(make_table(this)), m_sites(make_table(this)) {
    addTab(m_districts, tr("Districts"));
    addTab(m_places, tr("Places"));
    addTab(m_sites, tr("Best new sites"));
    for (QTableWidget* t : {m_districts, m_places, m_sites}) {
        connect(t, &QTableWidget::itemSelectionChanged, this, &AttributeTable::selection_changed);
        connect(t, &QTableWidget::cellDoubleClicked, this, [this, t](int row, int) {
            if (t != m_districts) return;
            m_view.show_district(m_districts->item(row, 0)->data(kIndex).toULongLong());
        });
    }
    connect(&m_view, &ResultsView::layers_changed, this, &AttributeTable::refresh);
    refresh();
}

QTableWidget* AttributeTable::table(const QString& layer) const {
    if (layer == "districts") return m_districts;
    if (layer == "places") return m_places;
    if (layer == "sites") return m_sites;
    return nullptr;
}

void AttributeTable::refresh() {
    m_filling = true;
    const p::Results* r = m_view.results();
    for (QTableWidget* t : {m_districts, m_places, m_sites}) {
        t->setSortingEnabled(false);
        t->clearContents();
        t->setRowCount(0);
    }
    const auto kind_id = r ? r->find_kind(m_view.kind()) : std::nullopt;
    if (!r || !kind_id) {
        m_filling = false;
        return;
    }
    const p::KindResult& kind = r->kinds[kind_id->value()];
    const QString minutes_text = QString::number(r->info.threshold_min);

    QStringList heads{tr("District"), tr("Older people"), tr("Beyond %1 min").arg(minutes_text), tr("Share")};
    if (!kind.walk_districts.empty()) heads << tr("Share on foot only");
    if (!kind.need.empty()) heads << tr("Unmet need");
    heads << tr("Median minutes") << tr("Places inside") << tr("Survey answers");
    m_districts->setColumnCount(static_cast<int>(heads.size()));
    m_districts->setHorizontalHeaderLabels(heads);
    m_districts->setRowCount(static_cast<int>(r->districts.size()));
    for (std::size_t d = 0; d < r->districts.size(); ++d) {
        const auto& a = kind.districts[d];
        std::vector<QTableWidgetItem*> cells{new QTableWidgetItem(q(r->districts[d].name)), people(a.elderly),
                                             people(a.uncovered_people), share(a.uncovered_share())};
        if (!kind.walk_districts.empty()) cells.push_back(share(kind.walk_districts[d].uncovered_share()));
        if (!kind.need.empty()) cells.push_back(people(a.uncovered_need));
        cells.push_back(minutes(a.median_min));
        cells.push_back(number(static_cast<double>(a.resources_inside), QString::number(a.resources_inside)));
        const auto& answers = r->districts[d].respondents;
        cells.push_back(answers ? number(*answers, detail::people(*answers) +
                                                       (r->districts[d].small_sample.value_or(false) ? tr(" (few)") : ""))
                                : number(-1, tr("no survey")));
        set_row(m_districts, static_cast<int>(d), d, cells);
    }

    m_places->setColumnCount(5);
    m_places->setHorizontalHeaderLabels({tr("Name"), tr("District"), tr("Address"), tr("Days"), tr("Hours")});
    m_places->setRowCount(static_cast<int>(kind.access.sites.size()));
    for (std::size_t row = 0; row < kind.access.sites.size(); ++row) {
        const std::size_t j = kind.access.sites[row];
        const p::PlaceInfo& place = r->places[j];
        const QString district = place.district ? q(r->districts[place.district->value()].name) : QString();
        set_row(m_places, static_cast<int>(row), j,
                {new QTableWidgetItem(q(place.name) + (place.added ? tr(" (what-if)") : QString())),
                 new QTableWidgetItem(district), new QTableWidgetItem(q(place.address)),
                 new QTableWidgetItem(q(place.days)), new QTableWidgetItem(q(place.hours))});
    }

    m_sites->setColumnCount(5);
    const QString unit = kind.need.empty() ? tr("older people") : tr("people in need");
    m_sites->setHorizontalHeaderLabels({tr("Rank"), tr("Site"), tr("Alone: %1 within reach").arg(unit),
                                        tr("With those above: %1").arg(unit), tr("Where")});
    if (kind.siting) {
        const auto& s = *kind.siting;
        m_sites->setRowCount(static_cast<int>(s.result.chosen.size()));
        for (std::size_t rank = 0; rank < s.result.chosen.size(); ++rank) {
            const std::size_t c = s.result.chosen[rank];
            set_row(m_sites, static_cast<int>(rank), c,
                    {number(static_cast<double>(rank + 1), QString::number(rank + 1)),
                     new QTableWidgetItem(q(r->candidates[c].name)), people(s.alone[c]),
                     rank < s.cumulative.size() ? people(s.cumulative[rank]) : number(0, QString()),
                     new QTableWidgetItem(rank < s.district_gains.size() ? q(s.district_gains[rank]) : QString())});
        }
    }
    for (QTableWidget* t : {m_districts, m_places, m_sites}) {
        t->setSortingEnabled(true);
        t->resizeColumnsToContents();
    }
    m_filling = false;
    selection_changed();
}

std::vector<std::size_t> AttributeTable::chosen(const QString& layer) const {
    std::vector<std::size_t> indices;
    const QTableWidget* t = table(layer);
    if (!t) return indices;
    for (const QModelIndex& row : t->selectionModel()->selectedRows())
        indices.push_back(t->item(row.row(), 0)->data(kIndex).toULongLong());
    return indices;
}

void AttributeTable::selection_changed() {
    if (m_filling) return;
    m_view.select({chosen("districts"), chosen("places"), chosen("sites")});
}

void AttributeTable::pick(const QString& layer, qulonglong index) {
    QTableWidget* t = table(layer);
    if (!t) return;
    if (layer == "sites") {  // a rank: the table's rows carry the candidate
        const p::Results* r = m_view.results();
        const auto kind = r ? r->find_kind(m_view.kind()) : std::nullopt;
        if (!kind || !r->kinds[kind->value()].siting) return;
        const auto& chosen_sites = r->kinds[kind->value()].siting->result.chosen;
        if (index >= chosen_sites.size()) return;
        index = chosen_sites[index];
    }
    for (QTableWidget* other : {m_districts, m_places, m_sites}) {
        const QSignalBlocker quiet(other);
        other->clearSelection();
    }
    for (int row = 0; row < t->rowCount(); ++row)
        if (t->item(row, 0)->data(kIndex).toULongLong() == index) {
            setCurrentWidget(t);
            t->selectRow(row);
            t->scrollToItem(t->item(row, 0));
            break;
        }
    selection_changed();
}

}  // namespace needmap::viewer
