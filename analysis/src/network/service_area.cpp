#include "needmap/analysis/network/service_area.hpp"

#include "needmap/geo/overlay.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace needmap::analysis::network {
namespace {

struct Interval {
    double lo;
    double hi;
};

/// The stretch of an edge between two efforts from its start, as a line.
geo::LineString stretch(std::span<const geo::Point> points, std::span<const float> efforts, double lo, double hi) {
    auto at = [&](double e) {
        const auto k = static_cast<std::size_t>(
            std::clamp<std::ptrdiff_t>(std::upper_bound(efforts.begin(), efforts.end(), e) - efforts.begin(), 1,
                                       static_cast<std::ptrdiff_t>(efforts.size()) - 1));
        const double span = efforts[k] - efforts[k - 1];
        const double t = span > 0 ? std::clamp((e - efforts[k - 1]) / span, 0.0, 1.0) : 0.0;
        return std::pair{k, geo::Point{points[k - 1].x + t * (points[k].x - points[k - 1].x),
                                       points[k - 1].y + t * (points[k].y - points[k - 1].y)}};
    };
    const auto [k_lo, p_lo] = at(lo);
    const auto [k_hi, p_hi] = at(hi);
    geo::LineString line{p_lo};
    for (std::size_t k = k_lo; k < k_hi; ++k) line.push_back(points[k]);
    line.push_back(p_hi);
    return line;
}

}  // namespace

geo::MultiLineString reached_lines(const WalkNetwork& network, const WalkSearch& search) {
    const EffortDm limit = search.limit();
    std::vector<std::uint32_t> edges;
    for (const std::uint32_t n : search.settled())
        for (const Arc& a : network.arcs(NodeId(n))) edges.push_back(a.edge.value());
    for (const Snap& s : search.sources()) edges.push_back(s.edge.value());
    std::sort(edges.begin(), edges.end());
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());

    geo::MultiLineString out;
    std::vector<Interval> parts;
    for (const std::uint32_t id : edges) {
        const Edge& e = network.edge(EdgeId(id));
        const double length = e.effort;
        parts.clear();
        if (const EffortDm f = search.node_effort(e.from); f != kUnreached) parts.push_back({0, double(limit - f)});
        if (const EffortDm t = search.node_effort(e.to); t != kUnreached)
            parts.push_back({length - (limit - t), length});
        for (const Snap& s : search.sources()) {
            if (s.edge.value() != id) continue;
            const double left = double(limit) - std::lround(s.distance_m * 10.0);
            if (left > 0) parts.push_back({s.along_dm - left, s.along_dm + left});
        }
        std::sort(parts.begin(), parts.end(), [](const Interval& a, const Interval& b) { return a.lo < b.lo; });
        std::vector<Interval> merged;
        for (Interval p : parts) {
            p.lo = std::max(p.lo, 0.0);
            p.hi = std::min(p.hi, length);
            if (p.hi <= p.lo) continue;
            if (!merged.empty() && p.lo <= merged.back().hi)
                merged.back().hi = std::max(merged.back().hi, p.hi);
            else
                merged.push_back(p);
        }
        const auto points = network.geometry(EdgeId(id));
        // Where the reach ends within an edge is placed by the effort along it from its start; on
        // a slope walked the other way that is an approximation of a few metres, for drawing only.
        const auto efforts = network.geometry_effort(EdgeId(id));
        for (const Interval& m : merged) out.push_back(stretch(points, efforts, m.lo, m.hi));
    }
    return out;
}

geo::MultiPolygon service_area(const WalkNetwork& network, WalkSearch& search, const Snap& origin, EffortDm limit,
                               double buffer_m, Direction direction) {
    return service_area(network, search, std::span(&origin, 1), limit, buffer_m, direction);
}

geo::MultiPolygon service_area(const WalkNetwork& network, WalkSearch& search, std::span<const Snap> origins,
                               EffortDm limit, double buffer_m, Direction direction) {
    search.run(origins, limit, direction);
    if (search.sources().empty()) return {};
    const geo::MultiLineString lines = reached_lines(network, search);
    if (lines.empty()) return {};
    return geo::buffer(lines, buffer_m);
}

}  // namespace needmap::analysis::network
