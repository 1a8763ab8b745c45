#include "detail/network_builder.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

namespace needmap::analysis::network::detail {

void NetworkBuilder::add_way(std::span<const std::uint64_t> keys, std::span<const geo::Point> points, float factor) {
    if (keys.size() < 2) return;
    ++m_way_count;
    m_scratch.clear();
    for (std::size_t i = 0; i < keys.size(); ++i) m_scratch.push_back(place(keys[i], points[i]));
    for (std::size_t i = 1; i < m_scratch.size(); ++i) {
        const std::uint32_t a = m_scratch[i - 1];
        const std::uint32_t b = m_scratch[i];
        if (a == b) continue;  // a repeated vertex
        const double length = std::hypot(m_places[b].x - m_places[a].x, m_places[b].y - m_places[a].y);
        m_segments.push_back({a, b, static_cast<float>(length), static_cast<float>(length * factor * 10.0)});
    }
}

std::uint32_t NetworkBuilder::place(std::uint64_t key, geo::Point p) {
    m_place_keys.push_back(key);
    m_places.push_back(p);
    return static_cast<std::uint32_t>(m_places.size() - 1);
}

WalkNetwork NetworkBuilder::build(geo::Crs crs) && {
    // Places with equal keys are one place: renumber them densely.
    std::unordered_map<std::uint64_t, std::uint32_t> dense;
    dense.reserve(m_place_keys.size());
    std::vector<std::uint32_t> place_of(m_place_keys.size());
    std::vector<geo::Point> positions;
    for (std::size_t i = 0; i < m_place_keys.size(); ++i) {
        const auto [it, fresh] = dense.emplace(m_place_keys[i], static_cast<std::uint32_t>(positions.size()));
        if (fresh) positions.push_back(m_places[i]);
        place_of[i] = it->second;
    }
    for (Segment& s : m_segments) {
        s.a = place_of[s.a];
        s.b = place_of[s.b];
    }
    const std::size_t n = positions.size();

    // Segments incident to each place (CSR); a place is a junction unless exactly two meet there.
    std::vector<std::uint32_t> first(n + 1, 0);
    for (const Segment& s : m_segments) {
        ++first[s.a + 1];
        ++first[s.b + 1];
    }
    std::partial_sum(first.begin(), first.end(), first.begin());
    std::vector<std::uint32_t> incident(first.back());
    {
        std::vector<std::uint32_t> fill(first.begin(), first.end() - 1);
        for (std::uint32_t i = 0; i < m_segments.size(); ++i) {
            incident[fill[m_segments[i].a]++] = i;
            incident[fill[m_segments[i].b]++] = i;
        }
    }
    std::vector<std::uint32_t> node_of(n, UINT32_MAX);
    std::vector<geo::Point> nodes;
    auto node = [&](std::uint32_t place) {
        if (node_of[place] == UINT32_MAX) {
            node_of[place] = static_cast<std::uint32_t>(nodes.size());
            nodes.push_back(positions[place]);
        }
        return NodeId(node_of[place]);
    };
    auto junction = [&](std::uint32_t place) {
        return first[place + 1] - first[place] != 2 || node_of[place] != UINT32_MAX;
    };

    std::vector<Edge> edges;
    std::vector<geo::Point> points;
    std::vector<float> efforts;
    std::vector<bool> used(m_segments.size(), false);
    // Walks from a junction along segment `s` through two-way places to the next junction.
    auto walk = [&](std::uint32_t start, std::uint32_t s) {
        Edge edge;
        edge.from = node(start);
        edge.first_point = static_cast<std::uint32_t>(points.size());
        points.push_back(positions[start]);
        efforts.push_back(0);
        double length = 0;
        double effort = 0;
        std::uint32_t at = start;
        while (true) {
            used[s] = true;
            const Segment& seg = m_segments[s];
            at = seg.a == at ? seg.b : seg.a;
            length += seg.length_m;
            effort += seg.effort_dm;
            points.push_back(positions[at]);
            efforts.push_back(static_cast<float>(effort));
            if (junction(at)) break;
            const std::uint32_t other = incident[first[at]] == s ? incident[first[at] + 1] : incident[first[at]];
            if (used[other]) break;  // closed a loop back to where it started
            s = other;
        }
        edge.to = node(at);
        edge.point_count = static_cast<std::uint32_t>(points.size()) - edge.first_point;
        edge.length_m = static_cast<float>(length);
        edge.effort = static_cast<EffortDm>(std::lround(effort));
        efforts.back() = static_cast<float>(edge.effort);  // the far end is exactly the edge's effort
        edges.push_back(edge);
    };
    for (std::uint32_t p = 0; p < n; ++p) {
        if (first[p + 1] - first[p] == 2) continue;
        for (std::uint32_t k = first[p]; k < first[p + 1]; ++k)
            if (!used[incident[k]]) walk(p, incident[k]);
    }
    // What is left are loops made only of two-way places: each gets a junction of its own.
    for (std::uint32_t s = 0; s < m_segments.size(); ++s)
        if (!used[s]) {
            node(m_segments[s].a);
            walk(m_segments[s].a, s);
        }
    return WalkNetwork(std::move(crs), std::move(nodes), std::move(edges), std::move(points), std::move(efforts));
}

}  // namespace needmap::analysis::network::detail
