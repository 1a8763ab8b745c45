#pragma once

// Calendar dates of GTFS service days and times of day within them.

#include "needmap/geo/strong.hpp"

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace needmap::analysis::transit {

enum class Weekday : std::uint8_t { Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday };

/// "Monday" ... "Sunday".
[[nodiscard]] std::string_view to_string(Weekday day);

/// A day of the proleptic Gregorian calendar between the years 1 and 9999, held as a count of days
/// since 1970-01-01. It has no time zone: a GTFS service day is a date in the agency's local time.
class Date {
public:
    /// 1970-01-01.
    constexpr Date() = default;

    /// The date, or nothing when it does not exist (2019-02-29, month 13, year 0).
    [[nodiscard]] static std::optional<Date> from_ymd(int year, int month, int day);
    [[nodiscard]] static constexpr Date from_days_since_epoch(std::int32_t days) { return Date(days); }

    [[nodiscard]] constexpr std::int32_t days_since_epoch() const { return m_days; }
    [[nodiscard]] int year() const;
    [[nodiscard]] int month() const;  ///< 1..12
    [[nodiscard]] int day() const;    ///< 1..31
    [[nodiscard]] Weekday weekday() const;

    /// "2019-05-13".
    [[nodiscard]] std::string to_string() const;

    constexpr auto operator<=>(const Date&) const = default;
    friend constexpr Date operator+(Date d, int days) { return Date(d.m_days + days); }
    friend constexpr Date operator-(Date d, int days) { return Date(d.m_days - days); }
    /// Days from b to a.
    friend constexpr int operator-(Date a, Date b) { return a.m_days - b.m_days; }

private:
    constexpr explicit Date(std::int32_t days) : m_days(days) {}
    std::int32_t m_days = 0;
};

/// GTFS dates: "20190513". Nothing for anything else (including a date that does not exist).
[[nodiscard]] std::optional<Date> parse_gtfs_date(std::string_view text);
/// ISO dates as users type them: "2019-05-13".
[[nodiscard]] std::optional<Date> parse_iso_date(std::string_view text);

/// A departure as users type it: a date and a time of day.
struct Departure {
    Date date;
    Seconds time{9 * 3600};  ///< since midnight of `date`
};

/// "2019-05-13T14:00" (or with a space for the T), or a date alone for 09:00. Hours may run to 47
/// (a service day's times pass 24:00). Nothing for anything else.
[[nodiscard]] std::optional<Departure> parse_departure(std::string_view text);

/// First and last day of a span of dates, both included.
struct DateRange {
    Date first;
    Date last;

    [[nodiscard]] bool contains(Date d) const { return first <= d && d <= last; }
    /// "2019-04-15 to 2019-07-15".
    [[nodiscard]] std::string to_string() const;
    friend bool operator==(const DateRange&, const DateRange&) = default;
};

/// Seconds in a day without a daylight-saving change.
inline constexpr Seconds kDay{86'400};

/// A GTFS time of day, "H:MM:SS" or "HH:MM:SS" (hours may pass 24 for trips after midnight), as
/// seconds since midnight of the service day (strictly, since noon minus 12 h, which differs only
/// on daylight-saving days). Surrounding spaces are allowed. Nothing when the text is blank or is
/// not such a time ("25:7x:00", "8:60:00").
[[nodiscard]] std::optional<Seconds> parse_gtfs_time(std::string_view text);

/// "HH:MM:SS", hours past 24 as they are, and a leading "-" for times before midnight.
[[nodiscard]] std::string format_gtfs_time(Seconds t);

}  // namespace needmap::analysis::transit
