#include "detail/network_builder.hpp"
#include "needmap/analysis/network/loaders.hpp"
#include "needmap/geo/error.hpp"

#include <boost/geometry/algorithms/expand.hpp>
#include <fmt/format.h>
#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/visitor.hpp>

namespace needmap::analysis::network {
namespace {

using LocationIndex = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;

std::string_view tag(const osmium::TagList& tags, const char* key) {
    const char* v = tags.get_value_by_key(key);
    return v != nullptr ? std::string_view(v) : std::string_view();
}

/// Collects walkable ways as node ids and lon/lat, before projection.
class WayCollector : public osmium::handler::Handler {
public:
    explicit WayCollector(const WalkProfile& profile) : m_profile(profile) {}

    void way(const osmium::Way& way) {
        ++ways_read;
        const osmium::TagList& tags = way.tags();
        const WayTags wt{tag(tags, "highway"), tag(tags, "foot"), tag(tags, "access"), tag(tags, "railway"),
                         tag(tags, "public_transport")};
        if (wt.highway.empty() && wt.railway.empty() && wt.public_transport.empty()) return;  // not a way to walk
        const auto factor = walk_factor(wt, m_profile);
        if (!factor) {
            ++ways_excluded;
            return;
        }
        const std::size_t first = ids.size();
        for (const osmium::NodeRef& ref : way.nodes()) {
            if (!ref.location().valid()) {
                ++missing_nodes;
                continue;  // the extract cut the way; keep the part inside
            }
            ids.push_back(static_cast<std::uint64_t>(ref.positive_ref()));
            lon_lat.push_back({ref.location().lon(), ref.location().lat()});
        }
        if (ids.size() - first < 2) {
            ids.resize(first);
            lon_lat.resize(first);
            return;
        }
        ways.push_back({first, ids.size() - first, *factor});
    }

    struct Way {
        std::size_t first;
        std::size_t count;
        float factor;
    };
    std::vector<Way> ways;
    std::vector<std::uint64_t> ids;
    std::vector<geo::Point> lon_lat;
    std::size_t ways_read = 0;
    std::size_t ways_excluded = 0;
    std::size_t missing_nodes = 0;

private:
    const WalkProfile& m_profile;
};

}  // namespace

WalkNetwork load_osm_network(const std::filesystem::path& path, const WalkProfile& profile, NetworkReport& report,
                             const std::optional<geo::Crs>& crs) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw geo::InputError(fmt::format("{}: no such file", path.string()));
    report.source = path.string();
    report.openstreetmap = true;
    WayCollector collector(profile);
    try {
        osmium::io::Reader reader(path.string(), osmium::osm_entity_bits::node | osmium::osm_entity_bits::way,
                                  osmium::io::read_meta::no);
        LocationIndex index;
        osmium::handler::NodeLocationsForWays<LocationIndex> locations(index);
        locations.ignore_errors();  // ways leaving a clipped extract have nodes without locations
        osmium::apply(reader, locations, collector);
        reader.close();
    } catch (const std::exception& e) {
        throw geo::InputError(
            fmt::format("{}: cannot be read as OpenStreetMap data ({}); is it a complete .osm.pbf "
                        "or .osm file?",
                        path.string(), e.what()));
    }
    report.ways_read = collector.ways_read;
    report.ways_used = collector.ways.size();
    report.ways_excluded = collector.ways_excluded;
    report.missing_nodes = collector.missing_nodes;
    if (collector.ways.empty())
        throw geo::InputError(
            fmt::format("{}: holds no walkable way ({} ways read); is it an extract of the right "
                        "area?",
                        path.string(), collector.ways_read));
    if (collector.missing_nodes > 0)
        report.notes.push_back(
            fmt::format("{} way nodes lie outside the extract and were left out", collector.missing_nodes));

    // Project every vertex into the metric CRS.
    geo::Crs metric;
    if (crs) {
        metric = *crs;
        report.crs_reason = metric.label() + " (given)";
    } else {
        geo::Box box(collector.lon_lat.front(), collector.lon_lat.front());
        for (const auto& p : collector.lon_lat) boost::geometry::expand(box, p);
        const geo::Point centre{(box.min_corner().x + box.max_corner().x) / 2,
                                (box.min_corner().y + box.max_corner().y) / 2};
        const geo::MetricCrsChoice choice = geo::choose_metric_crs(centre);
        metric = choice.crs;
        report.crs_reason = choice.reason;
    }
    std::vector<geo::Point> points = std::move(collector.lon_lat);
    geo::Transformer(geo::wgs84(), metric).transform(points);

    detail::NetworkBuilder builder;
    for (const auto& w : collector.ways)
        builder.add_way(std::span(collector.ids).subspan(w.first, w.count), std::span(points).subspan(w.first, w.count),
                        w.factor);
    return std::move(builder).build(metric);
}

}  // namespace needmap::analysis::network
