// routes.txt: the lines passengers know, by name and mode.

#include "detail/gtfs_file.hpp"

#include <fmt/format.h>

namespace needmap::analysis::transit::detail {

void load_routes(LoadContext& context) {
    auto file = GtfsFile::open(context, "routes.txt", /*required=*/true);
    const std::size_t id = file->require("route_id");
    const std::size_t agency = file->column("agency_id");
    const std::size_t short_name = file->column("route_short_name");
    const std::size_t long_name = file->column("route_long_name");
    const std::size_t type = file->column("route_type");
    while (file->next()) {
        const std::string_view route_id = (*file)[id];
        if (route_id.empty()) {
            file->skip("route_id is blank");
            continue;
        }
        if (context.route_index.contains(route_id)) {
            file->skip(fmt::format("route_id \"{}\" appears a second time", route_id));
            continue;
        }
        Route route;
        route.id = route_id;
        route.agency_id = (*file)[agency];
        route.short_name = (*file)[short_name];
        route.long_name = (*file)[long_name];
        if (const std::string_view t = (*file)[type]; !t.empty()) {
            const auto value = parse_uint(t);
            if (!value) {
                file->skip(fmt::format("route \"{}\": route_type \"{}\" is not a number", route_id, t));
                continue;
            }
            route.type = static_cast<int>(*value);
        }
        context.route_index.emplace(route.id, static_cast<std::uint32_t>(context.feed.routes.size()));
        context.feed.routes.push_back(std::move(route));
    }
}

}  // namespace needmap::analysis::transit::detail
