#include "detail/network_builder.hpp"
#include "needmap/analysis/network/loaders.hpp"
#include "needmap/geo/error.hpp"
#include "needmap/geo/layer_io.hpp"

#include <fmt/format.h>

#include <cmath>
#include <set>
#include <tuple>
#include <unordered_map>

namespace needmap::analysis::network {
namespace {

/// The effort factor of a line from its highway value, which may be a list ("path,residential"
/// or "['path', 'residential']" as OSMnx writes it): walkable if any part is, steps if all are.
std::optional<float> line_factor(std::string_view highway, std::string_view access, const WalkProfile& profile) {
    if (highway.empty()) return 1.0F;
    std::optional<float> out;
    bool all_steps = true;
    std::size_t start = 0;
    while (start <= highway.size()) {
        std::size_t end = highway.find(',', start);
        if (end == std::string_view::npos) end = highway.size();
        std::string_view part = highway.substr(start, end - start);
        while (!part.empty() && (part.front() == ' ' || part.front() == '[' || part.front() == '\''))
            part.remove_prefix(1);
        while (!part.empty() && (part.back() == ' ' || part.back() == ']' || part.back() == '\''))
            part.remove_suffix(1);
        if (const auto f = walk_factor({part, {}, access, {}, {}}, profile)) out = out ? std::min(*out, *f) : *f;
        all_steps = all_steps && part == "steps";
        start = end + 1;
    }
    if (out && !all_steps) out = 1.0F;
    return out;
}

/// Clusters line ends that lie within a tolerance of each other, through a hash grid.
class EndClusters {
public:
    explicit EndClusters(double tolerance) : m_tolerance(tolerance) {}

    std::uint64_t key(geo::Point p) {
        const auto cx = static_cast<std::int64_t>(std::floor(p.x / m_tolerance));
        const auto cy = static_cast<std::int64_t>(std::floor(p.y / m_tolerance));
        for (std::int64_t dx = -1; dx <= 1; ++dx)
            for (std::int64_t dy = -1; dy <= 1; ++dy) {
                const auto it = m_cells.find(cell(cx + dx, cy + dy));
                if (it == m_cells.end()) continue;
                for (const auto& [q, id] : it->second)
                    if (std::hypot(q.x - p.x, q.y - p.y) <= m_tolerance) return id;
            }
        const std::uint64_t id = m_next++;
        m_cells[cell(cx, cy)].emplace_back(p, id);
        return id;
    }

private:
    static std::uint64_t cell(std::int64_t x, std::int64_t y) {
        return (static_cast<std::uint64_t>(x) << 32) ^ static_cast<std::uint64_t>(y & 0xFFFFFFFF);
    }
    double m_tolerance;
    std::uint64_t m_next = 0;
    std::unordered_map<std::uint64_t, std::vector<std::pair<geo::Point, std::uint64_t>>> m_cells;
};

}  // namespace

WalkNetwork load_line_network(const std::filesystem::path& path, const WalkProfile& profile,
                              const LineNetworkOptions& options, NetworkReport& report,
                              const std::optional<geo::Crs>& crs) {
    geo::ReadOptions read;
    read.layer = options.layer;
    geo::Layer layer = geo::read_layer(path, read);
    report.source = path.string();
    // OSMnx writes OpenStreetMap's way ids (osmid) on every edge, with its node ids u and v.
    report.openstreetmap = layer.field_index("osmid") && layer.field_index("u") && layer.field_index("v");
    if (layer.geometry_kind != geo::GeometryKind::Lines)
        throw geo::InputError(fmt::format("{}: holds {}, not lines; a walking network needs a road line layer",
                                          path.string(), geo::to_string(layer.geometry_kind)));
    if (layer.crs.empty())
        throw geo::InputError(fmt::format("{}: the layer has no CRS; add a .prj file", path.string()));
    if (crs) {
        report.crs_reason = crs->label() + " (given)";
        layer = geo::reproject(std::move(layer), *crs);
    } else {
        const geo::MetricCrsChoice choice = geo::choose_metric_crs(geo::centre_lon_lat(layer));
        report.crs_reason = choice.reason;
        layer = geo::reproject(std::move(layer), choice.crs);
    }
    const auto highway = layer.field_index(options.highway_field);
    const auto access = layer.field_index("access");

    EndClusters ends(options.tolerance_m);
    std::uint64_t interior = std::uint64_t{1} << 62;  // keys of vertices that are never junctions
    std::set<std::tuple<std::uint64_t, std::uint64_t, std::int64_t>> seen;
    detail::NetworkBuilder builder;
    std::vector<std::uint64_t> keys;
    for (const auto& feature : layer.features) {
        ++report.ways_read;
        const std::string hw = highway ? geo::to_text(feature.values[*highway]) : std::string();
        const std::string ac = access ? geo::to_text(feature.values[*access]) : std::string();
        const auto factor = line_factor(hw, ac, profile);
        if (!factor) {
            ++report.ways_excluded;
            continue;
        }
        bool used = false;
        for (const geo::LineString& line : std::get<geo::MultiLineString>(feature.geometry)) {
            if (line.size() < 2) continue;
            keys.assign(line.size(), 0);
            keys.front() = ends.key(line.front());
            keys.back() = ends.key(line.back());
            for (std::size_t i = 1; i + 1 < line.size(); ++i) keys[i] = interior++;
            double length = 0;
            for (std::size_t i = 1; i < line.size(); ++i)
                length += std::hypot(line[i].x - line[i - 1].x, line[i].y - line[i - 1].y);
            const auto duplicate_key = std::make_tuple(std::min(keys.front(), keys.back()),
                                                       std::max(keys.front(), keys.back()), std::llround(length * 10));
            if (!seen.insert(duplicate_key).second) {
                ++report.duplicates_dropped;
                continue;
            }
            builder.add_way(keys, std::span(line.data(), line.size()), *factor);
            used = true;
        }
        if (used) ++report.ways_used;
    }
    if (builder.way_count() == 0)
        throw geo::InputError(fmt::format("{}: holds no walkable line ({} read, {} excluded by their {} value)",
                                          path.string(), report.ways_read, report.ways_excluded,
                                          options.highway_field));
    return std::move(builder).build(layer.crs);
}

}  // namespace needmap::analysis::network
