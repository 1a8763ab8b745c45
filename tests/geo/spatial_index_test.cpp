#include "needmap/geo/spatial_index.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

using namespace needmap::geo;

TEST_CASE("nearest and radius queries agree with brute force", "[index]") {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> coord(0, 1000);
    std::vector<Point> points(500);
    for (auto& p : points) p = {coord(rng), coord(rng)};
    const PointIndex index(points);
    for (int q = 0; q < 200; ++q) {
        const Point p{coord(rng), coord(rng)};
        std::vector<std::pair<double, std::size_t>> by_distance;
        for (std::size_t i = 0; i < points.size(); ++i) {
            const double dx = points[i].x - p.x;
            const double dy = points[i].y - p.y;
            by_distance.emplace_back(dx * dx + dy * dy, i);
        }
        std::sort(by_distance.begin(), by_distance.end());
        const auto nearest = index.nearest(p, 3);
        REQUIRE(nearest.size() == 3);
        for (std::size_t k = 0; k < 3; ++k) CHECK(nearest[k] == by_distance[k].second);

        auto within = index.within(p, 80.0);
        std::sort(within.begin(), within.end());
        std::vector<std::size_t> expected;
        for (const auto& [d2, i] : by_distance)
            if (d2 <= 80.0 * 80.0) expected.push_back(i);
        std::sort(expected.begin(), expected.end());
        CHECK(within == expected);
    }
}

TEST_CASE("point-in-polygon join agrees with brute force, boundary inclusive", "[index]") {
    // A 4 x 4 grid of 10 m squares, the last one with a hole.
    std::vector<MultiPolygon> squares;
    for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 4; ++c) {
            Polygon p;
            const double x = c * 10.0;
            const double y = r * 10.0;
            p.outer() = {{x, y}, {x + 10, y}, {x + 10, y + 10}, {x, y + 10}, {x, y}};
            squares.push_back({p});
        }
    squares.back()[0].inners().push_back({{32, 32}, {32, 38}, {38, 38}, {38, 32}, {32, 32}});

    std::mt19937 rng(3);
    std::uniform_real_distribution<double> coord(-5, 45);
    std::vector<Point> points(1000);
    for (auto& p : points) p = {coord(rng), coord(rng)};
    points.push_back({10, 10});  // a corner shared by four squares: the lowest index wins
    const auto joined = join_points_to_polygons(points, squares);
    for (std::size_t i = 0; i < points.size(); ++i) {
        const Point p = points[i];
        std::optional<std::size_t> expected;
        if (p.x >= 0 && p.x <= 40 && p.y >= 0 && p.y <= 40) {
            const int c = std::min(3, static_cast<int>((p.x - 1e-12) / 10.0 < 0 ? 0 : (p.x - 1e-12) / 10.0));
            const int r = std::min(3, static_cast<int>((p.y - 1e-12) / 10.0 < 0 ? 0 : (p.y - 1e-12) / 10.0));
            const bool in_hole = p.x > 32 && p.x < 38 && p.y > 32 && p.y < 38;
            if (!in_hole) expected = static_cast<std::size_t>(r * 4 + c);
        }
        INFO("point " << p.x << ", " << p.y);
        CHECK(joined[i] == expected);
    }
    CHECK(joined.back() == 0u);
}
