#include "needmap/geo/overlay.hpp"

#include <catch2/catch.hpp>

#include <numbers>

using namespace needmap::geo;
using Catch::Detail::Approx;

namespace {
MultiPolygon rect(double x0, double y0, double x1, double y1) {
    Polygon p;
    p.outer() = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}};
    return {p};
}
}  // namespace

TEST_CASE("intersection areas of overlapping, nested and disjoint polygons", "[overlay]") {
    const std::vector<MultiPolygon> cells{rect(0, 0, 10, 10), rect(10, 0, 20, 10), rect(50, 50, 60, 60)};
    // District A covers the left cell and 4 m of the right one; B sits inside the right cell.
    const std::vector<MultiPolygon> districts{rect(-5, -5, 14, 15), rect(15, 2, 17, 4)};
    const auto overlaps = intersection_areas(cells, districts);
    REQUIRE(overlaps.size() == 3);
    CHECK(overlaps[0].a == 0);
    CHECK(overlaps[0].b == 0);
    CHECK(overlaps[0].area == Approx(100.0));
    CHECK(overlaps[1].a == 1);
    CHECK(overlaps[1].b == 0);
    CHECK(overlaps[1].area == Approx(40.0));
    CHECK(overlaps[2].a == 1);
    CHECK(overlaps[2].b == 1);
    CHECK(overlaps[2].area == Approx(4.0));
}

TEST_CASE("the intersection of two squares is the square they share", "[overlay]") {
    const MultiPolygon shared = intersection(rect(0, 0, 10, 10), rect(6, -5, 20, 4));
    CHECK(area(shared) == Approx(4 * 4));  // x 6..10, y 0..4
    const auto box = envelope(Geometry(shared));
    CHECK(box->min_corner().x == Approx(6));
    CHECK(box->max_corner().y == Approx(4));
    CHECK(intersection(rect(0, 0, 1, 1), rect(1, 0, 2, 1)).empty());  // they only touch
}

TEST_CASE("a bow-tie polygon is invalid and MakeValid keeps both halves", "[overlay]") {
    Polygon bowtie;
    bowtie.outer() = {{0, 0}, {2, 2}, {2, 0}, {0, 2}, {0, 0}};
    const MultiPolygon mp{bowtie};
    std::string reason;
    CHECK_FALSE(is_valid(mp, &reason));
    CHECK_THAT(reason, Catch::Contains("Self-intersection"));
    const MultiPolygon fixed = make_valid(mp);
    CHECK(fixed.size() == 2);
    CHECK(area(fixed) == Approx(2.0));  // two triangles of base 2 and height 1
    CHECK(is_valid(fixed));
}

TEST_CASE("buffering a line and uniting polygons", "[overlay]") {
    const MultiLineString line{LineString{{0, 0}, {10, 0}}};
    // A 10 x 2 rectangle and two half discs of radius 1; 64 segments per quarter circle.
    CHECK(area(buffer(line, 1.0, 64)) == Approx(20.0 + std::numbers::pi).epsilon(1e-3));
    const std::vector<MultiPolygon> squares{rect(0, 0, 2, 2), rect(1, 1, 3, 3)};
    CHECK(area(unite(squares)) == Approx(7.0));
}
