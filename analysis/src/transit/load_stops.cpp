// stops.txt: stops, stations and their positions.

#include "detail/gtfs_file.hpp"

#include <fmt/format.h>

namespace needmap::analysis::transit::detail {

void load_stops(LoadContext& context) {
    auto file = GtfsFile::open(context, "stops.txt", /*required=*/true);
    const std::size_t id = file->require("stop_id");
    const std::size_t lat = file->require("stop_lat");
    const std::size_t lon = file->require("stop_lon");
    const std::size_t name = file->column("stop_name");
    const std::size_t location_type = file->column("location_type");
    const std::size_t parent = file->column("parent_station");

    struct ParentRef {
        std::uint32_t stop;
        std::string parent;
        std::size_t line;
    };
    std::vector<ParentRef> parents;
    auto& stops = context.feed.stops;
    while (file->next()) {
        const std::string_view stop_id = (*file)[id];
        if (stop_id.empty()) {
            file->skip("stop_id is blank");
            continue;
        }
        if (context.stop_index.contains(stop_id)) {
            file->skip(fmt::format("stop_id \"{}\" appears a second time", stop_id));
            continue;
        }
        Stop stop;
        stop.id = stop_id;
        stop.name = (*file)[name];
        const std::string_view type_text = (*file)[location_type];
        if (!type_text.empty()) {
            const auto type = parse_uint(type_text);
            if (!type || *type > 4) {
                file->skip(fmt::format("location_type \"{}\" is not 0 to 4", type_text));
                continue;
            }
            stop.location_type = static_cast<LocationType>(*type);
        }
        // Coordinates are optional only for generic nodes and boarding areas.
        const bool needs_position = stop.location_type == LocationType::Stop ||
                                    stop.location_type == LocationType::Station ||
                                    stop.location_type == LocationType::Entrance;
        const std::string_view lat_text = (*file)[lat];
        const std::string_view lon_text = (*file)[lon];
        if (needs_position || !lat_text.empty() || !lon_text.empty()) {
            const auto y = parse_double(lat_text);
            const auto x = parse_double(lon_text);
            if (!y || !x || *y < -90 || *y > 90 || *x < -180 || *x > 180) {
                file->skip(
                    fmt::format("stop \"{}\": stop_lat \"{}\", stop_lon \"{}\" are not degrees of latitude "
                                "and longitude",
                                stop_id, lat_text, lon_text));
                continue;
            }
            if (*x == 0 && *y == 0) {
                file->skip(fmt::format("stop \"{}\" is at 0,0, a placeholder for a missing position", stop_id));
                continue;
            }
            stop.lon_lat = geo::Point{*x, *y};
        }
        const auto index = static_cast<std::uint32_t>(stops.size());
        if (const std::string_view p = (*file)[parent]; !p.empty())
            parents.push_back({index, std::string(p), file->line()});
        context.stop_index.emplace(stop.id, index);
        stops.push_back(std::move(stop));
    }

    // Parents may come after their children in the file.
    for (const auto& ref : parents) {
        const auto parent_index = find_id(context.stop_index, ref.parent);
        Stop& stop = stops[ref.stop];
        if (!parent_index || stops[*parent_index].location_type != LocationType::Station) {
            file->report().repaired.add(fmt::format(
                "stops.txt line {}: parent_station \"{}\" of stop \"{}\" is {}; the stop "
                "is kept without it",
                ref.line, ref.parent, stop.id, parent_index ? "not a station (location_type 1)" : "not in stops.txt"));
            continue;
        }
        stop.parent_station = FeedStopIndex(*parent_index);
    }
}

}  // namespace needmap::analysis::transit::detail
