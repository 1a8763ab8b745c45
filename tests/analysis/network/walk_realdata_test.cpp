// The walking engine on real networks (../shared/data; skipped where absent).

#include "needmap/analysis/network/loaders.hpp"
#include "needmap/analysis/network/walk_matrix.hpp"
#include "needmap/analysis/network/walk_search.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <queue>

#include <map>
#include <random>

using namespace needmap;
using namespace needmap::analysis;
using namespace needmap::analysis::network;

namespace {

/// Effort (decimetres) from a to b by a textbook Dijkstra written here, over the network's edge
/// list, starting and ending part-way along the snapped edges. UINT64_MAX when unreachable.
std::uint64_t reference_effort(const WalkNetwork& net, const Snap& a, const Snap& b) {
    if (a.status == SnapStatus::TooFar || b.status == SnapStatus::TooFar) return UINT64_MAX;
    std::vector<std::vector<std::pair<std::uint32_t, std::uint64_t>>> adjacent(net.node_count());
    for (const Edge& e : net.edges()) {
        adjacent[e.from.value()].emplace_back(e.to.value(), e.effort);
        adjacent[e.to.value()].emplace_back(e.from.value(), e.effort);
    }
    const Edge& ea = net.edge(a.edge);
    const Edge& eb = net.edge(b.edge);
    const std::uint64_t a_snap = std::llround(a.distance_m * 10.0);
    const std::uint64_t b_snap = std::llround(b.distance_m * 10.0);
    const std::uint64_t a_along = std::llround(a.along_dm);
    const std::uint64_t b_along = std::llround(b.along_dm);
    std::vector<std::uint64_t> dist(net.node_count(), UINT64_MAX);
    using Item = std::pair<std::uint64_t, std::uint32_t>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
    auto push = [&](std::uint32_t n, std::uint64_t d) {
        if (d < dist[n]) {
            dist[n] = d;
            queue.emplace(d, n);
        }
    };
    push(ea.from.value(), a_snap + a_along);
    push(ea.to.value(), a_snap + ea.effort - a_along);
    while (!queue.empty()) {
        const auto [d, n] = queue.top();
        queue.pop();
        if (d > dist[n]) continue;
        for (const auto& [m, w] : adjacent[n]) push(m, d + w);
    }
    std::uint64_t best = UINT64_MAX;
    if (dist[eb.from.value()] != UINT64_MAX) best = std::min(best, dist[eb.from.value()] + b_along);
    if (dist[eb.to.value()] != UINT64_MAX) best = std::min(best, dist[eb.to.value()] + eb.effort - b_along);
    if (a.edge == b.edge) best = std::min(best, a_snap + (a_along > b_along ? a_along - b_along : b_along - a_along));
    return best == UINT64_MAX ? best : best + b_snap;
}

}  // namespace

TEST_CASE("Porto Alegre: the 1227 x 1227 walk matrix agrees with a plain Dijkstra and is symmetric", "[realdata]") {
    NEEDMAP_SHARED_DATA(dir, "r5r-poa");
    NetworkReport report;
    const WalkNetwork net = load_osm_network(dir / "poa_osm.pbf", WalkProfile{}, report);
    CHECK(net.crs().epsg() == 32722);
    const auto cells = read_places(dir / "poa_hexgrid.csv", net.crs());
    REQUIRE(cells.size() == 1227);
    const auto snaps = snap_places(net, cells, 500);

    WalkOptions options;
    options.speed_kmh = 3.6;
    options.max_minutes = 60;
    const TravelTimeMatrix m = walk_matrix(net, snaps, snaps, options);
    REQUIRE(m.origin_count() == 1227);
    CHECK(m.entry_count() > 100000);

    std::map<std::pair<std::uint32_t, std::uint32_t>, float> times;
    for (std::uint32_t o = 0; o < 1227; ++o)
        for (std::uint32_t k = m.row_begin[o]; k < m.row_begin[o + 1]; ++k) times[{o, m.destination[k]}] = m.seconds[k];
    // Walking is symmetric: every pair has its mirror, at the same time.
    std::size_t asymmetric = 0;
    for (const auto& [pair, s] : times) {
        const auto mirror = times.find({pair.second, pair.first});
        if (mirror == times.end() || std::abs(mirror->second - s) > 0.01F) ++asymmetric;
    }
    CHECK(asymmetric == 0);

    // A sample of pairs, present and absent, against the reference search.
    std::mt19937 rng(2019);
    std::uniform_int_distribution<std::uint32_t> pick(0, 1226);
    const double speed = 1.0;  // 3.6 km/h
    int present = 0;
    for (int i = 0; i < 60; ++i) {
        const std::uint32_t o = pick(rng);
        const std::uint32_t d = pick(rng);
        const std::uint64_t effort = reference_effort(net, snaps[o], snaps[d]);
        const bool within = effort != UINT64_MAX && effort <= effort_in(3600, speed);
        const auto it = times.find({o, d});
        INFO("pair " << cells[o].id << " -> " << cells[d].id);
        REQUIRE((it != times.end()) == within);
        if (within) {
            ++present;
            CHECK(it->second == Catch::Detail::Approx(static_cast<double>(effort) / 10.0 / speed).margin(0.01));
        }
    }
    CHECK(present > 5);
}

TEST_CASE("Ube: the OSMnx line layer makes a network whose searches agree with a plain Dijkstra", "[realdata]") {
    NEEDMAP_SHARED_DATA(dir, "ube-osm-walk");
    NetworkReport report;
    const WalkNetwork net =
        load_line_network(dir / "ube_walk_edges_osm_only.gpkg", WalkProfile{}, LineNetworkOptions{}, report);
    CHECK(report.ways_read == 30750);
    // OSMnx stores each two-way street twice; about half the lines are such copies.
    CHECK(report.duplicates_dropped > 14000);
    CHECK(net.crs().epsg() == 6671);  // Yamaguchi: plane-rectangular zone III
    CHECK(net.component_count() >= 1);
    CHECK(net.component_edges(0) > net.edge_count() / 2);

    std::mt19937 rng(7);
    const geo::Box box = net.extent();
    std::uniform_real_distribution<double> x(box.min_corner().x, box.max_corner().x);
    std::uniform_real_distribution<double> y(box.min_corner().y, box.max_corner().y);
    WalkSearch search(net);
    int compared = 0;
    for (int i = 0; i < 40; ++i) {
        const Snap a = net.snap({x(rng), y(rng)}, 500);
        const Snap b = net.snap({x(rng), y(rng)}, 500);
        if (a.status == SnapStatus::TooFar || b.status == SnapStatus::TooFar) continue;
        search.run(a, effort_in(7200, 1.0));
        const EffortDm ours = search.effort_to(b);
        const std::uint64_t reference = reference_effort(net, a, b);
        if (reference > effort_in(7200, 1.0)) {
            CHECK(ours == kUnreached);
        } else {
            CHECK(ours == reference);
            ++compared;
        }
    }
    CHECK(compared > 10);
}
