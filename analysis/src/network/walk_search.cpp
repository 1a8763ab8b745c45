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

void WalkSearch::run(std::span<const Snap> sources, EffortDm limit) {
    for (const std::uint32_t n : m_touched) m_effort[n] = kUnreached;
    m_touched.clear();
    m_settled.clear();
    m_heap->clear();
    m_sources.clear();
    m_limit = limit;
    for (const Snap& s : sources) {
        if (s.status == SnapStatus::TooFar) continue;
        m_sources.push_back(s);
        const Edge& e = m_network.edge(s.edge);
        const EffortDm base = effort_of_metres(s.distance_m);
        const auto along = static_cast<EffortDm>(std::lround(s.along_dm));
        reach(e.from.value(), base + along);
        reach(e.to.value(), base + (e.effort - std::min(along, e.effort)));
    }
    std::sort(m_sources.begin(), m_sources.end(), [](const Snap& a, const Snap& b) { return a.edge < b.edge; });

    while (!m_heap->empty()) {
        const auto [effort, node] = m_heap->pop();
        if (effort != m_effort[node]) continue;  // a stale entry
        m_settled.push_back(node);
        for (const Arc& a : m_network.arcs(NodeId(node))) reach(a.head.value(), effort + a.effort);
    }
}

EffortDm WalkSearch::effort_to(const Snap& target) const {
    if (target.status == SnapStatus::TooFar) return kUnreached;
    const Edge& e = m_network.edge(target.edge);
    const auto along = static_cast<EffortDm>(std::lround(target.along_dm));
    const EffortDm base = effort_of_metres(target.distance_m);
    std::uint64_t best = kUnreached;
    if (const EffortDm f = m_effort[e.from.value()]; f != kUnreached) best = std::min<std::uint64_t>(best, f + along);
    if (const EffortDm t = m_effort[e.to.value()]; t != kUnreached)
        best = std::min<std::uint64_t>(best, t + (e.effort - std::min(along, e.effort)));
    // A source on the same edge walks straight along it.
    const auto [lo, hi] = std::equal_range(m_sources.begin(), m_sources.end(), target,
                                           [](const Snap& a, const Snap& b) { return a.edge < b.edge; });
    for (auto it = lo; it != hi; ++it) {
        const auto s_along = static_cast<EffortDm>(std::lround(it->along_dm));
        const EffortDm direct =
            effort_of_metres(it->distance_m) + (s_along > along ? s_along - along : along - s_along);
        best = std::min<std::uint64_t>(best, direct);
    }
    if (best == kUnreached) return kUnreached;
    best += base;
    return best <= m_limit ? static_cast<EffortDm>(best) : kUnreached;
}

}  // namespace needmap::analysis::network
