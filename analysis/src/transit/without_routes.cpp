#include "needmap/analysis/transit/timetable.hpp"

#include "detail/stop_routes.hpp"

#include <algorithm>

namespace needmap::analysis::transit {

std::vector<RouteId> routes_named(const Timetable& tt, std::string_view route) {
    std::vector<RouteId> out;
    for (std::uint32_t r = 0; r < tt.route_count(); ++r) {
        const std::string& id = tt.route_gtfs_ids[r];
        const bool bare = id.size() > route.size() && id.ends_with(route) && id[id.size() - route.size() - 1] == ':';
        if (id == route || bare) out.push_back(RouteId(r));
    }
    return out;
}

std::vector<RouteId> routes_of_feed(const Timetable& tt, std::string_view feed) {
    std::vector<RouteId> out;
    for (std::uint32_t r = 0; r < tt.route_count(); ++r) {
        const std::string& id = tt.route_gtfs_ids[r];
        if (id.size() > feed.size() && id.starts_with(feed) && id[feed.size()] == ':') out.push_back(RouteId(r));
    }
    return out;
}

Timetable without_routes(const Timetable& tt, std::span<const RouteId> routes) {
    std::vector<std::uint8_t> dropped(tt.route_count(), 0);
    for (const RouteId r : routes) dropped[r.value()] = 1;

    Timetable out;
    out.date = tt.date;
    out.stop_ids = tt.stop_ids;
    out.stop_names = tt.stop_names;
    out.stop_points = tt.stop_points;
    out.stop_station = tt.stop_station;
    out.station_ids = tt.station_ids;
    out.station_names = tt.station_names;
    out.station_points = tt.station_points;
    out.stop_transfer_first = tt.stop_transfer_first;
    out.stop_transfers = tt.stop_transfers;

    out.route_stop_first.assign(1, 0);
    out.route_trip_first.assign(1, 0);
    out.trip_first_event.assign(1, 0);
    for (std::uint32_t r = 0; r < tt.route_count(); ++r) {
        if (dropped[r]) continue;
        const auto kept = RouteId(static_cast<std::uint32_t>(out.route_count()));
        const auto stops = tt.stops_of(RouteId(r));
        const auto flags = tt.stop_flags_of(RouteId(r));
        out.route_stops.insert(out.route_stops.end(), stops.begin(), stops.end());
        out.route_stop_flags.insert(out.route_stop_flags.end(), flags.begin(), flags.end());
        out.route_stop_first.push_back(static_cast<std::uint32_t>(out.route_stops.size()));
        out.route_gtfs_ids.push_back(tt.route_gtfs_ids[r]);
        out.route_names.push_back(tt.route_names[r]);
        out.route_types.push_back(tt.route_types[r]);
        for (std::uint32_t t = tt.route_trip_first[r]; t < tt.route_trip_first[r + 1]; ++t) {
            out.trip_route.push_back(kept);
            out.trip_gtfs_ids.push_back(tt.trip_gtfs_ids[t]);
            out.trip_previous_day.push_back(tt.trip_previous_day[t]);
            const auto first = static_cast<std::ptrdiff_t>(tt.trip_first_event[t]);
            const auto last = static_cast<std::ptrdiff_t>(tt.trip_first_event[t + 1]);
            out.arrival.insert(out.arrival.end(), tt.arrival.begin() + first, tt.arrival.begin() + last);
            out.departure.insert(out.departure.end(), tt.departure.begin() + first, tt.departure.begin() + last);
            out.trip_first_event.push_back(static_cast<std::uint32_t>(out.arrival.size()));
        }
        out.route_trip_first.push_back(static_cast<std::uint32_t>(out.trip_route.size()));
    }
    detail::index_stop_routes(out);
    return out;
}

}  // namespace needmap::analysis::transit
