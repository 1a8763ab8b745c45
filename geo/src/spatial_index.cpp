#include "needmap/geo/spatial_index.hpp"

#include <boost/geometry/algorithms/covered_by.hpp>
#include <boost/geometry/algorithms/envelope.hpp>
#include <boost/iterator/function_output_iterator.hpp>

#include <algorithm>

namespace needmap::geo {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

PointIndex::PointIndex(std::span<const Point> points) {
    std::vector<Entry> entries;
    entries.reserve(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) entries.emplace_back(points[i], i);
    m_tree = decltype(m_tree)(entries);  // packing construction
}

std::vector<std::size_t> PointIndex::nearest(Point p, std::size_t k) const {
    std::vector<Entry> hits;
    m_tree.query(bgi::nearest(p, static_cast<unsigned>(k)), std::back_inserter(hits));
    std::sort(hits.begin(), hits.end(), [&](const Entry& a, const Entry& b) {
        const double da = bg::comparable_distance(p, a.first);
        const double db = bg::comparable_distance(p, b.first);
        return da != db ? da < db : a.second < b.second;
    });
    std::vector<std::size_t> out;
    out.reserve(hits.size());
    for (const auto& h : hits) out.push_back(h.second);
    return out;
}

std::vector<std::size_t> PointIndex::within(Point p, double radius) const {
    const Box box({p.x - radius, p.y - radius}, {p.x + radius, p.y + radius});
    const double r2 = radius * radius;
    std::vector<std::size_t> out;
    m_tree.query(bgi::intersects(box) && bgi::satisfies([&](const Entry& e) {
                     const double dx = e.first.x - p.x;
                     const double dy = e.first.y - p.y;
                     return dx * dx + dy * dy <= r2;
                 }),
                 boost::make_function_output_iterator([&](const Entry& e) { out.push_back(e.second); }));
    return out;
}

PolygonIndex::PolygonIndex(std::span<const MultiPolygon> polygons) : m_polygons(polygons.begin(), polygons.end()) {
    std::vector<Entry> entries;
    entries.reserve(m_polygons.size());
    for (std::size_t i = 0; i < m_polygons.size(); ++i)
        if (!m_polygons[i].empty()) entries.emplace_back(bg::return_envelope<Box>(m_polygons[i]), i);
    m_tree = decltype(m_tree)(entries);
}

std::vector<std::size_t> PolygonIndex::candidates(const Box& box) const {
    std::vector<std::size_t> out;
    m_tree.query(bgi::intersects(box),
                 boost::make_function_output_iterator([&](const Entry& e) { out.push_back(e.second); }));
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::size_t> PolygonIndex::covering(Point p) const {
    std::vector<std::size_t> out;
    for (std::size_t i : candidates(Box(p, p)))
        if (bg::covered_by(p, m_polygons[i])) out.push_back(i);
    return out;
}

std::optional<std::size_t> PolygonIndex::locate(Point p) const {
    for (std::size_t i : candidates(Box(p, p)))
        if (bg::covered_by(p, m_polygons[i])) return i;
    return std::nullopt;
}

std::vector<std::optional<std::size_t>> join_points_to_polygons(std::span<const Point> points,
                                                                std::span<const MultiPolygon> polygons) {
    const PolygonIndex index(polygons);
    std::vector<std::optional<std::size_t>> out;
    out.reserve(points.size());
    for (const Point& p : points) out.push_back(index.locate(p));
    return out;
}

}  // namespace needmap::geo
