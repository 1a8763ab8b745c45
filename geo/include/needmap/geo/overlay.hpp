#pragma once

// Polygon operations through GEOS (reentrant C API, one context per thread). All inputs share one
// CRS; areas and distances are in that CRS's unit, so use a metric CRS.

#include "needmap/geo/geometry.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace needmap::geo {

/// True when GEOS considers the polygons valid (OGC rules); otherwise `reason` says why.
[[nodiscard]] bool is_valid(const MultiPolygon& polygons, std::string* reason = nullptr);

/// The polygonal part of GEOS MakeValid (structure method: self-intersecting rings become
/// several polygons, nothing is dropped that encloses area). Lower-dimensional debris is dropped.
[[nodiscard]] MultiPolygon make_valid(const MultiPolygon& polygons);

/// The area shared by feature `a` of one polygon set and feature `b` of another.
struct Overlap {
    std::size_t a = 0;
    std::size_t b = 0;
    double area = 0;
};

/// Every pair of polygons from `a` and `b` that share a positive area, with that area: the basis
/// of areal weighting. Candidates come from an R-tree over `b`; sorted by (a, b).
[[nodiscard]] std::vector<Overlap> intersection_areas(std::span<const MultiPolygon> a, std::span<const MultiPolygon> b);

/// The area two polygon sets share (its polygonal part; touching edges give nothing).
[[nodiscard]] MultiPolygon intersection(const MultiPolygon& a, const MultiPolygon& b);

/// Polygons covering every point within `distance` of the lines (round ends and joins,
/// `segments` per quarter circle), unioned.
[[nodiscard]] MultiPolygon buffer(const MultiLineString& lines, double distance, int segments = 4);

/// The Voronoi cell of each point (the area nearer to it than to any other), in the points'
/// order, clipped to `area`. Points closer than 1 cm are one; the later ones get an empty cell.
[[nodiscard]] std::vector<MultiPolygon> voronoi_cells(std::span<const Point> points, const MultiPolygon& area);

/// The union of all the polygons.
[[nodiscard]] MultiPolygon unite(std::span<const MultiPolygon> polygons);

}  // namespace needmap::geo
