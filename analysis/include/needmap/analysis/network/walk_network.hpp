#pragma once

#include "needmap/analysis/ids.hpp"
#include "needmap/geo/crs.hpp"
#include "needmap/geo/geometry.hpp"

#include <boost/geometry/geometries/segment.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace needmap::analysis::network {

/// Walking effort is counted in metres of level walking: a metre of steps counts as
/// WalkProfile::steps_factor metres. Edges store it in decimetres so that searches add integers.
using EffortDm = std::uint32_t;
inline constexpr EffortDm kUnreached = UINT32_MAX;

/// A way between two junctions, with its full geometry. Walked both ways (pedestrians are not
/// bound by one-way streets), at an effort that may differ by direction on a slope.
struct Edge {
    NodeId from;
    NodeId to;
    std::uint32_t first_point = 0;  ///< index of the first vertex in the network's points
    std::uint32_t point_count = 0;  ///< at least 2
    float length_m = 0;             ///< along the geometry, metres
    EffortDm effort = 0;            ///< from `from` to `to`, steps and slopes weighted, decimetres
    EffortDm effort_back = 0;       ///< from `to` to `from`; equal to effort on the level
};

/// One direction of an edge, as the search sees it.
struct Arc {
    NodeId head;
    EdgeId edge;
    EffortDm effort;          ///< walking it towards the head
    EffortDm effort_reverse;  ///< walking it from the head back, for searches towards a place
};

/// Which way a search counts: from its sources to everywhere, or from everywhere to its sources
/// (the walk *to* a place, which differs on slopes).
enum class Direction { From, To };

enum class SnapStatus {
    Ok,
    Island,  ///< joined a small piece of network, not connected to the rest, with nothing else near
    TooFar,  ///< no walkable way within the maximum snap distance: the point is unreachable
};

/// Where a point joins the network: the nearest point on the nearest walkable edge. As in r5,
/// small disconnected pieces (a stray footway, a car park's aisles) are passed over when a
/// connected edge lies within the maximum snap distance.
struct Snap {
    SnapStatus status = SnapStatus::TooFar;
    EdgeId edge;
    geo::Point on_edge;
    float distance_m = 0;        ///< from the point to on_edge, walked at the ordinary speed
    float along_dm = 0;          ///< effort from edge.from to on_edge, decimetres
    float along_back_dm = 0;     ///< effort from on_edge back to edge.from (along_dm on the level)
    bool passed_island = false;  ///< a small disconnected piece was nearer and was passed over
};

/// A walking network: junction nodes joined by edges that keep their full geometry (chains of
/// degree-2 OSM nodes are contracted into one edge). Built once by a loader and then read-only,
/// so any number of threads may search it at once. Coordinates in one metric CRS, metres.
class WalkNetwork {
public:
    WalkNetwork() = default;
    /// Takes the nodes, edges (in order of first_point) and their vertices; builds the adjacency
    /// (CSR), the connected components and the snapping index.
    /// `point_effort` gives, for every vertex, the effort from its edge's start (decimetres), and
    /// `point_effort_back` the effort from the vertex back to its edge's start (empty on the
    /// level: the same; each edge's effort_back is then set to its effort).
    WalkNetwork(geo::Crs crs, std::vector<geo::Point> nodes, std::vector<Edge> edges, std::vector<geo::Point> points,
                std::vector<float> point_effort, std::vector<float> point_effort_back = {});

    [[nodiscard]] const geo::Crs& crs() const { return m_crs; }
    [[nodiscard]] std::size_t node_count() const { return m_nodes.size(); }
    [[nodiscard]] std::size_t edge_count() const { return m_edges.size(); }
    [[nodiscard]] bool empty() const { return m_edges.empty(); }
    [[nodiscard]] geo::Point node(NodeId n) const { return m_nodes[n.value()]; }
    [[nodiscard]] const Edge& edge(EdgeId e) const { return m_edges[e.value()]; }
    [[nodiscard]] std::span<const Edge> edges() const { return m_edges; }
    [[nodiscard]] std::span<const geo::Point> geometry(EdgeId e) const;
    /// For each vertex of the edge, the effort from its start, decimetres (0 first, effort last).
    [[nodiscard]] std::span<const float> geometry_effort(EdgeId e) const;
    /// For each vertex of the edge, the effort from it back to the start (0 first, effort_back last).
    [[nodiscard]] std::span<const float> geometry_effort_back(EdgeId e) const;
    /// True when some edge costs more one way than the other (slopes were applied).
    [[nodiscard]] bool sloped() const { return m_sloped; }
    [[nodiscard]] std::span<const Arc> arcs(NodeId n) const {
        return {m_arcs.data() + m_first_arc[n.value()], m_arcs.data() + m_first_arc[n.value() + 1]};
    }

    /// Connected components, the largest being number 0.
    [[nodiscard]] std::uint32_t component(NodeId n) const { return m_component[n.value()]; }
    [[nodiscard]] std::size_t component_count() const { return m_component_edges.size(); }
    /// Edges in a component.
    [[nodiscard]] std::size_t component_edges(std::uint32_t c) const { return m_component_edges[c]; }
    /// Components smaller than this (in edges) other than the largest are islands.
    static constexpr std::size_t kIslandEdges = 40;

    /// The bounding box of all vertices, in the network's CRS.
    [[nodiscard]] geo::Box extent() const { return m_extent; }
    /// Total length of all edges, metres.
    [[nodiscard]] double total_length_m() const;

    /// Joins a point (in the network's CRS) to the nearest point of the nearest edge within
    /// `max_distance_m`, preferring edges that are not on islands; otherwise the status is TooFar.
    [[nodiscard]] Snap snap(geo::Point p, double max_distance_m) const;

    /// Bytes held by the network's arrays and index (an estimate for reports).
    [[nodiscard]] std::size_t memory_bytes() const;

    /// True for the edges of small disconnected pieces (fewer than kIslandEdges edges, not the
    /// largest component).
    [[nodiscard]] bool on_island(EdgeId e) const;

private:
    [[nodiscard]] Snap snap_to(geo::Point p, std::uint32_t first_vertex) const;
    using Segment = boost::geometry::model::segment<geo::Point>;
    using SegmentEntry = std::pair<Segment, std::uint32_t>;  ///< segment and the index of its first vertex

    geo::Crs m_crs;
    std::vector<geo::Point> m_nodes;
    std::vector<Edge> m_edges;
    std::vector<geo::Point> m_points;
    std::vector<float> m_point_effort;
    std::vector<float> m_point_effort_back;
    bool m_sloped = false;
    std::vector<std::uint32_t> m_first_arc;
    std::vector<Arc> m_arcs;
    std::vector<std::uint32_t> m_component;
    std::vector<std::size_t> m_component_edges;
    std::vector<std::uint32_t> m_point_edge;  ///< for each vertex, its edge
    geo::Box m_extent;
    boost::geometry::index::rtree<SegmentEntry, boost::geometry::index::rstar<16>> m_segments;
};

}  // namespace needmap::analysis::network
