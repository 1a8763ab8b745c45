// The panels beside the map, offscreen on the sample town: a row chosen in the attribute table is
// outlined on the map and what a click picks is chosen in the table; the table sorts by number;
// the layer panel's ticks, order and figure reach the map.

#include "needmap/viewer/attribute_table.hpp"
#include "needmap/viewer/layer_panel.hpp"

#include "needmap/analysis/pipeline/results_io.hpp"
#include "needmap/viewer/results_map.hpp"
#include "needmap/viewer/results_view.hpp"
#include "qt_app.hpp"
#include "sample_results.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QListWidget>
#include <QTableWidget>
#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>

using namespace needmap;

namespace {

std::shared_ptr<const analysis::pipeline::Results> sample() {
    static const auto results =
        std::make_shared<const analysis::pipeline::Results>(analysis::pipeline::read_results(needmap::test::sample_results()));
    return results;
}

}  // namespace

TEST_CASE("the attribute table and the map choose the same district, both ways; columns sort by number",
          "[viewer][integration]") {
    needmap::test::qt_app();
    viewer::ResultsView view;
    view.resize(1000, 700);
    view.set_kind("salon");
    view.set_results(sample());
    viewer::AttributeTable table(view);
    const auto& r = *sample();
    auto* districts = qobject_cast<QTableWidget*>(table.widget(0));  // the first tab
    REQUIRE(districts != nullptr);
    REQUIRE(districts->rowCount() == static_cast<int>(r.districts.size()));

    // Sorted by older people, most first: the first row is the district with the most.
    const auto& salon = r.kinds[r.find_kind("salon")->value()];
    std::size_t most = 0;
    for (std::size_t d = 0; d < r.districts.size(); ++d)
        if (salon.districts[d].elderly > salon.districts[most].elderly) most = d;
    districts->sortItems(1, Qt::DescendingOrder);
    CHECK(districts->item(0, 0)->text().toStdString() == r.districts[most].name);

    // A row chosen in the table is outlined on the map.
    districts->selectRow(0);
    CHECK(view.map()->selection().districts == std::vector<std::size_t>{most});
    CHECK(table.chosen("districts") == std::vector<std::size_t>{most});

    // A district picked on the map is chosen in the table (whatever the sort).
    const std::size_t other = (most + 1) % r.districts.size();
    table.pick("districts", other);
    CHECK(table.chosen("districts") == std::vector<std::size_t>{other});
    CHECK(view.map()->selection().districts == std::vector<std::size_t>{other});
    // A ranked site picked by its rank: the table holds the candidate.
    REQUIRE(salon.siting);
    table.pick("sites", 0);
    CHECK(table.chosen("sites") == std::vector<std::size_t>{salon.siting->result.chosen.front()});
    CHECK(view.map()->selection().candidates == std::vector<std::size_t>{salon.siting->result.chosen.front()});
    CHECK(view.map()->selection().districts.empty());
}

TEST_CASE("the layer panel's ticks, order and figure reach the map", "[viewer][integration]") {
    needmap::test::qt_app();
    viewer::ResultsView view;
    view.resize(1000, 700);
    view.set_results(sample());
    viewer::LayerPanel panel(view);
    auto* list = panel.findChild<QListWidget*>();
    REQUIRE(list != nullptr);
    REQUIRE(list->count() == static_cast<int>(view.layers().size()));
    // The list is top first: its first item is the map's last layer.
    CHECK(list->item(0)->data(Qt::UserRole).toString().toStdString() == view.layers().back().id);

    QListWidgetItem* districts = nullptr;
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->data(Qt::UserRole).toString() == "districts") districts = list->item(i);
    REQUIRE(districts != nullptr);
    districts->setCheckState(Qt::Unchecked);
    const auto layers = view.layers();
    const auto it = std::find_if(layers.begin(), layers.end(), [](const auto& l) { return l.id == "districts"; });
    REQUIRE(it != layers.end());
    CHECK_FALSE(it->visible);

    // Another figure chosen: the map shades by it, and the hidden layer stays hidden.
    auto* field = panel.findChildren<QComboBox*>().front();
    const int older = field->findData("older_people");
    REQUIRE(older >= 0);
    field->setCurrentIndex(older);
    CHECK(view.options().field == "older_people");
    CHECK(view.map()->field().key == "older_people");
    const auto after = view.layers();
    CHECK_FALSE(std::find_if(after.begin(), after.end(), [](const auto& l) { return l.id == "districts"; })->visible);

    // Where older people live, coloured by the minutes to the nearest place.
    auto* minutes = panel.findChild<QCheckBox*>();
    REQUIRE(minutes != nullptr);
    minutes->setChecked(true);
    CHECK(view.options().demand_minutes);
}
