#pragma once

#include "needmap/analysis/network/walk_network.hpp"

#include <memory>
#include <span>
#include <vector>

namespace needmap::analysis::network {

namespace detail {
class RadixHeap;
}

/// Dijkstra over a WalkNetwork from one or several snapped points, up to an effort limit.
/// Holds its own search state, reused from run to run: one WalkSearch per thread.
class WalkSearch {
public:
    explicit WalkSearch(const WalkNetwork& network);
    ~WalkSearch();
    WalkSearch(WalkSearch&&) noexcept;
    WalkSearch& operator=(WalkSearch&&) = delete;

    /// Searches from the sources together (each target is then reached from its nearest
    /// source), up to `limit`; with Direction::To, the effort is that of walking from each
    /// place *to* the nearest source instead (the same on the level). Sources with status TooFar
    /// are ignored.
    void run(std::span<const Snap> sources, EffortDm limit, Direction direction = Direction::From);
    void run(const Snap& source, EffortDm limit, Direction direction = Direction::From) {
        run(std::span(&source, 1), limit, direction);
    }

    /// Effort from the last run's sources to a snapped point (or, searched Direction::To, from
    /// the point to them), its snap distance included; kUnreached when beyond the limit or when
    /// the target could not be snapped.
    [[nodiscard]] EffortDm effort_to(const Snap& target) const;
    /// Effort to a junction; kUnreached when beyond the limit.
    [[nodiscard]] EffortDm node_effort(NodeId n) const { return m_effort[n.value()]; }
    /// Junctions reached within the limit, in the order they were settled.
    [[nodiscard]] std::span<const std::uint32_t> settled() const { return m_settled; }
    [[nodiscard]] EffortDm limit() const { return m_limit; }
    /// The last run's sources that could be snapped.
    [[nodiscard]] std::span<const Snap> sources() const { return m_sources; }

private:
    void reach(std::uint32_t node, EffortDm effort);

    const WalkNetwork& m_network;
    std::vector<EffortDm> m_effort;
    std::vector<std::uint32_t> m_touched;
    std::vector<std::uint32_t> m_settled;
    std::unique_ptr<detail::RadixHeap> m_heap;
    std::vector<Snap> m_sources;  ///< sorted by edge, for targets on a source's own edge
    EffortDm m_limit = 0;
    Direction m_direction = Direction::From;
};

/// Metres of level walking as decimetres of effort, rounded.
[[nodiscard]] EffortDm effort_of_metres(double metres);
/// The effort one walks in `seconds` at `speed_mps`.
[[nodiscard]] EffortDm effort_in(double seconds, double speed_mps);
/// Seconds to walk an effort at `speed_mps`.
[[nodiscard]] inline double seconds_for(EffortDm effort, double speed_mps) {
    return effort / 10.0 / speed_mps;
}

}  // namespace needmap::analysis::network
