// The interactive map on the sample town, offscreen: panning and zooming keep the map under the
// cursor, a click tells about the district, dot or place under it, and a what-if click at the
// first-ranked salon candidate recolours 東中学校 to the class of the scenario's own figures.

#include "needmap/viewer/map_controller.hpp"

#include "needmap/analysis/pipeline/compute.hpp"
#include "needmap/analysis/pipeline/model.hpp"
#include "needmap/viewer/basemap.hpp"
#include "needmap/viewer/identify.hpp"
#include "needmap/viewer/language.hpp"
#include "needmap/viewer/results_map.hpp"
#include "needmap/viewer/results_view.hpp"
#include "qt_app.hpp"
#include "test_support.hpp"

#include <QEventLoop>
#include <QImage>
#include <QTimer>
#include <boost/geometry/algorithms/envelope.hpp>
#include <boost/geometry/algorithms/length.hpp>
#include <boost/geometry/algorithms/within.hpp>
#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>

using namespace needmap;
namespace p = needmap::analysis::pipeline;

namespace {

std::shared_ptr<const p::Model> town_model() {
    static const auto model = [] {
        analysis::Feedback quiet;
        const auto town = std::filesystem::path(NEEDMAP_SOURCE_DIR) / "datasets" / "sample-town";
        return std::make_shared<const p::Model>(p::load_inputs(p::load_project(town / "project.toml"), quiet));
    }();
    return model;
}

std::shared_ptr<const p::Results> town_base() {
    static const auto base = [] {
        analysis::Feedback quiet;
        return std::make_shared<const p::Results>(p::compute(*town_model(), {}, quiet));
    }();
    return base;
}

std::size_t district_named(const p::Results& r, const std::string& name) {
    for (std::size_t d = 0; d < r.districts.size(); ++d)
        if (r.districts[d].name == name) return d;
    FAIL("no district " << name);
    return 0;
}

/// Share of the pixels over points inside the district (on a 40 x 40 grid) drawn in `colour`.
double share_in_colour(const QImage& image, const viewer::ResultsView& view, const geo::MultiPolygon& district,
                       const QColor& colour) {
    geo::Box box;
    boost::geometry::envelope(district, box);
    int inside = 0;
    int matching = 0;
    for (int i = 0; i < 40; ++i)
        for (int j = 0; j < 40; ++j) {
            const geo::Point pt(box.min_corner().x + (i + 0.5) / 40 * (box.max_corner().x - box.min_corner().x),
                                box.min_corner().y + (j + 0.5) / 40 * (box.max_corner().y - box.min_corner().y));
            if (!boost::geometry::within(pt, district)) continue;
            const QPoint px = view.to_pixel(QPointF(pt.x, pt.y)).toPoint();
            if (!image.rect().contains(px)) continue;
            ++inside;
            if (image.pixelColor(px) == colour) ++matching;
        }
    return inside > 0 ? static_cast<double>(matching) / inside : 0;
}

}  // namespace

TEST_CASE("the map pans and zooms about the cursor, and the district under a point keeps its colour",
          "[viewer][integration]") {
    needmap::test::qt_app();
    viewer::ResultsView view;
    view.resize(1200, 850);
    view.set_kind("salon");
    view.set_results(town_base());
    const QPointF cursor(400, 500);
    const QPointF under = view.to_map(cursor);
    CHECK(view.to_pixel(under).x() == Approx(cursor.x()).margin(1e-6));
    view.zoom_at(cursor, 2.5);
    CHECK(view.to_pixel(under).x() == Approx(cursor.x()).margin(1e-6));
    CHECK(view.to_pixel(under).y() == Approx(cursor.y()).margin(1e-6));
    // Zoomed 2.5 times: 100 pixels now cover 40 of the old ones' metres.
    const double metres = std::abs(view.to_map({100, 0}).x() - view.to_map({0, 0}).x());
    view.zoom_at(cursor, 1 / 2.5);
    CHECK(std::abs(view.to_map({100, 0}).x() - view.to_map({0, 0}).x()) == Approx(2.5 * metres));
    view.pan_by({120, -80});
    CHECK(view.to_pixel(under).x() == Approx(cursor.x() + 120).margin(1e-6));
    CHECK(view.to_pixel(under).y() == Approx(cursor.y() - 80).margin(1e-6));

    // Zoomed into 東中学校 and panned: it is still drawn in its class colour.
    const auto& r = *town_base();
    const std::size_t east = district_named(r, "東中学校");
    view.show_all();
    const auto c = geo::centroid(geo::Geometry(r.districts[east].geometry));
    view.zoom_at(view.to_pixel(QPointF(c->x, c->y)), 3);
    view.pan_by({-60, 40});
    view.wait_rendered();
    const QImage image = view.grab().toImage();
    const auto& salon = r.kinds[r.find_kind("salon")->value()];
    CHECK(share_in_colour(image, view, r.districts[east].geometry, viewer::gap_colour(salon.districts[east].uncovered_share())) >
          0.6);
    // The salons in view are drawn where they are, in the places' blue (#19468c), and the legend
    // beside the map (which pans and zooms with nothing) still holds every class's colour.
    int salons_seen = 0;
    const QRectF frame_now = viewer::ResultsMap::from(r).map_frame(QRectF(view.rect()));
    for (const std::size_t j : salon.access.sites) {
        const QPointF at = view.to_pixel(QPointF(r.places[j].position.x, r.places[j].position.y));
        if (!frame_now.adjusted(20, 20, -20, -20).contains(at)) continue;
        ++salons_seen;
        CHECK(image.pixelColor(at.toPoint()) == QColor(25, 70, 140));
    }
    CHECK(salons_seen > 0);
    for (const QColor colour : {QColor(254, 237, 222), QColor(253, 190, 133), QColor(253, 141, 60), QColor(230, 85, 13),
                                QColor(166, 54, 3)}) {
        int n = 0;
        for (int y = static_cast<int>(frame_now.top()); y < static_cast<int>(frame_now.bottom()); ++y)
            for (int x = static_cast<int>(frame_now.right()) + 2; x < image.width(); ++x) n += image.pixelColor(x, y) == colour;
        CHECK(n > 100);
    }

    // Stepping to a district (meeting mode's N and P) shows it whole, filling the frame one way.
    const std::size_t west = district_named(r, "西中学校");
    view.show_district(west);
    geo::Box box;
    boost::geometry::envelope(r.districts[west].geometry, box);
    const QPointF low = view.to_pixel(QPointF(box.min_corner().x, box.min_corner().y));
    const QPointF high = view.to_pixel(QPointF(box.max_corner().x, box.max_corner().y));
    const viewer::ResultsMap frame_of = viewer::ResultsMap::from(r);
    const QRectF frame = frame_of.map_frame(QRectF(view.rect()));
    const QRectF drawn = QRectF(low, high).normalized();
    CHECK(frame.adjusted(-1, -1, 1, 1).contains(drawn));
    CHECK(std::max(drawn.width() / frame.width(), drawn.height() / frame.height()) > 0.85);
}

TEST_CASE("a click tells about the place, the dot or the district under it", "[viewer][integration]") {
    needmap::test::qt_app();
    viewer::use_language(viewer::Language::Japanese);
    const auto& r = *town_base();
    // Identify by position.
    for (std::size_t d = 0; d < r.districts.size(); ++d) {
        const auto c = geo::centroid(geo::Geometry(r.districts[d].geometry));
        REQUIRE(c);
        if (boost::geometry::within(*c, r.districts[d].geometry)) CHECK(viewer::district_at(r, *c)->value() == d);
    }
    CHECK_FALSE(viewer::district_at(r, geo::Point(0, 0)));
    CHECK(viewer::place_near(r, r.places[5].position, 10) == 5u);
    CHECK(viewer::point_near(r, r.points[17].position, 1) == 17u);
    CHECK_FALSE(viewer::place_near(r, geo::Point(r.places[5].position.x + 500, r.places[5].position.y + 500), 10) ==
                std::optional<std::size_t>(5));

    // Through the controller, as a click does.
    viewer::ResultsView view;
    view.resize(1200, 850);
    viewer::MapController controller(view, town_base());
    QString told;
    QObject::connect(&controller, &viewer::MapController::told, [&](const QString& html) { told = html; });
    controller.click(QPointF(r.places[5].position.x, r.places[5].position.y));
    CHECK(told.contains(QString::fromStdString(r.places[5].name).toHtmlEscaped()));
    controller.click(QPointF(r.points[0].position.x, r.points[0].position.y));
    CHECK(told.contains("最寄りのサロン・通いの場まで"));
    CHECK_FALSE(controller.can_what_if());
    viewer::use_language(viewer::Language::English);
}

TEST_CASE("a what-if click at the first-ranked salon candidate recolours 東中学校 by the scenario's figures",
          "[viewer][integration][scenario]") {
    needmap::test::qt_app();
    const auto& base = *town_base();
    viewer::ResultsView view;
    view.resize(1200, 850);
    view.set_kind("salon");
    viewer::MapController controller(view, town_base(), town_model());
    REQUIRE(controller.can_what_if());
    const auto& salon = base.kinds[base.find_kind("salon")->value()];
    REQUIRE(salon.siting);
    const auto& first = base.candidates[salon.siting->result.chosen[0]];
    const std::size_t east = district_named(base, "東中学校");
    const QColor before = viewer::gap_colour(salon.districts[east].uncovered_share());

    viewer::use_language(viewer::Language::Japanese);
    QString told;
    QObject::connect(&controller, &viewer::MapController::told, [&](const QString& html) { told = html; });
    // Waits for the scenario's map (undo back to the plan shows it at once, without a scenario).
    QEventLoop loop;
    bool computing = false;
    QObject::connect(&controller, &viewer::MapController::busy, &loop, [&](bool running) {
        computing = running;
        if (!running) loop.quit();
    });
    const auto wait = [&] {
        if (!computing) return;
        QTimer::singleShot(30000, &loop, &QEventLoop::quit);  // a guard: the scenario takes milliseconds
        loop.exec();
    };
    controller.set_tool("salon");
    controller.click(QPointF(first.position.x, first.position.y));
    wait();

    const auto shown = controller.shown();
    REQUIRE(shown != town_base());
    REQUIRE(shown->places.back().added);
    const auto& after = shown->kinds[shown->find_kind("salon")->value()];
    const double share = after.districts[east].uncovered_people / after.districts[east].elderly;
    CHECK(share < salon.districts[east].uncovered_share());
    const QColor now = viewer::gap_colour(share);
    CHECK(now != before);  // the new salon moves 東中学校 to another class
    view.wait_rendered();
    const QImage image = view.grab().toImage();
    CHECK(share_in_colour(image, view, base.districts[east].geometry, now) > 0.6);
    // The panel says what was done and what changed, in Japanese.
    CHECK(told.contains(QString::fromStdString("候補地" + first.id + "にサロン・通いの場を開く")));  // the candidate itself
    CHECK(told.contains("東中学校"));
    viewer::use_language(viewer::Language::English);

    controller.undo();
    wait();
    CHECK(controller.shown() == town_base());

    // Every bus route stopped from the window: each district has the base's on-foot figures.
    for (const auto& route : base.bus_routes) {
        controller.drop_route(route.id);
        wait();
    }
    REQUIRE(controller.scenario().modifications.size() == base.bus_routes.size());
    const auto& without = controller.shown()->kinds[controller.shown()->find_kind("salon")->value()];
    REQUIRE(salon.walk_access);
    for (std::size_t d = 0; d < base.districts.size(); ++d)
        CHECK(without.districts[d].uncovered_people == salon.walk_districts[d].uncovered_people);
    controller.reset();
    CHECK(controller.shown() == town_base());
}

TEST_CASE("the project's streets as a basemap: every edge once, in pieces that lie together", "[viewer][integration]") {
    const auto& streets = *town_model()->streets;
    const geo::Layer basemap = viewer::streets_basemap(streets, 50);
    std::size_t lines = 0;
    double metres = 0;
    for (const auto& f : basemap.features) {
        const auto& parts = std::get<geo::MultiLineString>(f.geometry);
        CHECK(parts.size() <= 50);
        lines += parts.size();
        metres += boost::geometry::length(parts);
    }
    CHECK(lines == streets.edge_count());
    CHECK(metres == Approx(streets.total_length_m()).epsilon(1e-9));
    CHECK(basemap.features.size() == (streets.edge_count() + 49) / 50);
}
