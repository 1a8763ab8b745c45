#pragma once

// Turns walkable polylines into a WalkNetwork. Shared by the OSM and line-layer loaders.

#include "needmap/analysis/network/walk_network.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace needmap::analysis::network::detail {

class NetworkBuilder {
public:
    /// One walkable way. Vertices with equal keys are the same place (an OSM node id, or a
    /// cluster of coincident line ends). Points in the network's metric CRS, metres; `factor`
    /// is the effort per metre along this way.
    void add_way(std::span<const std::uint64_t> keys, std::span<const geo::Point> points, float factor);

    [[nodiscard]] std::size_t way_count() const { return m_way_count; }

    /// Junctions are the places where the number of ways leaving is not two. Every chain of
    /// places between junctions (whatever ways it runs along) becomes one edge that keeps the
    /// chain's geometry; a loop with no junction gets one at its first place.
    [[nodiscard]] WalkNetwork build(geo::Crs crs) &&;

private:
    struct Segment {
        std::uint32_t a;  ///< dense place index
        std::uint32_t b;
        float length_m;
        float effort_dm;
    };
    std::uint32_t place(std::uint64_t key, geo::Point p);

    std::vector<geo::Point> m_places;
    std::vector<std::uint64_t> m_place_keys;
    std::vector<Segment> m_segments;
    std::size_t m_way_count = 0;
    std::vector<std::uint32_t> m_scratch;
};

}  // namespace needmap::analysis::network::detail
