// What a day timetable holds per feed, and the warnings about badly chosen dates.

#include "detail/day_report.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace needmap::analysis::transit::detail {
namespace {

std::string with_weekday(Date d) {
    return fmt::format("{} ({})", d.to_string(), to_string(d.weekday()));
}

}  // namespace

FeedDay describe_day(const Feed& feed, const ServiceCalendar& calendar, Date date, const std::vector<bool>& active) {
    FeedDay day;
    day.feed = feed.name;
    day.calendar = calendar.range();
    if (feed.feed_info && feed.feed_info->start && feed.feed_info->end)
        day.feed_info = DateRange{*feed.feed_info->start, *feed.feed_info->end};
    day.services = feed.services.size();
    day.services_active = static_cast<std::size_t>(std::count(active.begin(), active.end(), true));
    if (const auto busiest = calendar.busiest_day_near(date, DayOptions::kBusiestDayRadius)) {
        day.busiest_day = busiest->date;
        day.busiest_day_trips = busiest->trips;
    }
    return day;
}

std::optional<std::string> day_warning(const FeedDay& day, const ServiceCalendar& calendar, Date date,
                                       const DayOptions& options) {
    const std::string feed = fmt::format("feed \"{}\"", day.feed);
    if (!day.calendar) return fmt::format("{} has no service days at all: its calendar is empty", feed);
    if (!day.calendar->contains(date)) {
        const Date nearest = std::clamp(date, day.calendar->first, day.calendar->last);
        const auto busiest = calendar.busiest_day_near(nearest, DayOptions::kBusiestDayRadius);
        return fmt::format("{} runs no trip on {}: the date is outside its calendar, {}. Choose a date inside it{}",
                           feed, with_weekday(date), day.calendar->to_string(),
                           busiest
                               ? fmt::format(", such as {} with {} trips", with_weekday(busiest->date), busiest->trips)
                               : std::string());
    }
    const std::string busiest =
        day.busiest_day ? fmt::format("{} with {} trips", with_weekday(*day.busiest_day), day.busiest_day_trips) : "";
    if (day.trips == 0)
        return fmt::format("{} runs no trip on {}{}", feed, with_weekday(date),
                           day.busiest_day ? fmt::format("; its busiest day within a year is {}", busiest)
                                           : std::string("; it runs no trip on any day within a year"));
    if (static_cast<double>(day.trips) < options.few_trips_share * static_cast<double>(day.busiest_day_trips))
        return fmt::format(
            "{} runs only {} trips on {}, fewer than {:.0f}% of its busiest day within a year, {}. Is "
            "that the day you meant?",
            feed, day.trips, with_weekday(date), options.few_trips_share * 100, busiest);
    if (day.feed_info && !day.feed_info->contains(date))
        return fmt::format(
            "{}: {} is outside the dates its feed_info.txt gives for it, {}; its timetable may not "
            "hold that day",
            feed, with_weekday(date), day.feed_info->to_string());
    return std::nullopt;
}

}  // namespace needmap::analysis::transit::detail
