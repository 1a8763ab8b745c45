// The walking network on hand-drawn maps, with times computed by hand. Walking at 3.6 km/h is
// 1 m/s, so a time in seconds equals the metres walked (steps count double).

#include "ascii_network.hpp"
#include "needmap/analysis/network/loaders.hpp"
#include "needmap/analysis/network/service_area.hpp"
#include "needmap/analysis/network/walk_search.hpp"
#include "needmap/geo/error.hpp"
#include "test_support.hpp"

#include <boost/geometry/algorithms/covered_by.hpp>
#include <catch2/catch.hpp>

#include <cmath>

using namespace needmap;
using namespace needmap::analysis::network;
using Catch::Detail::Approx;
using needmap::test::AsciiMap;
using needmap::test::AsciiWay;
using needmap::test::TempDir;

namespace {

constexpr double kOneMetrePerSecond = 1.0;

struct Drawn {
    Drawn(std::string_view drawing, double spacing, const std::vector<AsciiWay>& ways) : map(drawing, spacing) {
        map.write_osm(dir / "map.osm", ways);
        network = load_osm_network(dir / "map.osm", WalkProfile{}, report);
    }
    /// Seconds from one metric point to another at 1 m/s, or -1 when unreachable in an hour.
    double seconds(geo::Point from, geo::Point to, double max_snap_m = 500) const {
        WalkSearch search(network);
        search.run(network.snap(from, max_snap_m), effort_in(3600, kOneMetrePerSecond));
        const EffortDm e = search.effort_to(network.snap(to, max_snap_m));
        return e == kUnreached ? -1 : seconds_for(e, kOneMetrePerSecond);
    }
    /// Between two nodes, which lie on the network: no snapping to another way.
    double seconds(char a, char b) const { return seconds(map.position(a), map.position(b), 1); }

    TempDir dir;
    AsciiMap map;
    NetworkReport report;
    WalkNetwork network;
};

const std::map<std::string, std::string> kFootway{{"highway", "footway"}};

}  // namespace

TEST_CASE("a straight footway: 200 m in 200 s at 3.6 km/h; chains of nodes become one edge", "[network]") {
    const Drawn d("a.b.c.d.e", 50, {{"abcde", kFootway}});  // a to e: 8 cells of 50 m = 400 m
    CHECK(d.network.crs().epsg() == 6674);
    CHECK(d.network.node_count() == 2);  // b, c, d are used by one way only
    CHECK(d.network.edge_count() == 1);
    CHECK(d.network.edges()[0].length_m == Approx(400).margin(0.05));
    CHECK(d.seconds('a', 'c') == Approx(200).margin(0.1));
    CHECK(d.seconds('e', 'a') == Approx(400).margin(0.1));
    // 3.0 km/h: 400 m in 480 s.
    WalkSearch search(d.network);
    search.run(d.network.snap(d.map.position('a'), 500), effort_in(3600, 3.0 / 3.6));
    CHECK(seconds_for(search.effort_to(d.network.snap(d.map.position('e'), 500)), 3.0 / 3.6) ==
          Approx(480).margin(0.1));
}

TEST_CASE("a point joins the middle of the nearest edge and walks along it", "[network]") {
    // a----b: 400 m east-west; c lies 300 m south of b on a second way.
    const Drawn d(
        "a...b\n"
        ".....\n"
        ".....\n"
        "....c",
        100, {{"ab", kFootway}, {"bc", kFootway}});
    const geo::Point p = d.map.at(150, -30);  // 30 m south of the edge, 150 m from a
    const Snap s = d.network.snap(p, 500);
    CHECK(s.status == SnapStatus::Ok);
    CHECK(s.distance_m == Approx(30).margin(0.02));
    CHECK(s.on_edge.x == Approx(d.map.at(150, 0).x).margin(0.02));
    // To b: 30 m to the edge, then 250 m along it.
    CHECK(d.seconds(p, d.map.position('b')) == Approx(280).margin(0.1));
    // To c: 30 + 250 + 300.
    CHECK(d.seconds(p, d.map.position('c')) == Approx(580).margin(0.1));
    // To a point 40 m north of the same edge, 350 m from a: straight along the edge,
    // 30 + 200 + 40 = 270 (not round by b: 30 + 250 + 50 + 40 = 370).
    CHECK(d.seconds(p, d.map.at(350, 40)) == Approx(270).margin(0.1));
    // The snap distance counts at the start and the end alike.
    CHECK(d.seconds(d.map.at(350, 40), p) == Approx(270).margin(0.1));
}

TEST_CASE("steps cost double, foot=no and motorways are not walked, one-way does not bind", "[network]") {
    // Two ways from a to c: over the steps a-b then b-c (100 + 100 m), or round by d and e
    // (100 + 200 + 100 m). With steps counting double, the steps way costs 300, the detour 400.
    const char* drawing =
        "a.b.c\n"
        ".....\n"
        "d...e";
    const std::vector<AsciiWay> base{{"ab", {{"highway", "steps"}}},
                                     {"bc", {{"highway", "residential"}, {"oneway", "yes"}}},
                                     {"ad", kFootway},
                                     {"de", {{"highway", "service"}}},
                                     {"ec", kFootway}};
    const Drawn d(drawing, 50, base);
    CHECK(d.seconds('a', 'c') == Approx(300).margin(0.1));
    CHECK(d.seconds('c', 'a') == Approx(300).margin(0.1));  // against the one-way: pedestrians may
    CHECK(d.seconds('a', 'b') == Approx(200).margin(0.1));  // 100 m of steps

    std::vector<AsciiWay> closed = base;
    closed[1].tags["foot"] = "no";
    const Drawn no_foot(drawing, 50, closed);
    CHECK(no_foot.seconds('a', 'c') == Approx(400).margin(0.1));
    CHECK(no_foot.report.ways_excluded == 1);

    std::vector<AsciiWay> motorway = base;
    motorway[1].tags = {{"highway", "motorway"}};
    motorway[2].tags = {{"highway", "service"}, {"access", "private"}};
    const Drawn d2(drawing, 50, motorway);
    CHECK(d2.report.ways_excluded == 2);
    CHECK(d2.seconds('a', 'c') == -1);  // only the steps to b are left from a
    CHECK(d2.seconds('c', 'd') == Approx(300).margin(0.1));

    motorway[2].tags["foot"] = "yes";  // private, but open to pedestrians
    const Drawn d3(drawing, 50, motorway);
    CHECK(d3.report.ways_excluded == 1);
    CHECK(d3.seconds('a', 'c') == Approx(400).margin(0.1));
}

TEST_CASE("a pedestrian square is walked along its outline", "[network]") {
    const Drawn d(
        "a...b\n"
        ".....\n"
        "d...c",
        50, {{"abcda", {{"highway", "pedestrian"}, {"area", "yes"}}}});
    CHECK(d.network.edge_count() == 1);                     // a closed way: one loop from a back to a
    CHECK(d.seconds('a', 'c') == Approx(300).margin(0.1));  // 200 east + 100 south
    CHECK(d.seconds('b', 'd') == Approx(300).margin(0.1));
}

TEST_CASE("a point on a small disconnected island is reported and reaches only the island", "[network]") {
    // x-y is a stray footway 650 m east of the main way a-b: nothing else within 500 m of x.
    const Drawn d("a...b............x.y", 50, {{"ab", kFootway}, {"xy", kFootway}});
    CHECK(d.network.component_count() == 2);
    const Snap on_island = d.network.snap(d.map.position('x'), 500);
    CHECK(on_island.status == SnapStatus::Island);
    CHECK(d.network.snap(d.map.position('a'), 500).status == SnapStatus::Ok);
    CHECK(d.seconds('a', 'x') == -1);
    CHECK(d.seconds('x', 'y') == Approx(100).margin(0.1));
    // Farther than the maximum snap distance from every way: unreachable.
    CHECK(d.network.snap(d.map.at(100, 800), 500).status == SnapStatus::TooFar);
}

TEST_CASE("a point passes over a nearer stray footway to join the main network", "[network]") {
    // The stray piece s-t lies 20 m from the point, the main way a-b 100 m.
    const Drawn d(
        "a...b\n"
        ".....\n"
        ".s.t.",
        50, {{"ab", kFootway}, {"st", kFootway}});
    const geo::Point p = d.map.at(100, -80);
    const Snap snap = d.network.snap(p, 500);
    CHECK(snap.status == SnapStatus::Ok);
    CHECK(snap.passed_island);
    CHECK(snap.distance_m == Approx(80).margin(0.02));
    CHECK(d.seconds(p, d.map.position('b')) == Approx(180).margin(0.1));
    // With the main way out of reach, the island is all there is.
    const Snap near_only = d.network.snap(p, 50);
    CHECK(near_only.status == SnapStatus::Island);
    CHECK(near_only.distance_m == Approx(20).margin(0.02));
}

TEST_CASE("searches stop at the limit and from several sources take the nearest", "[network]") {
    const Drawn d("a.b.c.d.e", 100, {{"abcde", kFootway}});  // 200 m between letters
    WalkSearch search(d.network);
    search.run(d.network.snap(d.map.position('a'), 500), effort_in(500, kOneMetrePerSecond));
    CHECK(seconds_for(search.effort_to(d.network.snap(d.map.position('c'), 500)), 1) == Approx(400).margin(0.1));
    CHECK(search.effort_to(d.network.snap(d.map.position('d'), 500)) == kUnreached);  // 600 s > 500 s

    const std::vector<Snap> two{d.network.snap(d.map.position('a'), 500), d.network.snap(d.map.position('e'), 500)};
    search.run(two, effort_in(3600, kOneMetrePerSecond));
    CHECK(seconds_for(search.effort_to(d.network.snap(d.map.position('d'), 500)), 1) == Approx(200).margin(0.1));
    CHECK(seconds_for(search.effort_to(d.network.snap(d.map.position('b'), 500)), 1) == Approx(200).margin(0.1));
}

TEST_CASE("a road line layer gives the same network as OSM, MULTILINESTRINGs and duplicates included", "[network]") {
    const char* drawing =
        "a.b.c\n"
        ".....\n"
        "d...e";
    // "ad|de" is one feature of two parts (a MULTILINESTRING); "ce" is "ec" stored again reversed.
    const std::vector<AsciiWay> ways{
        {"ab", {{"highway", "steps"}}}, {"bc", kFootway}, {"ad|de", kFootway}, {"ec", kFootway}, {"ce", kFootway}};
    TempDir dir;
    const AsciiMap map(drawing, 50);
    map.write_lines(dir / "lines.geojson", ways);
    NetworkReport report;
    const WalkNetwork net = load_line_network(dir / "lines.geojson", WalkProfile{}, LineNetworkOptions{}, report);
    CHECK(report.duplicates_dropped == 1);
    // Every corner joins exactly two lines: the square is one loop, one edge.
    CHECK(net.edge_count() == 1);
    CHECK(net.edges()[0].length_m == Approx(600).margin(0.05));
    WalkSearch search(net);
    search.run(net.snap(map.position('a'), 500), effort_in(3600, 1));
    // To c over the steps: 2 x 100 + 100; to e round by d: 100 + 200.
    CHECK(seconds_for(search.effort_to(net.snap(map.position('c'), 500)), 1) == Approx(300).margin(0.1));
    CHECK(seconds_for(search.effort_to(net.snap(map.position('e'), 500)), 1) == Approx(300).margin(0.1));
    CHECK(seconds_for(search.effort_to(net.snap(map.position('b'), 500)), 1) == Approx(200).margin(0.1));
}

TEST_CASE("bad network input names the file and the problem", "[network]") {
    TempDir dir;
    NetworkReport report;
    CHECK_THROWS_WITH(load_osm_network(dir / "none.osm.pbf", {}, report),
                      Catch::Contains("none.osm.pbf: no such file"));
    needmap::test::write_file(dir / "corrupt.osm.pbf", std::string(500, '\x42'));
    CHECK_THROWS_WITH(load_osm_network(dir / "corrupt.osm.pbf", {}, report),
                      Catch::Contains("corrupt.osm.pbf: cannot be read as OpenStreetMap data"));
    const AsciiMap map("a.b", 50);
    map.write_osm(dir / "empty.osm", {{"ab", {{"highway", "motorway"}}}});
    CHECK_THROWS_WITH(load_osm_network(dir / "empty.osm", {}, report),
                      Catch::Contains("empty.osm: holds no walkable way"));
}

TEST_CASE("a service area covers the streets reached, cut where time runs out", "[network]") {
    // A T: a long street a-b (1000 m) with a side street c-d (400 m) starting 200 m from a.
    //   a.c.......b
    //   ..
    //   ..d
    const Drawn d(
        "a.c.......b\n"
        "...........\n"
        "..d........",
        100, {{"acb", kFootway}, {"cd", kFootway}});
    WalkSearch search(d.network);
    const Snap origin = d.network.snap(d.map.position('a'), 500);
    // 300 s at 1 m/s: 300 m east along a-b, and 100 m down c-d (200 m to c, then 100 m).
    search.run(origin, effort_in(300, kOneMetrePerSecond));
    const geo::MultiLineString lines = reached_lines(d.network, search);
    double total = 0;
    double east = -1e9;
    double south = 1e9;
    for (const auto& line : lines)
        for (std::size_t i = 0; i < line.size(); ++i) {
            if (i > 0) total += std::hypot(line[i].x - line[i - 1].x, line[i].y - line[i - 1].y);
            east = std::max(east, line[i].x);
            south = std::min(south, line[i].y);
        }
    CHECK(total == Approx(400).margin(0.5));
    CHECK(east == Approx(d.map.at(300, 0).x).margin(0.5));
    CHECK(south == Approx(d.map.at(0, -100).y).margin(0.5));

    // Buffered by 10 m: a point 5 m off the reached street is inside, one beyond the cut is not.
    const geo::MultiPolygon area = service_area(d.network, search, origin, effort_in(300, kOneMetrePerSecond), 10);
    auto inside = [&](geo::Point p) { return boost::geometry::covered_by(p, area); };
    CHECK(inside(d.map.at(250, 5)));
    CHECK(inside(d.map.at(200, -90)));
    CHECK_FALSE(inside(d.map.at(330, 0)));
    CHECK_FALSE(inside(d.map.at(200, -130)));
    CHECK_FALSE(inside(d.map.at(100, -50)));  // between the streets: not a hull
    // Long thin shapes: about 2 x 10 m wide along 400 m, plus round ends.
    CHECK(geo::area(area) > 400 * 20 * 0.95);
    CHECK(geo::area(area) < 400 * 20 + 3 * 3.15 * 100);
}

TEST_CASE("a service area from a point in the middle of a long edge", "[network]") {
    const Drawn d("a.........b", 100, {{"ab", kFootway}});  // 1000 m
    WalkSearch search(d.network);
    const Snap origin = d.network.snap(d.map.at(500, 0), 500);
    search.run(origin, effort_in(200, kOneMetrePerSecond));
    const auto lines = reached_lines(d.network, search);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].front().x == Approx(d.map.at(300, 0).x).margin(0.5));
    CHECK(lines[0].back().x == Approx(d.map.at(700, 0).x).margin(0.5));
}
