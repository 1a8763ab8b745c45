#include "detail/ogr_geometry.hpp"

#include <boost/geometry/algorithms/correct.hpp>

namespace needmap::geo::detail {
namespace {

template <typename Out>
void copy_points(const OGRSimpleCurve& curve, Out& out) {
    const int n = curve.getNumPoints();
    out.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) out.push_back(Point{curve.getX(i), curve.getY(i)});
}

Polygon polygon_from(const OGRPolygon& p) {
    Polygon out;
    if (const OGRLinearRing* shell = p.getExteriorRing()) copy_points(*shell, out.outer());
    for (int i = 0; i < p.getNumInteriorRings(); ++i) {
        Ring hole;
        copy_points(*p.getInteriorRing(i), hole);
        out.inners().push_back(std::move(hole));
    }
    boost::geometry::correct(out);
    return out;
}

LineString line_from(const OGRSimpleCurve& c) {
    LineString out;
    copy_points(c, out);
    return out;
}

OGRLinearRing* ring_to_ogr(const Ring& ring) {
    auto* r = new OGRLinearRing();  // NOLINT(cppcoreguidelines-owning-memory): handed to OGR
    r->setNumPoints(static_cast<int>(ring.size()), FALSE);
    for (std::size_t i = 0; i < ring.size(); ++i) r->setPoint(static_cast<int>(i), ring[i].x, ring[i].y);
    return r;
}

}  // namespace

Geometry from_ogr(const OGRGeometry* g, bool& ok) {
    ok = true;
    if (g == nullptr || g->IsEmpty()) return {};
    switch (wkbFlatten(g->getGeometryType())) {
        case wkbPoint: {
            const auto* p = g->toPoint();
            return Point{p->getX(), p->getY()};
        }
        case wkbMultiPoint: {
            MultiPoint out;
            for (const OGRPoint* p : *g->toMultiPoint()) out.push_back(Point{p->getX(), p->getY()});
            return out;
        }
        case wkbLineString:
        case wkbLinearRing:
            return MultiLineString{line_from(*g->toSimpleCurve())};
        case wkbMultiLineString: {
            MultiLineString out;
            for (const OGRLineString* line : *g->toMultiLineString()) out.push_back(line_from(*line));
            return out;
        }
        case wkbPolygon:
            return MultiPolygon{polygon_from(*g->toPolygon())};
        case wkbMultiPolygon: {
            MultiPolygon out;
            for (const OGRPolygon* p : *g->toMultiPolygon()) out.push_back(polygon_from(*p));
            return out;
        }
        case wkbGeometryCollection: {
            // Keep the parts of the highest dimension (a polygon collection with stray lines, say).
            MultiPolygon polygons;
            MultiLineString lines;
            MultiPoint points;
            for (const OGRGeometry* part : *g->toGeometryCollection()) {
                bool part_ok = true;
                Geometry converted = from_ogr(part, part_ok);
                if (auto* mp = std::get_if<MultiPolygon>(&converted))
                    polygons.insert(polygons.end(), mp->begin(), mp->end());
                else if (auto* ml = std::get_if<MultiLineString>(&converted))
                    lines.insert(lines.end(), ml->begin(), ml->end());
                else if (auto* p = std::get_if<Point>(&converted))
                    points.push_back(*p);
                else if (auto* pts = std::get_if<MultiPoint>(&converted))
                    points.insert(points.end(), pts->begin(), pts->end());
            }
            if (!polygons.empty()) return polygons;
            if (!lines.empty()) return lines;
            if (!points.empty()) return points;
            return {};
        }
        default: {
            // Curves, surfaces and the like: their linear approximation, if OGR has one.
            if (OGR_GT_IsCurve(g->getGeometryType()) || OGR_GT_IsSurface(g->getGeometryType()) ||
                wkbFlatten(g->getGeometryType()) == wkbMultiCurve ||
                wkbFlatten(g->getGeometryType()) == wkbMultiSurface) {
                std::unique_ptr<OGRGeometry> linear(g->getLinearGeometry());
                if (linear && wkbFlatten(linear->getGeometryType()) != wkbFlatten(g->getGeometryType()))
                    return from_ogr(linear.get(), ok);
            }
            ok = false;
            return {};
        }
    }
}

std::unique_ptr<OGRGeometry> to_ogr(const Geometry& g) {
    return std::visit(
        [](const auto& v) -> std::unique_ptr<OGRGeometry> {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
                return nullptr;
            } else if constexpr (std::is_same_v<T, Point>) {
                return std::make_unique<OGRPoint>(v.x, v.y);
            } else if constexpr (std::is_same_v<T, MultiPoint>) {
                auto out = std::make_unique<OGRMultiPoint>();
                for (const Point& p : v) out->addGeometryDirectly(new OGRPoint(p.x, p.y));  // NOLINT
                return out;
            } else if constexpr (std::is_same_v<T, MultiLineString>) {
                auto out = std::make_unique<OGRMultiLineString>();
                for (const LineString& line : v) {
                    auto* l = new OGRLineString();  // NOLINT(cppcoreguidelines-owning-memory): handed to OGR
                    l->setNumPoints(static_cast<int>(line.size()), FALSE);
                    for (std::size_t i = 0; i < line.size(); ++i)
                        l->setPoint(static_cast<int>(i), line[i].x, line[i].y);
                    out->addGeometryDirectly(l);
                }
                return out;
            } else {
                auto out = std::make_unique<OGRMultiPolygon>();
                for (const Polygon& poly : v) {
                    auto* p = new OGRPolygon();  // NOLINT(cppcoreguidelines-owning-memory): handed to OGR
                    p->addRingDirectly(ring_to_ogr(poly.outer()));
                    for (const Ring& hole : poly.inners()) p->addRingDirectly(ring_to_ogr(hole));
                    out->addGeometryDirectly(p);
                }
                return out;
            }
        },
        g);
}

}  // namespace needmap::geo::detail
