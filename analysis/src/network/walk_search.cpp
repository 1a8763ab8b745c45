#include "needmap/analysis/network/walk_search.hpp"

#include "detail/radix_heap.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace needmap::analysis::network {

EffortDm effort_of_metres(double metres) {
    return static_cast<EffortDm>(std::lround(metres * 10.0));
}

EffortDm effort_in(double seconds, double speed_mps) {
    return static_cast<EffortDm>(std::floor(seconds * speed_mps * 10.0 + 1e-6));
}

WalkSearch::WalkSearch(const WalkNetwork& network)
    : m_network(network), m_effort(network.node_count(), kUnreached), m_heap(std::make_unique<detail::RadixHeap>()) {}

WalkSearch::~WalkSearch() = default;
WalkSearch::WalkSearch(WalkSearch&&) noexcept = default;

void WalkSearch::reach(std::uint32_t node, EffortDm effort) {
    if (effort > m_limit || effort >= m_effort[node]) return;
    if (m_effort[node] == kUnreached) m_touched.push_back(node);
    m_effort[node] = effort;
    m_heap->push(effort, node);
}

namespace {

/// Efforts along an edge between a snapped point and the edge's ends, in each direction.
struct Partial {
    EffortDm to_from;    ///< from the point back to edge.from
    EffortDm to_to;      ///< from the point on to edge.to
    EffortDm from_from;  ///< from edge.from to the point
    EffortDm from_to;    ///< from edge.to back to the point
};

Partial partial(const Edge& e, const Snap& s) {
    const auto along = std::min(static_cast<EffortDm>(std::lround(s.along_dm)), e.effort);
    const auto back = std::min(static_cast<EffortDm>(std::lround(s.along_back_dm)), e.effort_back);
    return {back, e.effort - along, along, e.effort_back - back};
}

/// Effort from point a to point b on the same edge, walking straight along it.
EffortDm along_edge(const Snap& a, const Snap& b) {
    const auto a_along = static_cast<EffortDm>(std::lround(a.along_dm));
    const auto b_along = static_cast<EffortDm>(std::lround(b.along_dm));
    if (b_along >= a_along) return b_along - a_along;
    const auto a_back = static_cast<EffortDm>(std::lround(a.along_back_dm));
    const auto b_back = static_cast<EffortDm>(std::lround(b.along_back_dm));
    return a_back > b_back ? a_back - b_back : 0;
}

}  // namespace

void WalkSearch::run(std::span<const Snap> sources, EffortDm limit, Direction direction) {
    for (const std::uint32_t n : m_touched) m_effort[n] = kUnreached;
    m_touched.clear();
    m_settled.clear();
    m_heap->clear();
    m_sources.clear();
    m_limit = limit;
    m_direction = direction;
    const bool from = direction == Direction::From;
    for (const Snap& s : sources) {
        if (s.status == SnapStatus::TooFar) continue;
        m_sources.push_back(s);
        const Edge& e = m_network.edge(s.edge);
        const EffortDm base = effort_of_metres(s.distance_m);
        const Partial p = partial(e, s);
        reach(e.from.value(), base + (from ? p.to_from : p.from_from));
        reach(e.to.value(), base + (from ? p.to_to : p.from_to));
    }
    std::sort(m_sources.begin(), m_sources.end(), [](const Snap& a, const Snap& b) { return a.edge < b.edge; });

    while (!m_heap->empty()) {
        const auto [effort, node] = m_heap->pop();
        if (effort != m_effort[node]) continue;  // a stale entry
        m_settled.push_back(node);
        if (from)
            for (const Arc& a : m_network.arcs(NodeId(node))) reach(a.head.value(), effort + a.effort);
        else
            for (const Arc& a : m_network.arcs(NodeId(node))) reach(a.head.value(), effort + a.effort_reverse);
    }
}

EffortDm WalkSearch::effort_to(const Snap& target) const {
    if (target.status == SnapStatus::TooFar) return kUnreached;
    const Edge& e = m_network.edge(target.edge);
    const bool from = m_direction == Direction::From;
    const Partial p = partial(e, target);
    const EffortDm base = effort_of_metres(target.distance_m);
    std::uint64_t best = kUnreached;
    if (const EffortDm f = m_effort[e.from.value()]; f != kUnreached)
        best = std::min<std::uint64_t>(best, f + (from ? p.from_from : p.to_from));
    if (const EffortDm t = m_effort[e.to.value()]; t != kUnreached)
        best = std::min<std::uint64_t>(best, t + (from ? p.from_to : p.to_to));
    // A source on the same edge walks straight along it.
    const auto [lo, hi] = std::equal_range(m_sources.begin(), m_sources.end(), target,
                                           [](const Snap& a, const Snap& b) { return a.edge < b.edge; });
    for (auto it = lo; it != hi; ++it) {
        const EffortDm direct = effort_of_metres(it->distance_m) + (from ? along_edge(*it, target) : along_edge(target, *it));
        best = std::min<std::uint64_t>(best, direct);
    }
    if (best == kUnreached) return kUnreached;
    best += base;
    return best <= m_limit ? static_cast<EffortDm>(best) : kUnreached;
}

}  // namespace needmap::analysis::network
