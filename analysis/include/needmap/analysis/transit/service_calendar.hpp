#pragma once

// Which services of a feed run on a given day: calendar.txt weekdays within its dates, then
// calendar_dates.txt exceptions (1 adds the day, 2 removes it).

#include "needmap/analysis/transit/date.hpp"
#include "needmap/analysis/transit/feed.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <vector>

namespace needmap::analysis::transit {

/// A feed's calendar, ready for questions about dates. Holds no reference to the feed.
class ServiceCalendar {
public:
    explicit ServiceCalendar(const Feed& feed);

    /// Whether the service runs on `date`.
    [[nodiscard]] bool is_active(ServiceIndex service, Date date) const;
    /// Flags by ServiceIndex value: true for the services that run on `date`.
    [[nodiscard]] std::vector<bool> active_services(Date date) const;
    /// Trips that run on `date` (frequency copies counted, templates not), by their own service
    /// day; trips of the day before that run past midnight are not counted.
    [[nodiscard]] std::size_t trips_on(Date date) const;

    /// From the earliest start_date or added date to the latest end_date or added date, or
    /// nothing when the feed has no calendar rows and no added dates. Days removed by exceptions
    /// at either end do not shrink it.
    [[nodiscard]] const std::optional<DateRange>& range() const { return m_range; }

    /// The day with the most trips within `radius_days` of `date` (both ways, and within range()),
    /// the nearest to `date` of equals (the earlier of two as near); nothing when no trip runs on any of those days.
    struct Busiest {
        Date date;
        std::size_t trips = 0;
    };
    [[nodiscard]] std::optional<Busiest> busiest_day_near(Date date, int radius_days) const;

private:
    struct Pattern {
        std::array<bool, 7> weekdays{};
        Date start;
        Date end;
        bool present = false;
    };
    std::vector<Pattern> m_patterns;         ///< by ServiceIndex value
    std::vector<CalendarDate> m_exceptions;  ///< sorted by date
    std::vector<std::size_t> m_trips;        ///< running trips by ServiceIndex value
    std::optional<DateRange> m_range;
};

}  // namespace needmap::analysis::transit
