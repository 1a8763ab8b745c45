// Classes for the districts' figures, checked by hand and by brute force: quantile classes hold
// about as many values each, equal intervals are equal, and Jenks' natural breaks reach the least
// sum of squared deviations over every way to cut the sorted values. Then on the sample town's map:
// a figure other than the gap shades the districts, layers hide, fade and reorder, another GIS file
// lands where its coordinates say, and a selection is outlined.

#include "needmap/viewer/choropleth.hpp"

#include "needmap/analysis/pipeline/results_io.hpp"
#include "needmap/geo/crs.hpp"
#include "needmap/geo/layer_io.hpp"
#include "needmap/viewer/results_map.hpp"
#include "qt_app.hpp"
#include "sample_results.hpp"
#include "test_support.hpp"

#include <QImage>
#include <QPainter>
#include <boost/geometry/algorithms/within.hpp>
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <random>
#include <vector>

using namespace needmap;
using viewer::Classing;

namespace {

/// The sum of squared deviations from the group means, for groups of `sorted` ending before each cut.
double deviations(const std::vector<double>& sorted, const std::vector<std::size_t>& cuts) {
    double total = 0;
    std::size_t start = 0;
    for (std::size_t g = 0; g <= cuts.size(); ++g) {
        const std::size_t end = g < cuts.size() ? cuts[g] : sorted.size();
        double mean = 0;
        for (std::size_t i = start; i < end; ++i) mean += sorted[i];
        mean /= static_cast<double>(end - start);
        for (std::size_t i = start; i < end; ++i) total += (sorted[i] - mean) * (sorted[i] - mean);
        start = end;
    }
    return total;
}

/// The least deviations over every way to cut n sorted values into k non-empty groups.
double least_deviations(const std::vector<double>& sorted, std::size_t k) {
    double best = std::numeric_limits<double>::infinity();
    std::vector<std::size_t> cuts;
    const auto walk = [&](auto&& self, std::size_t from) -> void {
        if (cuts.size() + 1 == k) {
            best = std::min(best, deviations(sorted, cuts));
            return;
        }
        for (std::size_t c = from; c < sorted.size(); ++c) {
            cuts.push_back(c);
            self(self, c + 1);
            cuts.pop_back();
        }
    };
    walk(walk, 1);
    return best;
}

std::vector<std::size_t> class_sizes(const std::vector<double>& values, const std::vector<double>& upper) {
    std::vector<std::size_t> sizes(upper.size(), 0);
    for (const double v : values) ++sizes[viewer::class_of(v, upper)];
    return sizes;
}

const analysis::pipeline::Results& sample() {
    static const auto results = analysis::pipeline::read_results(needmap::test::sample_results());
    return results;
}

QImage draw(const viewer::ResultsMap& map, QSize size = {1200, 850}) {
    QImage image(size, QImage::Format_RGB32);
    QPainter painter(&image);
    map.render(painter, QRectF(QPointF(0, 0), QSizeF(size)));
    return image;
}

QPoint pixel_of(const viewer::ResultsMap& map, const geo::Point& at, QSize size = {1200, 850}) {
    return map.map_transform(QRectF(QPointF(0, 0), QSizeF(size))).map(QPointF(at.x, at.y)).toPoint();
}

/// A point inside district d, clear of its label (which sits on its centroid): 300 m south of the
/// centroid where that is inside it.
geo::Point inside_district(const analysis::pipeline::Results& r, std::size_t d) {
    const auto c = *geo::centroid(geo::Geometry(r.districts[d].geometry));
    const geo::Point south(c.x, c.y - 300);
    return boost::geometry::within(south, r.districts[d].geometry) ? south : c;
}

}  // namespace

TEST_CASE("quantile classes: by hand, and about n/k values in each for distinct values", "[viewer]") {
    std::vector<double> ten{3, 1, 2, 10, 9, 4, 5, 8, 6, 7};
    CHECK(viewer::class_breaks(ten, Classing::Quantile, 5) == std::vector<double>{2, 4, 6, 8, 10});
    CHECK(viewer::class_breaks(ten, Classing::Quantile, 3) == std::vector<double>{4, 7, 10});  // 4, 3, 3 values

    std::mt19937 random(7);
    std::uniform_real_distribution<double> value(0, 1000);
    for (const std::size_t n : {7, 23, 37, 100}) {
        std::vector<double> values(n);
        for (double& v : values) v = value(random);
        for (std::size_t k = 2; k <= 7; ++k) {
            const auto upper = viewer::class_breaks(values, Classing::Quantile, k);
            REQUIRE(upper.size() == std::min(k, n));
            for (const std::size_t size : class_sizes(values, upper)) {
                CHECK(size >= n / k);
                CHECK(size <= (n + k - 1) / k);
            }
        }
    }
    // Ties never straddle a break: all the 1s fall in one class.
    const std::vector<double> ties{1, 1, 1, 1, 1, 2, 3};
    const auto upper = viewer::class_breaks(ties, Classing::Quantile, 3);
    CHECK(class_sizes(ties, upper).front() == 5);
}

TEST_CASE("equal intervals split the range evenly; one value makes one class", "[viewer]") {
    const std::vector<double> values{0, 3, 10};
    CHECK(viewer::class_breaks(values, Classing::EqualInterval, 4) == std::vector<double>{2.5, 5, 7.5, 10});
    const std::vector<double> same{4, 4, 4};
    CHECK(viewer::class_breaks(same, Classing::EqualInterval, 5) == std::vector<double>{4});
    CHECK(viewer::class_breaks(std::vector<double>{}, Classing::Quantile, 5).empty());
    // Values with no number (NaN) are left out, not classed.
    const std::vector<double> with_nan{1, std::nan(""), 3};
    CHECK(viewer::class_breaks(with_nan, Classing::EqualInterval, 2) == std::vector<double>{2, 3});
}

TEST_CASE("Jenks' natural breaks reach the least squared deviations of every cut (brute force)", "[viewer]") {
    CHECK(viewer::class_breaks(std::vector<double>{1, 2, 3, 10, 11, 12, 20, 21, 22}, Classing::NaturalBreaks, 3) ==
          std::vector<double>{3, 12, 22});
    CHECK(viewer::class_breaks(std::vector<double>{1, 1, 1, 1, 5, 5, 9}, Classing::NaturalBreaks, 3) ==
          std::vector<double>{1, 5, 9});
    std::mt19937 random(11);
    std::lognormal_distribution<double> value(3, 1);  // skewed, as populations and needs are
    for (int trial = 0; trial < 6; ++trial) {
        std::vector<double> values(11);
        for (double& v : values) v = value(random);
        std::sort(values.begin(), values.end());
        for (std::size_t k = 2; k <= 5; ++k) {
            const auto upper = viewer::class_breaks(values, Classing::NaturalBreaks, k);
            REQUIRE(upper.size() == k);
            CHECK(viewer::squared_deviations(values, upper) == Approx(least_deviations(values, k)).epsilon(1e-9));
            // The objective as computed here, for the classes the breaks make.
            std::vector<std::size_t> cuts;
            for (std::size_t c = 0; c + 1 < upper.size(); ++c)
                cuts.push_back(static_cast<std::size_t>(std::upper_bound(values.begin(), values.end(), upper[c]) -
                                                        values.begin()));
            CHECK(deviations(values, cuts) == Approx(least_deviations(values, k)).epsilon(1e-9));
        }
    }
}

TEST_CASE("a value on a break is in the lower class; above the last, in the last", "[viewer]") {
    const std::vector<double> upper{0.05, 0.15, 0.25, 0.35, 1.0};
    CHECK(viewer::class_of(0.05, upper) == 0);
    CHECK(viewer::class_of(0.0500001, upper) == 1);
    CHECK(viewer::class_of(0.35, upper) == 3);
    CHECK(viewer::class_of(1.5, upper) == 4);
    CHECK(viewer::class_breaks(std::vector<double>{0.9}, Classing::Policy, 3) == upper);
    CHECK_THROWS(viewer::classing_named("kmeans"));
    CHECK(viewer::classing_named("jenks") == Classing::NaturalBreaks);
}

TEST_CASE("ColorBrewer ramps: one colour per class, light to dark, the two schemes apart", "[viewer]") {
    for (std::size_t k = 1; k <= 7; ++k)
        for (const bool worse : {true, false}) {
            const auto colours = viewer::ramp(k, worse);
            REQUIRE(colours.size() == k);
            for (std::size_t i = 1; i < k; ++i) CHECK(colours[i].lightness() < colours[i - 1].lightness());
        }
    CHECK(viewer::ramp(5, true)[4] == QColor(166, 54, 3));  // #a63603, as the gap's classes
    CHECK(viewer::ramp(3, false)[2] == QColor(49, 130, 189));  // #3182bd
}

TEST_CASE("the districts' figures: the gap share summed from the demand points", "[viewer][integration]") {
    const auto& r = sample();
    const auto fields = viewer::district_fields(r, "salon");
    REQUIRE(fields.front().key == "gap_share");
    const auto& salon = r.kinds[r.find_kind("salon")->value()];
    std::vector<double> older(r.districts.size(), 0);
    std::vector<double> beyond(r.districts.size(), 0);
    for (std::size_t i = 0; i < r.points.size(); ++i) {
        const double people = r.points[i].people[r.elderly_band];
        older[r.points[i].district.value()] += people;
        if (!salon.access.covered[i]) beyond[r.points[i].district.value()] += people;
    }
    const auto field = [&](const std::string& key) {
        const auto f = std::find_if(fields.begin(), fields.end(), [&](const auto& x) { return x.key == key; });
        REQUIRE(f != fields.end());
        return *f;
    };
    for (std::size_t d = 0; d < r.districts.size(); ++d) {
        CHECK(*field("gap_share").values[d] == Approx(beyond[d] / older[d]));
        CHECK(*field("gap_people").values[d] == Approx(beyond[d]));
        CHECK(*field("older_people").values[d] == Approx(older[d]));
    }
    CHECK_THROWS(viewer::district_fields(r, "hospital"));
}

TEST_CASE("the map shades by another figure, hides, fades and reorders layers, and outlines a selection",
          "[viewer][integration]") {
    needmap::test::qt_app();
    const auto& r = sample();
    viewer::ResultsMapOptions options;
    options.kind = "salon";
    options.field = "older_people";
    options.classing = Classing::Quantile;
    options.classes = 2;
    options.show_uncovered = false;
    options.ranked_sites = 0;
    auto map = viewer::ResultsMap::from(r, options);
    // Two quantile classes: the half of the districts with the most older people is dark blue.
    std::vector<std::size_t> order(r.districts.size());
    for (std::size_t d = 0; d < order.size(); ++d) order[d] = d;
    const auto older = [&](std::size_t d) {
        return r.kinds[r.find_kind("salon")->value()].districts[d].elderly;
    };
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return older(a) < older(b); });
    const auto blues = viewer::ramp(2, false);
    CHECK(map.district_colour(order.front()) == blues[0]);
    CHECK(map.district_colour(order.back()) == blues[1]);

    // Only the districts, then at half opacity: the pixel inside a district is its colour, then
    // halfway to white.
    const std::size_t d = order.back();
    const geo::Point at = inside_district(r, d);
    auto layers = map.layers();
    for (auto& l : layers) l.visible = l.id == "districts";
    map.set_layers(layers);
    QColor full = draw(map).pixelColor(pixel_of(map, at));
    CHECK(full == blues[1]);
    for (auto& l : layers) l.opacity = 0.5;
    map.set_layers(layers);
    const QColor half = draw(map).pixelColor(pixel_of(map, at));
    CHECK(std::abs(half.red() - (blues[1].red() + 255) / 2) <= 2);
    CHECK(std::abs(half.blue() - (blues[1].blue() + 255) / 2) <= 2);
    for (auto& l : layers) l.visible = false;
    map.set_layers(layers);
    CHECK(draw(map).pixelColor(pixel_of(map, at)) == QColor(Qt::white));

    // A file in longitude and latitude lands where its coordinates say, in the results' CRS.
    needmap::test::TempDir tmp;
    const geo::Point ll = geo::Transformer(r.crs, geo::wgs84())(at);
    std::ofstream(tmp / "clinic.geojson") << fmt::format(
        R"({{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"name":"診療所"}},)"
        R"("geometry":{{"type":"Point","coordinates":[{:.9f},{:.9f}]}}}}]}})",
        ll.x, ll.y);
    map.add_file_layer("clinic", geo::read_layer(tmp / "clinic.geojson"));
    // A layer that cannot land on the map (a latitude of 95) is refused, named.
    std::ofstream(tmp / "beyond.geojson")
        << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},)"
           R"("geometry":{"type":"Point","coordinates":[136.5,95.0]}}]})";
    CHECK_THROWS_WITH(map.add_file_layer("beyond", geo::read_layer(tmp / "beyond.geojson")), Catch::Contains("beyond"));
    CHECK(std::none_of(map.layers().begin(), map.layers().end(), [](const auto& l) { return l.id == "file:beyond"; }));
    layers = map.layers();
    REQUIRE(std::any_of(layers.begin(), layers.end(), [](const auto& l) { return l.id == "file:clinic"; }));
    for (auto& l : layers) l.visible = l.id == "file:clinic";
    map.set_layers(layers);
    QImage image = draw(map);
    CHECK(image.pixelColor(pixel_of(map, at)) == QColor(110, 110, 110));  // the basemap's quiet grey
    CHECK(image.pixelColor(pixel_of(map, at) + QPoint(15, 0)) == QColor(Qt::white));

    // Reordered: the districts drawn over the walking area hide it. At a point in both, 40 m
    // from a salon: over the districts the area tints it, under them it is not seen.
    const auto& salon = r.kinds[r.find_kind("salon")->value()];
    const auto& place = r.places[salon.access.sites.front()];
    const geo::Point near(place.position.x + 40, place.position.y);
    REQUIRE(boost::geometry::within(near, salon.service_area));
    REQUIRE(place.district);
    const QColor district_colour = map.district_colour(place.district->value());
    layers = map.layers();
    for (auto& l : layers) {
        l.visible = l.id == "districts" || l.id == "service_area";
        l.opacity = 1;
    }
    map.set_layers(layers);
    CHECK(draw(map).pixelColor(pixel_of(map, near)) != district_colour);
    std::stable_sort(layers.begin(), layers.end(), [](const auto& a, const auto&) { return a.id == "service_area"; });
    map.set_layers(layers);
    REQUIRE(map.layers().front().id == "service_area");
    CHECK(draw(map).pixelColor(pixel_of(map, near)) == district_colour);

    // A selected district is outlined in the selection's cyan; nothing is without a selection.
    const auto cyan = [](const QImage& img) {
        int n = 0;
        for (int y = 0; y < img.height(); ++y)
            for (int x = 0; x < img.width(); ++x) n += img.pixelColor(x, y) == QColor(0, 170, 255);
        return n;
    };
    CHECK(cyan(draw(map)) == 0);
    map.select({{d}, {}, {}});
    CHECK(cyan(draw(map)) > 200);
}
