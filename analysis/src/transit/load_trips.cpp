// trips.txt: each vehicle journey, its route and the service (days) it runs on.

#include "detail/gtfs_file.hpp"

#include <fmt/format.h>

namespace needmap::analysis::transit::detail {

void load_trips(LoadContext& context) {
    auto file = GtfsFile::open(context, "trips.txt", /*required=*/true);
    const std::size_t id = file->require("trip_id");
    const std::size_t route = file->require("route_id");
    const std::size_t service = file->require("service_id");
    const std::size_t headsign = file->column("trip_headsign");
    const std::size_t shape = file->column("shape_id");
    while (file->next()) {
        const std::string_view trip_id = (*file)[id];
        if (trip_id.empty()) {
            file->skip("trip_id is blank");
            continue;
        }
        if (context.trip_index.contains(trip_id)) {
            file->skip(fmt::format("trip_id \"{}\" appears a second time", trip_id));
            continue;
        }
        const auto route_index = find_id(context.route_index, (*file)[route]);
        if (!route_index) {
            file->skip(fmt::format("trip \"{}\": route_id \"{}\" is not in routes.txt", trip_id, (*file)[route]));
            continue;
        }
        const auto service_index = find_id(context.service_index, (*file)[service]);
        if (!service_index) {
            file->skip(fmt::format("trip \"{}\": service_id \"{}\" is in neither calendar.txt nor calendar_dates.txt",
                                   trip_id, (*file)[service]));
            continue;
        }
        Trip trip;
        trip.id = trip_id;
        trip.route = FeedRouteIndex(*route_index);
        trip.service = ServiceIndex(*service_index);
        trip.headsign = (*file)[headsign];
        trip.shape_id = (*file)[shape];
        context.trip_index.emplace(trip.id, static_cast<std::uint32_t>(context.feed.trips.size()));
        context.feed.trips.push_back(std::move(trip));
    }
}

}  // namespace needmap::analysis::transit::detail
