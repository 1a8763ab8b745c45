#include "needmap/viewer/basemap.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace needmap::viewer {

geo::Layer streets_basemap(const analysis::network::WalkNetwork& streets, std::size_t edges_per_piece) {
    geo::Layer layer;
    layer.name = "streets";
    layer.crs = streets.crs();
    layer.geometry_kind = geo::GeometryKind::Lines;
    // Edges ordered along a coarse grid (rows of 500 m, then west to east), so that each piece
    // holds edges that lie together and a zoomed map draws only the pieces it shows.
    std::vector<std::uint32_t> order(streets.edge_count());
    std::iota(order.begin(), order.end(), 0U);
    const auto start = [&](std::uint32_t e) {
        return streets.geometry(analysis::EdgeId(e)).front();
    };
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        const auto pa = start(a);
        const auto pb = start(b);
        const auto row_a = std::floor(pa.y / 500);
        const auto row_b = std::floor(pb.y / 500);
        return row_a != row_b ? row_a < row_b : pa.x < pb.x;
    });
    for (std::size_t first = 0; first < order.size(); first += edges_per_piece) {
        geo::MultiLineString lines;
        for (std::size_t i = first; i < std::min(order.size(), first + edges_per_piece); ++i) {
            const auto points = streets.geometry(analysis::EdgeId(order[i]));
            lines.emplace_back(points.begin(), points.end());
        }
        layer.features.push_back({static_cast<std::int64_t>(layer.features.size() + 1), geo::Geometry(std::move(lines)), {}});
    }
    return layer;
}

}  // namespace needmap::viewer
