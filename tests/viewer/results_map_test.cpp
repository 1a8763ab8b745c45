// The results map of a run on the bundled sample town, drawn offscreen: each district is shaded by
// the class of its gap share, read back from the GeoPackage and classed here by the breaks the
// README gives (5, 15, 25, 35%) and ColorBrewer's 5-class Oranges, not by the renderer's own function.

#include "needmap/viewer/results_map.hpp"

#include "needmap/analysis/pipeline/results_io.hpp"
#include "needmap/viewer/language.hpp"

#include "needmap/analysis/pipeline/run.hpp"
#include "needmap/geo/crs.hpp"
#include "needmap/geo/error.hpp"
#include "needmap/geo/layer_io.hpp"
#include "cjk_text.hpp"
#include "qt_app.hpp"
#include "run_viewer.hpp"
#include "sample_results.hpp"
#include "test_support.hpp"

#include <QImage>
#include <QPainter>
#include <boost/geometry/algorithms/envelope.hpp>
#include <boost/geometry/algorithms/within.hpp>
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <initializer_list>
#include <utility>
#include <set>
#include <span>
#include <string>

using namespace needmap;

namespace {

/// The legend's classes: the README's breaks; colours #feedde #fdbe85 #fd8d3c #e6550d #a63603
/// (ColorBrewer, Oranges, 5 classes).
QColor expected_colour(double share) {
    if (share <= 0.05) return {254, 237, 222};
    if (share <= 0.15) return {253, 190, 133};
    if (share <= 0.25) return {253, 141, 60};
    if (share <= 0.35) return {230, 85, 13};
    return {166, 54, 3};
}

using needmap::test::sample_results;

}  // namespace

TEST_CASE("the results map shades each district by the class of its gap share", "[viewer][integration]") {
    needmap::test::qt_app();
    for (const char* kind : {"shop", "salon"}) {
        viewer::ResultsMapOptions options;
        options.kind = kind;
        options.show_service_area = false;
        options.show_uncovered = false;
        options.ranked_sites = 0;
        const auto map = viewer::ResultsMap::load(sample_results(), options);
        CHECK(map.kind() == kind);

        const QSize size(1600, 1131);
        QImage image(size, QImage::Format_RGB32);
        {
            QPainter painter(&image);
            map.render(painter, QRectF(QPointF(0, 0), QSizeF(size)));
        }
        const QTransform t = map.map_transform(QRectF(QPointF(0, 0), QSizeF(size)));

        geo::ReadOptions read;
        read.layer = "districts_access";
        const geo::Layer districts = geo::read_layer(sample_results(), read);
        const auto share_field = districts.field_index(std::string(kind) + "_gap_share");
        const auto name_field = districts.field_index("name");
        REQUIRE(share_field);
        REQUIRE(districts.features.size() >= 3);
        std::set<QRgb> colours_seen;
        for (const auto& f : districts.features) {
            const double share = *geo::to_double(f.values[*share_field]);
            const QColor want = expected_colour(share);
            const auto& shape = std::get<geo::MultiPolygon>(f.geometry);
            geo::Box box;
            boost::geometry::envelope(shape, box);
            // Sample a 40 × 40 grid over the district; count the pixels of points inside it.
            int inside = 0;
            int matching = 0;
            for (int i = 0; i < 40; ++i)
                for (int j = 0; j < 40; ++j) {
                    const geo::Point p(box.min_corner().x + (i + 0.5) / 40 * (box.max_corner().x - box.min_corner().x),
                                       box.min_corner().y + (j + 0.5) / 40 * (box.max_corner().y - box.min_corner().y));
                    if (!boost::geometry::within(p, shape)) continue;
                    ++inside;
                    const QPoint px = t.map(QPointF(p.x, p.y)).toPoint();
                    if (image.pixelColor(px) == want) ++matching;
                }
            INFO(kind << " " << geo::to_text(f.values[*name_field]) << ": share " << share << ", " << matching << " of "
                      << inside << " pixels in its class colour");
            REQUIRE(inside > 100);
            // Outlines and labels cover some pixels; the fill must cover most of them.
            CHECK(matching > 0.85 * inside);
            colours_seen.insert(want.rgb());
        }
        // The sample town's districts differ: the map must show more than one class.
        CHECK(colours_seen.size() >= 2);
        // North up: a point further north is drawn higher on the page.
        CHECK(t.map(QPointF(0, 1000)).y() < t.map(QPointF(0, 0)).y());
    }
}

TEST_CASE("the results map writes PNG and PDF files, and refuses other files", "[viewer][integration]") {
    needmap::test::qt_app();
    needmap::test::TempDir tmp;
    const auto map = viewer::ResultsMap::load(sample_results());
    map.save(tmp / "map.png", viewer::PageSetup{.pixels = {800, 566}});
    map.save(tmp / "map.pdf");
    const QImage png(QString::fromStdString((tmp / "map.png").string()));
    CHECK(png.size() == QSize(800, 566));
    CHECK(needmap::test::read_file(tmp / "map.pdf").starts_with("%PDF-"));
    CHECK_THROWS_AS(map.save(tmp / "map.tiff"), geo::InputError);
    CHECK_FALSE(std::filesystem::exists(tmp / "map.tiff"));
    // Nothing half-written is left behind.
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(tmp.path())) ++files;
    CHECK(files == 2);

    viewer::ResultsMapOptions no_such;
    no_such.kind = "hospital";
    CHECK_THROWS_WITH(viewer::ResultsMap::load(sample_results(), no_such), Catch::Contains("no kind \"hospital\""));
    // A GeoPackage that is not a run's output is refused with a reason.
    geo::Layer plain;
    plain.crs = geo::Crs::from_epsg(6675);
    plain.geometry_kind = geo::GeometryKind::Points;
    plain.name = "points";
    plain.features.push_back({1, geo::Point(0, 0), {}});
    geo::write_layers(tmp / "plain.gpkg", std::span<const geo::Layer>(&plain, 1));
    CHECK_THROWS_WITH(viewer::ResultsMap::load(tmp / "plain.gpkg"), Catch::Contains("is it the output of needmap run"));
}

TEST_CASE("a share on a break falls in the lower class, as in QGIS's graduated ranges", "[viewer]") {
    CHECK(viewer::gap_colour(0.0) == expected_colour(0.0));
    CHECK(viewer::gap_colour(0.05) == QColor(254, 237, 222));
    CHECK(viewer::gap_colour(0.0501) == QColor(253, 190, 133));
    CHECK(viewer::gap_colour(0.35) == QColor(230, 85, 13));
    CHECK(viewer::gap_colour(1.0) == QColor(166, 54, 3));
}

namespace {

/// The text of a PDF, by Debian's pdftotext (poppler-utils, installed by scripts/setup).
std::string pdf_text(const std::filesystem::path& pdf) {
    return needmap::test::output_of("pdftotext -layout '" + pdf.string() + "' -");
}

/// The words as written (see cjk_text.hpp).
std::string normalised(const std::string& text) {
    return needmap::test::fold_cjk_radicals(text);
}

}  // namespace

TEST_CASE("with --lang ja the map reads in Japanese, and its PDF text holds each district's share",
          "[viewer][integration]") {
    needmap::test::qt_app();
    needmap::test::TempDir tmp;
    const analysis::pipeline::Results results = analysis::pipeline::read_results(sample_results());
    viewer::ResultsMapOptions salon;
    salon.kind = "salon";

    viewer::use_language(viewer::Language::Japanese);
    viewer::ResultsMap::from(results, salon).save(tmp / "ja.pdf");
    const std::string ja = normalised(pdf_text(tmp / "ja.pdf"));
    CHECK_THAT(ja, Catch::Contains("最寄りのサロン・通いの場まで30分以内に行けない高齢者の割合"));
    CHECK_THAT(ja, Catch::Contains("30分以内に行けない割合"));
    CHECK_THAT(ja, Catch::Contains("5%以下") && Catch::Contains("35%超") && Catch::Contains("既存のサロン・通いの場"));
    CHECK_THAT(ja, Catch::Contains("歩き＋バス") && Catch::Contains("2026年5月13日"));
    // Each district's label: its name and its share of older people beyond 30 minutes, as the
    // results hold them (people beyond over older people), rounded to a percent here.
    const auto& kind = results.kinds[results.find_kind("salon")->value()];
    for (std::size_t d = 0; d < results.districts.size(); ++d) {
        const double share = kind.districts[d].uncovered_people / kind.districts[d].elderly;
        const std::string label = results.districts[d].name + " " + std::to_string(std::lround(100 * share)) + "%";
        CHECK_THAT(ja, Catch::Contains(label));
    }

    viewer::use_language(viewer::Language::English);
    viewer::ResultsMap::from(results, salon).save(tmp / "en.pdf");
    const std::string en = pdf_text(tmp / "en.pdf");
    CHECK_THAT(en, Catch::Contains("Beyond 30 min") && Catch::Contains("salon (existing)"));
    CHECK_THAT(en, Catch::Contains("2026-05-13"));
    CHECK(en.find("行けない") == std::string::npos);

    // A run by arrival deadline says so, in either language.
    analysis::pipeline::RunInfo arriving = results.info;
    arriving.slopes = false;
    arriving.arrive_by = true;
    arriving.departure = "2026-05-13T10:00";
    arriving.window_min = 1;
    CHECK(viewer::measured_by(arriving).toStdString() ==
          "on foot and by bus, arriving by 2026-05-13 10:00, from the latest departure that makes it");
    arriving.window_min = 30;
    CHECK(viewer::measured_by(arriving).toStdString() ==
          "on foot and by bus, arriving by 2026-05-13 9:31–10:00, median over the deadlines");
    viewer::use_language(viewer::Language::Japanese);
    CHECK(viewer::measured_by(arriving).toStdString() == "歩き＋バス・2026年5月13日 9:31〜10:00着、着時刻ごとの所要時間の中央値");
    // With an elevation model (the sample town's), the walking is said to slow uphill.
    arriving.slopes = true;
    CHECK(viewer::measured_by(arriving).toStdString() ==
          "歩き＋バス・2026年5月13日 9:31〜10:00着、着時刻ごとの所要時間の中央値、上り坂では遅く");
    viewer::use_language(viewer::Language::English);
    CHECK(viewer::measured_by(arriving).toStdString() ==
          "on foot and by bus, arriving by 2026-05-13 9:31–10:00, median over the deadlines, walking slower uphill");

    CHECK(viewer::choose_language("ja") == viewer::Language::Japanese);
    CHECK(viewer::choose_language("en") == viewer::Language::English);
    CHECK_THROWS_WITH(viewer::choose_language("fr"), Catch::Contains("--lang fr"));
}

TEST_CASE("a GIS file alone: its polygon filled, its hole and the outside left white, north up", "[viewer]") {
    needmap::test::qt_app();
    // A 1 km square with a 200 m hole in its middle, in a metric CRS (JGD2011 zone VI).
    geo::Layer layer;
    layer.crs = geo::Crs::from_epsg(6674);
    layer.geometry_kind = geo::GeometryKind::Polygons;
    geo::Polygon square;
    square.outer() = {{0, 0}, {0, 1000}, {1000, 1000}, {1000, 0}, {0, 0}};
    square.inners().push_back({{400, 400}, {600, 400}, {600, 600}, {400, 600}, {400, 400}});
    layer.features.push_back({1, geo::MultiPolygon{square}, {}});
    const auto map = viewer::ResultsMap::of_layers("square.gpkg", {{"square", layer}});
    REQUIRE(map.layers().size() == 1);
    CHECK(map.layers().front().id == "file:square");

    QImage image(800, 600, QImage::Format_RGB32);
    {
        QPainter painter(&image);
        map.render(painter, QRectF(image.rect()));
    }
    // The map is drawn in the metric CRS needmap chooses for where the layer lies: points of the
    // square taken there.
    const geo::Crs drawn = geo::choose_metric_crs(geo::centre_lon_lat(layer)).crs;
    const auto pixel = [&](double x, double y) {
        const geo::Point m = geo::Transformer(layer.crs, drawn)(geo::Point(x, y));
        return map.map_transform(QRectF(image.rect())).map(QPointF(m.x, m.y)).toPoint();
    };
    const QPoint north_west = pixel(200, 800);
    const QPoint south_east = pixel(800, 200);
    CHECK(north_west.y() < south_east.y());  // north is up
    CHECK(north_west.x() < south_east.x());
    const QColor fill = image.pixelColor(north_west);
    CHECK(fill != QColor(Qt::white));
    CHECK(image.pixelColor(pixel(500, 500)) == QColor(Qt::white));   // the hole
    CHECK(image.pixelColor(pixel(1300, 500)) == QColor(Qt::white));  // outside, east
    CHECK(image.pixelColor(south_east) == fill);

    geo::Layer no_crs = layer;
    no_crs.crs = {};
    CHECK_THROWS_AS(viewer::ResultsMap::of_layers("bad.gpkg", {{"bad", no_crs}}), geo::InputError);
}

TEST_CASE("a district with few older people is marked on the map, and the legend says why", "[viewer][integration]") {
    needmap::test::qt_app();
    needmap::test::TempDir tmp;
    analysis::pipeline::Results results = analysis::pipeline::read_results(sample_results());
    viewer::ResultsMapOptions salon;
    salon.kind = "salon";
    viewer::use_language(viewer::Language::Japanese);
    viewer::ResultsMap::from(results, salon).save(tmp / "whole.pdf");
    CHECK_THAT(normalised(pdf_text(tmp / "whole.pdf")), !Catch::Contains("母数が小さく"));  // every district has 100+

    results.districts[0].people[results.elderly_band] = 25;  // 25 people: 100% of them is no finding
    viewer::ResultsMap::from(results, salon).save(tmp / "small.pdf");
    const std::string text = normalised(pdf_text(tmp / "small.pdf"));
    CHECK_THAT(text, Catch::Contains(results.districts[0].name + " ") && Catch::Contains("% *"));
    // The legend's line, wrapped where the column ends.
    CHECK_THAT(text, Catch::Contains("* 高齢者が100人未満：母数が小さく、") && Catch::Contains("割合は参考値"));
    CHECK_THAT(text, !Catch::Contains("区域は概略"));
    // Districts drawn from centre points are said to be approximate.
    results.info.approximate_districts = true;
    viewer::ResultsMap::from(results, salon).save(tmp / "drawn.pdf");
    CHECK_THAT(normalised(pdf_text(tmp / "drawn.pdf")), Catch::Contains("区域は概略"));
    viewer::use_language(viewer::Language::English);
}
