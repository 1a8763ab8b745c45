#include "needmap/analysis/network/walk_network.hpp"

#include <boost/geometry/algorithms/envelope.hpp>
#include <boost/geometry/algorithms/expand.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace needmap::analysis::network {

namespace bgi = boost::geometry::index;

WalkNetwork::WalkNetwork(geo::Crs crs, std::vector<geo::Point> nodes, std::vector<Edge> edges,
                         std::vector<geo::Point> points, std::vector<float> point_effort,
                         std::vector<float> point_effort_back)
    : m_crs(std::move(crs)),
      m_nodes(std::move(nodes)),
      m_edges(std::move(edges)),
      m_points(std::move(points)),
      m_point_effort(std::move(point_effort)),
      m_point_effort_back(std::move(point_effort_back)) {
    if (m_point_effort_back.empty()) {
        m_point_effort_back = m_point_effort;
        for (Edge& e : m_edges) e.effort_back = e.effort;
    }
    m_sloped = std::any_of(m_edges.begin(), m_edges.end(), [](const Edge& e) { return e.effort != e.effort_back; });
    // Adjacency in CSR form, both directions of every edge.
    const std::size_t n = m_nodes.size();
    m_first_arc.assign(n + 1, 0);
    for (const Edge& e : m_edges) {
        ++m_first_arc[e.from.value() + 1];
        ++m_first_arc[e.to.value() + 1];
    }
    std::partial_sum(m_first_arc.begin(), m_first_arc.end(), m_first_arc.begin());
    m_arcs.resize(m_first_arc.back());
    std::vector<std::uint32_t> fill(m_first_arc.begin(), m_first_arc.end() - 1);
    for (std::uint32_t i = 0; i < m_edges.size(); ++i) {
        const Edge& e = m_edges[i];
        m_arcs[fill[e.from.value()]++] = {e.to, EdgeId(i), e.effort, e.effort_back};
        m_arcs[fill[e.to.value()]++] = {e.from, EdgeId(i), e.effort_back, e.effort};
    }

    // Connected components by breadth-first search, then renumbered largest first.
    m_component.assign(n, UINT32_MAX);
    std::vector<std::size_t> sizes;
    std::vector<std::uint32_t> queue;
    for (std::uint32_t start = 0; start < n; ++start) {
        if (m_component[start] != UINT32_MAX) continue;
        const auto c = static_cast<std::uint32_t>(sizes.size());
        std::size_t arcs = 0;
        queue.assign(1, start);
        m_component[start] = c;
        for (std::size_t q = 0; q < queue.size(); ++q) {
            for (const Arc& a : this->arcs(NodeId(queue[q]))) {
                ++arcs;
                if (m_component[a.head.value()] == UINT32_MAX) {
                    m_component[a.head.value()] = c;
                    queue.push_back(a.head.value());
                }
            }
        }
        sizes.push_back(arcs / 2);
    }
    std::vector<std::uint32_t> order(sizes.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return sizes[a] > sizes[b]; });
    std::vector<std::uint32_t> rank(sizes.size());
    m_component_edges.resize(sizes.size());
    for (std::uint32_t r = 0; r < order.size(); ++r) {
        rank[order[r]] = r;
        m_component_edges[r] = sizes[order[r]];
    }
    for (auto& c : m_component) c = rank[c];

    // Every segment in an R-tree for snapping.
    m_point_edge.assign(m_points.size(), 0);
    std::vector<SegmentEntry> segments;
    segments.reserve(m_points.size());
    for (std::uint32_t i = 0; i < m_edges.size(); ++i) {
        const Edge& e = m_edges[i];
        for (std::uint32_t k = 0; k < e.point_count; ++k) m_point_edge[e.first_point + k] = i;
        for (std::uint32_t k = 0; k + 1 < e.point_count; ++k)
            segments.emplace_back(Segment(m_points[e.first_point + k], m_points[e.first_point + k + 1]),
                                  e.first_point + k);
    }
    m_segments = decltype(m_segments)(segments);
    if (!m_points.empty()) {
        m_extent = geo::Box(m_points.front(), m_points.front());
        for (const auto& p : m_points) boost::geometry::expand(m_extent, p);
    }
}

std::span<const geo::Point> WalkNetwork::geometry(EdgeId e) const {
    const Edge& edge = m_edges[e.value()];
    return {m_points.data() + edge.first_point, edge.point_count};
}

std::span<const float> WalkNetwork::geometry_effort(EdgeId e) const {
    const Edge& edge = m_edges[e.value()];
    return {m_point_effort.data() + edge.first_point, edge.point_count};
}

std::span<const float> WalkNetwork::geometry_effort_back(EdgeId e) const {
    const Edge& edge = m_edges[e.value()];
    return {m_point_effort_back.data() + edge.first_point, edge.point_count};
}

double WalkNetwork::total_length_m() const {
    double sum = 0;
    for (const Edge& e : m_edges) sum += e.length_m;
    return sum;
}

bool WalkNetwork::on_island(EdgeId e) const {
    const std::uint32_t c = m_component[m_edges[e.value()].from.value()];
    return c != 0 && m_component_edges[c] < kIslandEdges;
}

Snap WalkNetwork::snap_to(geo::Point p, std::uint32_t first) const {
    const geo::Point a = m_points[first];
    const geo::Point b = m_points[first + 1];
    const double dx = b.x - a.x;
    const double dy = b.y - a.y;
    const double len2 = dx * dx + dy * dy;
    const double t = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0) : 0.0;
    Snap out;
    out.on_edge = {a.x + t * dx, a.y + t * dy};
    out.distance_m = static_cast<float>(std::hypot(p.x - out.on_edge.x, p.y - out.on_edge.y));
    out.edge = EdgeId(m_point_edge[first]);
    const double along = m_point_effort[first] + t * (m_point_effort[first + 1] - m_point_effort[first]);
    out.along_dm = static_cast<float>(std::min<double>(along, m_edges[out.edge.value()].effort));
    const double back =
        m_point_effort_back[first] + t * (m_point_effort_back[first + 1] - m_point_effort_back[first]);
    out.along_back_dm = static_cast<float>(std::min<double>(back, m_edges[out.edge.value()].effort_back));
    out.status = on_island(out.edge) ? SnapStatus::Island : SnapStatus::Ok;
    return out;
}

Snap WalkNetwork::snap(geo::Point p, double max_distance_m) const {
    if (m_segments.empty()) return {};
    std::vector<SegmentEntry> found;
    m_segments.query(bgi::nearest(p, 1), std::back_inserter(found));
    Snap nearest = snap_to(p, found.front().second);
    if (nearest.distance_m > max_distance_m) return {};
    if (nearest.status == SnapStatus::Ok) return nearest;
    // The nearest edge is on an island: take a connected one instead if there is one near enough.
    found.clear();
    m_segments.query(bgi::nearest(p, 1) && bgi::satisfies([this](const SegmentEntry& e) {
                         return !on_island(EdgeId(m_point_edge[e.second]));
                     }),
                     std::back_inserter(found));
    if (!found.empty()) {
        Snap connected = snap_to(p, found.front().second);
        if (connected.distance_m <= max_distance_m) {
            connected.passed_island = true;
            return connected;
        }
    }
    return nearest;
}

std::size_t WalkNetwork::memory_bytes() const {
    return m_nodes.capacity() * sizeof(geo::Point) + m_edges.capacity() * sizeof(Edge) +
           m_points.capacity() * sizeof(geo::Point) + (m_point_effort.capacity() + m_point_effort_back.capacity()) * sizeof(float) +
           m_first_arc.capacity() * sizeof(std::uint32_t) + m_arcs.capacity() * sizeof(Arc) +
           m_component.capacity() * sizeof(std::uint32_t) + m_point_edge.capacity() * sizeof(std::uint32_t) +
           m_segments.size() * (sizeof(SegmentEntry) + 16);  // R-tree nodes: roughly one box per entry
}

}  // namespace needmap::analysis::network
