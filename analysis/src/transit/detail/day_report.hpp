#pragma once

#include "needmap/analysis/transit/service_calendar.hpp"
#include "needmap/analysis/transit/timetable.hpp"

#include <optional>
#include <string>

namespace needmap::analysis::transit::detail {

/// The feed's calendar facts for `date`; trips counts are left for the caller to fill.
FeedDay describe_day(const Feed& feed, const ServiceCalendar& calendar, Date date, const std::vector<bool>& active);

/// The one warning a user should read about this feed on `date`, or nothing (see DayReport::warnings).
std::optional<std::string> day_warning(const FeedDay& day, const ServiceCalendar& calendar, Date date,
                                       const DayOptions& options);

}  // namespace needmap::analysis::transit::detail
