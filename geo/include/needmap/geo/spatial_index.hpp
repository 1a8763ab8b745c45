#pragma once

// R-trees (Boost.Geometry, packed at construction) for nearest-neighbour queries and
// point-in-polygon joins. Distances are Euclidean in the CRS unit: index metric coordinates.

#include "needmap/geo/geometry.hpp"

#include <boost/geometry/index/rtree.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace needmap::geo {

class PointIndex {
public:
    PointIndex() = default;
    explicit PointIndex(std::span<const Point> points);

    /// Indices of the k points nearest to `p`, nearest first.
    [[nodiscard]] std::vector<std::size_t> nearest(Point p, std::size_t k = 1) const;
    /// Indices of the points within `radius` of `p`, in no particular order.
    [[nodiscard]] std::vector<std::size_t> within(Point p, double radius) const;
    [[nodiscard]] std::size_t size() const { return m_tree.size(); }

private:
    using Entry = std::pair<Point, std::size_t>;
    boost::geometry::index::rtree<Entry, boost::geometry::index::rstar<16>> m_tree;
};

class PolygonIndex {
public:
    PolygonIndex() = default;
    /// Keeps a copy of the polygons.
    explicit PolygonIndex(std::span<const MultiPolygon> polygons);

    /// The polygon that covers `p` (its boundary counts as inside); where polygons overlap, the
    /// one with the lowest index.
    [[nodiscard]] std::optional<std::size_t> locate(Point p) const;
    /// Every polygon that covers `p`, in increasing index order.
    [[nodiscard]] std::vector<std::size_t> covering(Point p) const;
    /// Polygons whose bounding box meets `box`, in increasing index order.
    [[nodiscard]] std::vector<std::size_t> candidates(const Box& box) const;
    [[nodiscard]] const MultiPolygon& polygon(std::size_t i) const { return m_polygons[i]; }
    [[nodiscard]] std::size_t size() const { return m_polygons.size(); }

private:
    using Entry = std::pair<Box, std::size_t>;
    std::vector<MultiPolygon> m_polygons;
    boost::geometry::index::rtree<Entry, boost::geometry::index::rstar<16>> m_tree;
};

/// For each point, the index of the polygon that covers it (see PolygonIndex::locate), or nothing.
[[nodiscard]] std::vector<std::optional<std::size_t>> join_points_to_polygons(std::span<const Point> points,
                                                                              std::span<const MultiPolygon> polygons);

}  // namespace needmap::geo
