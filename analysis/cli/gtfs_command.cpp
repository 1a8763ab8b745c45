// `needmap gtfs FEED... [--date YYYY-MM-DD]`: what needmap reads from GTFS feeds, and which of
// their trips run on a day.

#include "commands.hpp"
#include "needmap/analysis/transit/transit.hpp"
#include "needmap/geo/error.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <memory>
#include <vector>

namespace needmap::cli {
namespace {

using namespace needmap::analysis::transit;

void print_problems(const Problems& problems) {
    for (const auto& m : problems.first) fmt::print("                {}\n", m);
    if (problems.count > problems.first.size())
        fmt::print("                ... and {} more\n", problems.count - problems.first.size());
}

void describe(const Feed& feed) {
    const LoadReport& r = feed.report;
    fmt::print("{}  {}\n", feed.name, feed.source);
    for (const Agency& a : feed.agencies) fmt::print("  agency        {}\n", a.name);
    std::size_t stops = 0;
    std::size_t stations = 0;
    for (const Stop& s : feed.stops) {
        stops += s.location_type == LocationType::Stop ? 1 : 0;
        stations += s.location_type == LocationType::Station ? 1 : 0;
    }
    fmt::print("  stops         {} ({} rows of stops.txt: {} stations, {} entrances and other nodes)\n", stops,
               feed.stops.size(), stations, feed.stops.size() - stops - stations);
    fmt::print("  routes        {}\n", feed.routes.size());
    std::size_t template_rows = 0;
    for (const Trip& t : feed.trips)
        if (t.kind == TripKind::FrequencyTemplate) template_rows += t.stop_time_count;
    fmt::print("  trips         {} ({} made from frequencies: {} exact, {} headway-based)\n", feed.running_trip_count(),
               r.frequency_exact_trips + r.frequency_headway_trips, r.frequency_exact_trips, r.frequency_headway_trips);
    fmt::print("  stop times    {} ({} interpolated)\n", feed.stop_times.size() - template_rows, r.interpolated_times);
    const ServiceCalendar calendar(feed);
    fmt::print("  calendar      {}, service ids: {}\n", calendar.range() ? calendar.range()->to_string() : "no days",
               feed.services.size());
    if (feed.feed_info && (feed.feed_info->start || feed.feed_info->end))
        fmt::print("  feed_info     {} to {}\n", feed.feed_info->start ? feed.feed_info->start->to_string() : "?",
                   feed.feed_info->end ? feed.feed_info->end->to_string() : "?");
    std::vector<std::string> skipped;
    for (const FileReport& f : r.files)
        if (f.skipped.count > 0) skipped.push_back(fmt::format("{} {}", f.file, f.skipped.count));
    fmt::print("  skipped rows  {}\n",
               skipped.empty() ? std::string("none") : fmt::format("{}", fmt::join(skipped, ", ")));
    for (const FileReport& f : r.files) print_problems(f.skipped);
    if (r.dropped_trips.count > 0) {
        fmt::print("  dropped trips {}\n", r.dropped_trips.count);
        print_problems(r.dropped_trips);
    }
    std::size_t repaired = 0;
    for (const FileReport& f : r.files) repaired += f.repaired.count;
    if (repaired > 0) {
        fmt::print("  repaired rows {}\n", repaired);
        for (const FileReport& f : r.files) print_problems(f.repaired);
    }
    if (!r.ignored_files.empty()) fmt::print("  not used      {}\n", fmt::join(r.ignored_files, ", "));
}

void describe_day(const Timetable& tt, const DayReport& day) {
    fmt::print("{} ({})\n", day.date.to_string(), to_string(day.date.weekday()));
    std::size_t width = 13;
    for (const FeedDay& f : day.feeds) width = std::max(width, f.feed.size());
    for (const FeedDay& f : day.feeds)
        fmt::print("  {:<{}} {} of {} services running, {} trips (and {} of the day before, after midnight)\n", f.feed,
                   width, f.services_active, f.services, f.trips, f.trips_from_previous_day);
    fmt::print("  {:<{}} {} stops, {} routes (trips with one stop sequence), {} trips\n", "timetable", width,
               tt.stop_count(), tt.route_count(), tt.trip_count());
}

}  // namespace

void add_gtfs_command(CLI::App& app, const Common& common) {
    struct Options {
        std::vector<std::string> feeds;
        std::string date;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("gtfs",
                                       "Show what needmap reads from GTFS / GTFS-JP feeds: counts, calendar, "
                                       "skipped rows; with --date, the trips running that day");
    cmd->add_option("feeds", options->feeds, "GTFS feeds: zip files or folders")->required();
    cmd->add_option("--date", options->date, "Service day, YYYY-MM-DD: show the services and trips running then");
    cmd->callback([options, &common] {
        std::optional<Date> date;
        if (!options->date.empty()) {
            date = parse_iso_date(options->date);
            if (!date) throw geo::InputError(fmt::format("--date \"{}\" is not a date as YYYY-MM-DD", options->date));
        }
        std::vector<Feed> feeds;
        for (const auto& path : options->feeds) {
            note(common, fmt::format("reading {}", path));
            feeds.push_back(load_feed(path));
            describe(feeds.back());
        }
        if (!date) return;
        DayReport day;
        const Timetable tt = build_timetable(feeds, *date, DayOptions{}, day);
        describe_day(tt, day);
        // Printed even with --quiet: a date on which no bus runs makes every later result wrong.
        for (const auto& w : day.warnings) fmt::print(stderr, "WARNING: {}\n", w);
    });
}

}  // namespace needmap::cli
