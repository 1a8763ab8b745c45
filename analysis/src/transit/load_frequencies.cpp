// frequencies.txt: trips that repeat every so many seconds, expanded to one trip per departure.

#include "detail/gtfs_file.hpp"

#include <fmt/format.h>

namespace needmap::analysis::transit::detail {

void load_frequencies(LoadContext& context) {
    auto file = GtfsFile::open(context, "frequencies.txt", /*required=*/false);
    if (!file) return;
    const std::size_t trip_column = file->require("trip_id");
    const std::size_t start_column = file->require("start_time");
    const std::size_t end_column = file->require("end_time");
    const std::size_t headway_column = file->require("headway_secs");
    const std::size_t exact_column = file->column("exact_times");
    Feed& feed = context.feed;
    while (file->next()) {
        const std::string_view trip_id = (*file)[trip_column];
        const auto trip = find_id(context.trip_index, trip_id);
        if (!trip) {
            file->skip(context.dropped_trip_index.contains(trip_id)
                           ? fmt::format("trip \"{}\" was left out for its stop times (see dropped trips)", trip_id)
                           : fmt::format("trip_id \"{}\" is not in trips.txt", trip_id));
            continue;
        }
        const auto start = parse_gtfs_time((*file)[start_column]);
        const auto end = parse_gtfs_time((*file)[end_column]);
        if (!start || !end) {
            file->skip(fmt::format("{} \"{}\" is not HH:MM:SS", start ? "end_time" : "start_time",
                                   (*file)[start ? end_column : start_column]));
            continue;
        }
        if (*end <= *start) {
            file->skip(
                fmt::format("end_time {} is not after start_time {}", (*file)[end_column], (*file)[start_column]));
            continue;
        }
        const auto headway = parse_uint((*file)[headway_column]);
        if (!headway || *headway == 0) {
            file->skip(fmt::format("headway_secs \"{}\" is not a positive number of seconds", (*file)[headway_column]));
            continue;
        }
        const std::string_view exact = (*file)[exact_column];
        if (!exact.empty() && exact != "0" && exact != "1") {
            file->skip(fmt::format("exact_times \"{}\" is not 0 or 1", exact));
            continue;
        }
        feed.frequencies.push_back(
            {FeedTripIndex(*trip), *start, *end, Seconds(static_cast<std::int32_t>(*headway)), exact == "1"});
    }

    // One trip per departure: the template's times, shifted so that it leaves its first stop then.
    std::vector<StopTime> rows;
    for (const Frequency& f : feed.frequencies) {
        feed.trips[f.trip.value()].kind = TripKind::FrequencyTemplate;
        const Trip template_trip = feed.trips[f.trip.value()];
        const auto template_rows = feed.stop_times_of(template_trip);
        rows.assign(template_rows.begin(), template_rows.end());
        const Seconds first_departure = rows.front().departure;
        for (Seconds t = f.start; t < f.end; t += f.headway) {
            Trip copy = template_trip;
            copy.id = fmt::format("{}@{}", template_trip.id, format_gtfs_time(t));
            copy.kind = f.exact_times ? TripKind::FrequencyExact : TripKind::FrequencyHeadway;
            copy.first_stop_time = static_cast<std::uint32_t>(feed.stop_times.size());
            for (StopTime st : rows) {
                st.arrival += t - first_departure;
                st.departure += t - first_departure;
                feed.stop_times.push_back(st);
            }
            feed.trips.push_back(std::move(copy));
            ++(f.exact_times ? feed.report.frequency_exact_trips : feed.report.frequency_headway_trips);
        }
    }
}

}  // namespace needmap::analysis::transit::detail
