// A whole feed: its files read in the order their references need.

#include "detail/gtfs_file.hpp"
#include "needmap/geo/error.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace needmap::analysis::transit {
namespace {

constexpr std::array<std::string_view, 4> kRequiredFiles = {"stops.txt", "routes.txt", "trips.txt", "stop_times.txt"};
constexpr std::array<std::string_view, 10> kReadFiles = {
    "agency.txt", "stops.txt",      "routes.txt",      "calendar.txt",  "calendar_dates.txt",
    "trips.txt",  "stop_times.txt", "frequencies.txt", "transfers.txt", "feed_info.txt"};

}  // namespace

std::size_t Feed::running_trip_count() const {
    return static_cast<std::size_t>(
        std::count_if(trips.begin(), trips.end(), [](const Trip& t) { return t.kind != TripKind::FrequencyTemplate; }));
}

std::optional<FeedStopIndex> Feed::find_stop(std::string_view id) const {
    for (std::size_t i = 0; i < stops.size(); ++i)
        if (stops[i].id == id) return FeedStopIndex(static_cast<std::uint32_t>(i));
    return std::nullopt;
}

std::optional<FeedTripIndex> Feed::find_trip(std::string_view id) const {
    for (std::size_t i = 0; i < trips.size(); ++i)
        if (trips[i].id == id) return FeedTripIndex(static_cast<std::uint32_t>(i));
    return std::nullopt;
}

Feed load_feed(const geo::FileSource& files, std::string feed_name) {
    detail::LoadContext context{files, {}, {}, {}, {}, {}, {}};
    context.feed.name = feed_name.empty() ? std::string("feed") : std::move(feed_name);
    context.feed.source = files.label();

    std::vector<std::string_view> missing;
    for (const auto name : kRequiredFiles)
        if (!files.contains(name)) missing.push_back(name);
    if (!missing.empty())
        throw geo::InputError(
            fmt::format("{}: has no {}, which every GTFS feed needs", context.where(), fmt::join(missing, ", ")));
    const bool has_calendar = files.contains("calendar.txt");
    const bool has_calendar_dates = files.contains("calendar_dates.txt");
    if (!has_calendar && !has_calendar_dates)
        throw geo::InputError(
            fmt::format("{}: has neither calendar.txt nor calendar_dates.txt; a feed needs one of "
                        "them to say on which days its trips run",
                        context.where()));

    detail::load_agency(context);
    detail::load_stops(context);
    detail::load_routes(context);
    detail::load_calendar(context, has_calendar);
    detail::load_calendar_dates(context, has_calendar_dates);
    detail::load_trips(context);
    detail::load_stop_times(context);
    detail::load_frequencies(context);
    detail::load_transfers(context);
    detail::load_feed_info(context);

    for (const auto& name : files.names())
        if (std::find(kReadFiles.begin(), kReadFiles.end(), name) == kReadFiles.end())
            context.feed.report.ignored_files.push_back(name);
    return std::move(context.feed);
}

Feed load_feed(const std::filesystem::path& path, std::string feed_name) {
    if (feed_name.empty()) {
        const std::filesystem::path named = path.has_filename() ? path : path.parent_path();
        feed_name = named.stem().string();
    }
    return load_feed(geo::FileSource::open(path), std::move(feed_name));
}

}  // namespace needmap::analysis::transit
