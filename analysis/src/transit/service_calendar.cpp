#include "needmap/analysis/transit/service_calendar.hpp"

#include <algorithm>
#include <cstdlib>

namespace needmap::analysis::transit {
namespace {

void widen(std::optional<DateRange>& range, Date first, Date last) {
    if (!range) {
        range = DateRange{first, last};
        return;
    }
    range->first = std::min(range->first, first);
    range->last = std::max(range->last, last);
}

}  // namespace

ServiceCalendar::ServiceCalendar(const Feed& feed)
    : m_patterns(feed.services.size()), m_exceptions(feed.calendar_dates), m_trips(feed.services.size(), 0) {
    for (const CalendarEntry& c : feed.calendar) {
        m_patterns[c.service.value()] = {c.weekdays, c.start, c.end, true};
        widen(m_range, c.start, c.end);
    }
    // Stable: when a day is listed twice for a service, the later row wins, as it would in order.
    std::stable_sort(m_exceptions.begin(), m_exceptions.end(),
                     [](const CalendarDate& a, const CalendarDate& b) { return a.date < b.date; });
    for (const CalendarDate& e : m_exceptions)
        if (e.type == ExceptionType::Added) widen(m_range, e.date, e.date);
    for (const Trip& t : feed.trips)
        if (t.kind != TripKind::FrequencyTemplate) ++m_trips[t.service.value()];
}

bool ServiceCalendar::is_active(ServiceIndex service, Date date) const {
    const Pattern& p = m_patterns[service.value()];
    bool active = p.present && p.start <= date && date <= p.end && p.weekdays[static_cast<std::size_t>(date.weekday())];
    const auto [lo, hi] =
        std::equal_range(m_exceptions.begin(), m_exceptions.end(), CalendarDate{service, date, {}},
                         [](const CalendarDate& a, const CalendarDate& b) { return a.date < b.date; });
    for (auto it = lo; it != hi; ++it)
        if (it->service == service) active = it->type == ExceptionType::Added;
    return active;
}

std::vector<bool> ServiceCalendar::active_services(Date date) const {
    std::vector<bool> active(m_patterns.size(), false);
    const auto weekday = static_cast<std::size_t>(date.weekday());
    for (std::size_t s = 0; s < m_patterns.size(); ++s) {
        const Pattern& p = m_patterns[s];
        active[s] = p.present && p.start <= date && date <= p.end && p.weekdays[weekday];
    }
    const auto [lo, hi] =
        std::equal_range(m_exceptions.begin(), m_exceptions.end(), CalendarDate{{}, date, {}},
                         [](const CalendarDate& a, const CalendarDate& b) { return a.date < b.date; });
    for (auto it = lo; it != hi; ++it) active[it->service.value()] = it->type == ExceptionType::Added;
    return active;
}

std::size_t ServiceCalendar::trips_on(Date date) const {
    const std::vector<bool> active = active_services(date);
    std::size_t n = 0;
    for (std::size_t s = 0; s < active.size(); ++s)
        if (active[s]) n += m_trips[s];
    return n;
}

std::optional<ServiceCalendar::Busiest> ServiceCalendar::busiest_day_near(Date date, int radius_days) const {
    if (!m_range) return std::nullopt;
    const Date first = std::max(m_range->first, date - radius_days);
    const Date last = std::min(m_range->last, date + radius_days);
    std::optional<Busiest> best;
    for (Date d = first; d <= last; d = d + 1) {
        const std::size_t n = trips_on(d);
        const bool nearer = best && n == best->trips && std::abs(d - date) < std::abs(best->date - date);
        if (n > 0 && (!best || n > best->trips || nearer)) best = Busiest{d, n};
    }
    return best;
}

}  // namespace needmap::analysis::transit
