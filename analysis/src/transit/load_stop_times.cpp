// stop_times.txt: when each trip is at each of its stops. The biggest file of a feed (Porto
// Alegre's has 130,000 rows), so fields are read as views and times parsed by hand.

#include "detail/gtfs_file.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace needmap::analysis::transit::detail {
namespace {

struct Row {
    std::uint32_t trip;
    std::uint32_t line;
    StopTime stop_time;
};

std::optional<PickDrop> parse_pick_drop(std::string_view text) {
    if (text.empty()) return PickDrop::Regular;
    const auto value = parse_uint(text);
    if (!value || *value > 3) return std::nullopt;
    return static_cast<PickDrop>(*value);
}

/// Reads every row that can be read into `rows`, skipping (and reporting) the others.
void read_rows(LoadContext& context, GtfsFile& file, std::vector<Row>& rows) {
    const std::size_t trip_column = file.require("trip_id");
    const std::size_t arrival_column = file.require("arrival_time");
    const std::size_t departure_column = file.require("departure_time");
    const std::size_t stop_column = file.require("stop_id");
    const std::size_t sequence_column = file.require("stop_sequence");
    const std::size_t pickup_column = file.column("pickup_type");
    const std::size_t drop_off_column = file.column("drop_off_type");
    const std::size_t shape_dist_column = file.column("shape_dist_traveled");

    // Rows of a trip usually come together: remember the last trip looked up.
    std::string last_trip_id;
    std::optional<std::uint32_t> last_trip;
    const auto& stops = context.feed.stops;
    while (file.next()) {
        const std::string_view trip_id = file[trip_column];
        if (trip_id != last_trip_id || last_trip_id.empty()) {
            last_trip_id.assign(trip_id);
            last_trip = find_id(context.trip_index, trip_id);
        }
        if (!last_trip) {
            file.skip(fmt::format("trip_id \"{}\" is not in trips.txt", trip_id));
            continue;
        }
        const std::string_view stop_id = file[stop_column];
        const auto stop = find_id(context.stop_index, stop_id);
        if (!stop) {
            file.skip(fmt::format("stop_id \"{}\" is not in stops.txt", stop_id));
            continue;
        }
        if (stops[*stop].location_type != LocationType::Stop) {
            file.skip(
                fmt::format("stop_id \"{}\" is a station, entrance or node (location_type {}); trips stop at "
                            "stops (location_type 0)",
                            stop_id, static_cast<int>(stops[*stop].location_type)));
            continue;
        }
        const std::string_view sequence_text = file[sequence_column];
        const auto sequence = parse_uint(sequence_text);
        if (!sequence) {
            file.skip(fmt::format("stop_sequence \"{}\" is not a whole number", sequence_text));
            continue;
        }
        const std::string_view arrival_text = file[arrival_column];
        const std::string_view departure_text = file[departure_column];
        std::optional<Seconds> arrival;
        std::optional<Seconds> departure;
        if (!arrival_text.empty() && !(arrival = parse_gtfs_time(arrival_text))) {
            file.skip(fmt::format("arrival_time \"{}\" is not HH:MM:SS", arrival_text));
            continue;
        }
        if (!departure_text.empty() && !(departure = parse_gtfs_time(departure_text))) {
            file.skip(fmt::format("departure_time \"{}\" is not HH:MM:SS", departure_text));
            continue;
        }
        if (arrival && departure && *departure < *arrival) {
            file.skip(fmt::format("departure_time {} is before arrival_time {}", departure_text, arrival_text));
            continue;
        }
        if (arrival.has_value() != departure.has_value()) {
            file.repair(fmt::format("{} is blank; taken to equal {}", arrival ? "departure_time" : "arrival_time",
                                    arrival ? "arrival_time" : "departure_time"));
            if (!arrival) arrival = departure;
            if (!departure) departure = arrival;
        }
        const auto pickup = parse_pick_drop(file[pickup_column]);
        const auto drop_off = parse_pick_drop(file[drop_off_column]);
        if (!pickup || !drop_off) {
            file.skip(fmt::format("{} \"{}\" is not 0 to 3", pickup ? "drop_off_type" : "pickup_type",
                                  file[pickup ? drop_off_column : pickup_column]));
            continue;
        }
        Row row{*last_trip, static_cast<std::uint32_t>(file.line()), StopTime{}};
        StopTime& st = row.stop_time;
        st.stop = FeedStopIndex(*stop);
        st.stop_sequence = *sequence;
        st.arrival = arrival.value_or(Seconds(0));
        st.departure = departure.value_or(Seconds(0));
        st.interpolated = !arrival;
        st.pickup = *pickup;
        st.drop_off = *drop_off;
        if (const std::string_view d = file[shape_dist_column]; !d.empty()) {
            st.shape_dist_traveled = parse_double(d);
            if (!st.shape_dist_traveled)
                file.repair(fmt::format("shape_dist_traveled \"{}\" is not a number; left out", d));
        }
        rows.push_back(row);
    }
}

/// Why a trip's rows (in stop_sequence order, interpolated) cannot be used, or nothing.
std::optional<std::string> check_times(const Trip& trip, std::span<const StopTime> rows,
                                       std::span<const std::uint32_t> lines) {
    for (std::size_t i = 1; i < rows.size(); ++i)
        if (rows[i].arrival < rows[i - 1].departure)
            return fmt::format(
                "stop_times.txt line {}: trip \"{}\" arrives at {}, before it left the stop before at {}", lines[i],
                trip.id, format_gtfs_time(rows[i].arrival), format_gtfs_time(rows[i - 1].departure));
    return std::nullopt;
}

}  // namespace

void load_stop_times(LoadContext& context) {
    auto file = GtfsFile::open(context, "stop_times.txt", /*required=*/true);
    std::vector<Row> rows;
    read_rows(context, *file, rows);
    FileReport& report = file->report();
    Feed& feed = context.feed;

    // Group the rows by trip, keeping file order within each trip (a counting sort).
    const std::size_t trip_count = feed.trips.size();
    std::vector<std::uint32_t> first(trip_count + 1, 0);
    for (const Row& r : rows) ++first[r.trip + 1];
    for (std::size_t t = 0; t < trip_count; ++t) first[t + 1] += first[t];
    std::vector<std::uint32_t> order(rows.size());
    {
        std::vector<std::uint32_t> next(first.begin(), first.end() - 1);
        for (std::uint32_t i = 0; i < rows.size(); ++i) order[next[rows[i].trip]++] = i;
    }

    feed.stop_times.reserve(rows.size());
    std::vector<Trip> kept;
    kept.reserve(trip_count);
    std::vector<StopTime> trip_rows;
    std::vector<std::uint32_t> trip_lines;
    std::vector<std::uint32_t> by_sequence;
    for (std::size_t t = 0; t < trip_count; ++t) {
        Trip& trip = feed.trips[t];
        by_sequence.assign(order.begin() + first[t], order.begin() + first[t + 1]);
        std::stable_sort(by_sequence.begin(), by_sequence.end(), [&](std::uint32_t a, std::uint32_t b) {
            return rows[a].stop_time.stop_sequence < rows[b].stop_time.stop_sequence;
        });
        trip_rows.clear();
        trip_lines.clear();
        for (const std::uint32_t i : by_sequence) {
            if (!trip_rows.empty() && trip_rows.back().stop_sequence == rows[i].stop_time.stop_sequence) {
                report.skipped.add(fmt::format("stop_times.txt line {}: trip \"{}\" has stop_sequence {} twice",
                                               rows[i].line, trip.id, rows[i].stop_time.stop_sequence));
                continue;
            }
            trip_rows.push_back(rows[i].stop_time);
            trip_lines.push_back(rows[i].line);
        }

        std::optional<std::string> why;
        if (trip_rows.size() < 2) {
            why = fmt::format("trip \"{}\" has {} usable row{} in stop_times.txt; a trip needs two", trip.id,
                              trip_rows.size(), trip_rows.size() == 1 ? "" : "s");
        } else if (trip_rows.front().interpolated || trip_rows.back().interpolated) {
            const bool at_first = trip_rows.front().interpolated;
            why = fmt::format("stop_times.txt line {}: trip \"{}\" has no time at its {} stop",
                              at_first ? trip_lines.front() : trip_lines.back(), trip.id, at_first ? "first" : "last");
        } else {
            const std::size_t filled = interpolate_trip(trip_rows, feed.stops);
            why = check_times(trip, trip_rows, trip_lines);
            if (!why) feed.report.interpolated_times += filled;
        }
        if (why) {
            feed.report.dropped_trips.add(*why + "; trip left out");
            context.dropped_trip_index.emplace(std::move(trip.id), 0);
            continue;
        }
        trip.first_stop_time = static_cast<std::uint32_t>(feed.stop_times.size());
        trip.stop_time_count = static_cast<std::uint32_t>(trip_rows.size());
        feed.stop_times.insert(feed.stop_times.end(), trip_rows.begin(), trip_rows.end());
        kept.push_back(std::move(trip));
    }
    feed.trips = std::move(kept);
    context.trip_index.clear();
    for (std::uint32_t t = 0; t < feed.trips.size(); ++t) context.trip_index.emplace(feed.trips[t].id, t);
}

}  // namespace needmap::analysis::transit::detail
