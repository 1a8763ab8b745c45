#include "needmap/geo/overlay.hpp"

#include "detail/geos.hpp"

#include <boost/geometry/algorithms/correct.hpp>
#include <boost/geometry/algorithms/envelope.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace needmap::geo {
namespace detail {
namespace {

struct ContextHolder {
    GEOSContextHandle_t handle = GEOS_init_r();
    ContextHolder() = default;
    ContextHolder(const ContextHolder&) = delete;
    ContextHolder& operator=(const ContextHolder&) = delete;
    ~ContextHolder() { GEOS_finish_r(handle); }
};

GEOSCoordSequence* to_sequence(GEOSContextHandle_t ctx, const std::vector<Point>& points) {
    static_assert(sizeof(Point) == 2 * sizeof(double));
    return GEOSCoordSeq_copyFromBuffer_r(ctx, &points.front().x, static_cast<unsigned>(points.size()), 0, 0);
}

GEOSGeometry* ring_to_geos(GEOSContextHandle_t ctx, const Ring& ring) {
    std::vector<Point> pts(ring.begin(), ring.end());
    if (pts.empty()) return GEOSGeom_createEmptyPolygon_r(ctx);
    if (pts.front() != pts.back()) pts.push_back(pts.front());
    while (pts.size() < 4) pts.push_back(pts.front());  // degenerate ring: GEOS needs 4 points
    return GEOSGeom_createLinearRing_r(ctx, to_sequence(ctx, pts));
}

Ring ring_from_geos(GEOSContextHandle_t ctx, const GEOSGeometry* ring) {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx, ring);
    unsigned n = 0;
    GEOSCoordSeq_getSize_r(ctx, seq, &n);
    Ring out;
    out.resize(n);
    if (n > 0) GEOSCoordSeq_copyToBuffer_r(ctx, seq, &out.front().x, 0, 0);
    return out;
}

void collect_polygons(GEOSContextHandle_t ctx, const GEOSGeometry* g, MultiPolygon& out) {
    const int type = GEOSGeomTypeId_r(ctx, g);
    if (type == GEOS_POLYGON) {
        if (GEOSisEmpty_r(ctx, g) != 0) return;
        Polygon poly;
        poly.outer() = ring_from_geos(ctx, GEOSGetExteriorRing_r(ctx, g));
        const int holes = GEOSGetNumInteriorRings_r(ctx, g);
        for (int i = 0; i < holes; ++i) poly.inners().push_back(ring_from_geos(ctx, GEOSGetInteriorRingN_r(ctx, g, i)));
        boost::geometry::correct(poly);
        out.push_back(std::move(poly));
    } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(ctx, g);
        for (int i = 0; i < n; ++i) collect_polygons(ctx, GEOSGetGeometryN_r(ctx, g, i), out);
    }
}

GeosPtr checked(GEOSGeometry* g, const char* what) {
    if (g == nullptr) throw std::runtime_error(std::string("GEOS failed: ") + what);
    return GeosPtr(g);
}

}  // namespace

GEOSContextHandle_t geos_context() {
    thread_local ContextHolder holder;
    return holder.handle;
}

GeosPtr to_geos(const MultiPolygon& polygons) {
    GEOSContextHandle_t ctx = geos_context();
    std::vector<GEOSGeometry*> parts;
    parts.reserve(polygons.size());
    for (const Polygon& poly : polygons) {
        std::vector<GEOSGeometry*> holes;
        holes.reserve(poly.inners().size());
        for (const Ring& inner : poly.inners()) holes.push_back(ring_to_geos(ctx, inner));
        GEOSGeometry* shell = ring_to_geos(ctx, poly.outer());
        if (GEOSGeomTypeId_r(ctx, shell) == GEOS_POLYGON) {  // empty exterior
            for (GEOSGeometry* h : holes) GEOSGeom_destroy_r(ctx, h);
            parts.push_back(shell);
            continue;
        }
        parts.push_back(GEOSGeom_createPolygon_r(ctx, shell, holes.data(), static_cast<unsigned>(holes.size())));
    }
    return checked(
        GEOSGeom_createCollection_r(ctx, GEOS_MULTIPOLYGON, parts.data(), static_cast<unsigned>(parts.size())),
        "building a multipolygon");
}

GeosPtr to_geos(const MultiLineString& lines) {
    GEOSContextHandle_t ctx = geos_context();
    std::vector<GEOSGeometry*> parts;
    parts.reserve(lines.size());
    for (const LineString& line : lines) {
        if (line.size() < 2) continue;
        std::vector<Point> pts(line.begin(), line.end());
        parts.push_back(GEOSGeom_createLineString_r(ctx, to_sequence(ctx, pts)));
    }
    return checked(
        GEOSGeom_createCollection_r(ctx, GEOS_MULTILINESTRING, parts.data(), static_cast<unsigned>(parts.size())),
        "building a multilinestring");
}

MultiPolygon polygons_from_geos(const GEOSGeometry* g) {
    MultiPolygon out;
    collect_polygons(geos_context(), g, out);
    return out;
}

}  // namespace detail

using detail::geos_context;
using detail::GeosPtr;

bool is_valid(const MultiPolygon& polygons, std::string* reason) {
    GeosPtr g = detail::to_geos(polygons);
    GEOSContextHandle_t ctx = geos_context();
    if (GEOSisValid_r(ctx, g.get()) == 1) return true;
    if (reason != nullptr) {
        char* r = GEOSisValidReason_r(ctx, g.get());
        *reason = r != nullptr ? r : "invalid";
        GEOSFree_r(ctx, r);
    }
    return false;
}

MultiPolygon make_valid(const MultiPolygon& polygons) {
    GEOSContextHandle_t ctx = geos_context();
    GeosPtr g = detail::to_geos(polygons);
    GEOSMakeValidParams* params = GEOSMakeValidParams_create_r(ctx);
    GEOSMakeValidParams_setMethod_r(ctx, params, GEOS_MAKE_VALID_STRUCTURE);
    GEOSMakeValidParams_setKeepCollapsed_r(ctx, params, 0);
    GEOSGeometry* valid = GEOSMakeValidWithParams_r(ctx, g.get(), params);
    GEOSMakeValidParams_destroy_r(ctx, params);
    return detail::polygons_from_geos(detail::checked(valid, "MakeValid").get());
}

std::vector<Overlap> intersection_areas(std::span<const MultiPolygon> a, std::span<const MultiPolygon> b) {
    namespace bgi = boost::geometry::index;
    GEOSContextHandle_t ctx = geos_context();
    std::vector<std::pair<Box, std::size_t>> boxes;
    std::vector<GeosPtr> b_geos(b.size());
    for (std::size_t j = 0; j < b.size(); ++j) {
        if (b[j].empty()) continue;
        boxes.emplace_back(boost::geometry::return_envelope<Box>(b[j]), j);
        b_geos[j] = detail::to_geos(b[j]);
    }
    const bgi::rtree<std::pair<Box, std::size_t>, bgi::rstar<16>> tree(boxes);

    std::vector<Overlap> out;
    std::vector<std::pair<Box, std::size_t>> hits;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].empty()) continue;
        hits.clear();
        tree.query(bgi::intersects(boost::geometry::return_envelope<Box>(a[i])), std::back_inserter(hits));
        if (hits.empty()) continue;
        GeosPtr ga = detail::to_geos(a[i]);
        detail::PreparedPtr prepared(GEOSPrepare_r(ctx, ga.get()));
        std::sort(hits.begin(), hits.end(), [](const auto& x, const auto& y) { return x.second < y.second; });
        for (const auto& [box, j] : hits) {
            const GEOSGeometry* gb = b_geos[j].get();
            if (GEOSPreparedIntersects_r(ctx, prepared.get(), gb) != 1) continue;
            double shared = 0;
            if (GEOSPreparedContains_r(ctx, prepared.get(), gb) == 1) {
                GEOSArea_r(ctx, gb, &shared);
            } else {
                GeosPtr inter = detail::checked(GEOSIntersection_r(ctx, ga.get(), gb), "intersection");
                GEOSArea_r(ctx, inter.get(), &shared);
            }
            if (shared > 0) out.push_back({i, j, shared});
        }
    }
    return out;
}

MultiPolygon intersection(const MultiPolygon& a, const MultiPolygon& b) {
    if (a.empty() || b.empty()) return {};
    GeosPtr ga = detail::to_geos(a);
    GeosPtr gb = detail::to_geos(b);
    GeosPtr shared = detail::checked(GEOSIntersection_r(geos_context(), ga.get(), gb.get()), "intersection");
    return detail::polygons_from_geos(shared.get());
}

MultiPolygon buffer(const MultiLineString& lines, double distance, int segments) {
    // Buffering each line on its own and uniting the results (GEOS's cascaded union) is an order
    // of magnitude faster than buffering thousands of lines as one geometry.
    GEOSContextHandle_t ctx = geos_context();
    std::vector<GEOSGeometry*> parts;
    parts.reserve(lines.size());
    for (const LineString& line : lines) {
        if (line.size() < 2) continue;
        GeosPtr g = detail::to_geos(MultiLineString{line});
        parts.push_back(detail::checked(GEOSBuffer_r(ctx, g.get(), distance, segments), "buffer").release());
    }
    GeosPtr collection = detail::checked(
        GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, parts.data(), static_cast<unsigned>(parts.size())),
        "collection");
    GeosPtr united = detail::checked(GEOSUnaryUnion_r(ctx, collection.get()), "union");
    return detail::polygons_from_geos(united.get());
}

std::vector<MultiPolygon> voronoi_cells(std::span<const Point> points, const MultiPolygon& area) {
    std::vector<MultiPolygon> cells(points.size());
    if (points.empty() || area.empty()) return cells;
    GEOSContextHandle_t ctx = geos_context();
    std::vector<GEOSGeometry*> sites;
    for (const Point& p : points) sites.push_back(GEOSGeom_createPointFromXY_r(ctx, p.x, p.y));
    GeosPtr multipoint = detail::checked(
        GEOSGeom_createCollection_r(ctx, GEOS_MULTIPOINT, sites.data(), static_cast<unsigned>(sites.size())), "points");
    GeosPtr clip = detail::to_geos(area);
    // The diagram reaches past the area, so that every cell is closed inside it.
    GeosPtr diagram = detail::checked(GEOSVoronoiDiagram_r(ctx, multipoint.get(), clip.get(), 0.01, 0), "voronoi");
    // GEOS 3.11 does not keep the points' order: each cell goes to the point inside it.
    for (int c = 0; c < GEOSGetNumGeometries_r(ctx, diagram.get()); ++c) {
        const GEOSGeometry* cell = GEOSGetGeometryN_r(ctx, diagram.get(), c);
        for (std::size_t i = 0; i < points.size(); ++i) {
            if (!cells[i].empty()) continue;
            GeosPtr point(GEOSGeom_createPointFromXY_r(ctx, points[i].x, points[i].y));
            if (GEOSIntersects_r(ctx, cell, point.get()) != 1) continue;
            GeosPtr clipped = detail::checked(GEOSIntersection_r(ctx, cell, clip.get()), "intersection");
            cells[i] = detail::polygons_from_geos(clipped.get());
            break;
        }
    }
    return cells;
}

MultiPolygon unite(std::span<const MultiPolygon> polygons) {
    GEOSContextHandle_t ctx = geos_context();
    std::vector<GEOSGeometry*> parts;
    for (const MultiPolygon& mp : polygons)
        if (!mp.empty()) parts.push_back(detail::to_geos(mp).release());
    GeosPtr collection = detail::checked(
        GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, parts.data(), static_cast<unsigned>(parts.size())),
        "collection");
    GeosPtr united = detail::checked(GEOSUnaryUnion_r(ctx, collection.get()), "union");
    return detail::polygons_from_geos(united.get());
}

}  // namespace needmap::geo
