#include "needmap/analysis/transit/date.hpp"

#include "needmap/geo/csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>

namespace needmap::analysis::transit {
namespace {

constexpr int kMinYear = 1;
constexpr int kMaxYear = 9999;

bool is_leap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
    constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

/// Leap years in [1, year).
std::int32_t leap_years_before(int year) {
    const int y = year - 1;
    return y / 4 - y / 100 + y / 400;
}

/// Days from 1970-01-01 to January 1st of `year`.
std::int32_t days_before_year(int year) {
    return 365 * (year - 1970) + leap_years_before(year) - leap_years_before(1970);
}

struct Ymd {
    int year;
    int month;
    int day;
};

Ymd to_ymd(std::int32_t days) {
    // 146,097 days make 400 Gregorian years; the estimate is off by at most one year.
    int year = 1970 + static_cast<int>(static_cast<std::int64_t>(days) * 400 / 146'097);
    while (days_before_year(year) > days) --year;
    while (days_before_year(year + 1) <= days) ++year;
    int day_of_year = days - days_before_year(year);
    int month = 1;
    while (day_of_year >= days_in_month(year, month)) {
        day_of_year -= days_in_month(year, month);
        ++month;
    }
    return {year, month, day_of_year + 1};
}

/// A run of exactly `n` ASCII digits, or nothing.
std::optional<int> digits(std::string_view text, std::size_t n) {
    if (text.size() != n) return std::nullopt;
    int value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

}  // namespace

std::string_view to_string(Weekday day) {
    constexpr std::array<std::string_view, 7> kNames = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                        "Friday", "Saturday", "Sunday"};
    return kNames[static_cast<std::size_t>(day)];
}

std::optional<Date> Date::from_ymd(int year, int month, int day) {
    if (year < kMinYear || year > kMaxYear || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
        return std::nullopt;
    std::int32_t days = days_before_year(year);
    for (int m = 1; m < month; ++m) days += days_in_month(year, m);
    return Date(days + day - 1);
}

int Date::year() const {
    return to_ymd(m_days).year;
}

int Date::month() const {
    return to_ymd(m_days).month;
}

int Date::day() const {
    return to_ymd(m_days).day;
}

Weekday Date::weekday() const {
    // 1970-01-01 was a Thursday (index 3 counting from Monday).
    const int index = ((m_days + 3) % 7 + 7) % 7;
    return static_cast<Weekday>(index);
}

std::string Date::to_string() const {
    const Ymd d = to_ymd(m_days);
    return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
}

std::optional<Date> parse_gtfs_date(std::string_view text) {
    text = geo::trim(text);
    if (text.size() != 8) return std::nullopt;
    const auto y = digits(text.substr(0, 4), 4);
    const auto m = digits(text.substr(4, 2), 2);
    const auto d = digits(text.substr(6, 2), 2);
    if (!y || !m || !d) return std::nullopt;
    return Date::from_ymd(*y, *m, *d);
}

std::optional<Date> parse_iso_date(std::string_view text) {
    text = geo::trim(text);
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const auto y = digits(text.substr(0, 4), 4);
    const auto m = digits(text.substr(5, 2), 2);
    const auto d = digits(text.substr(8, 2), 2);
    if (!y || !m || !d) return std::nullopt;
    return Date::from_ymd(*y, *m, *d);
}

std::optional<Departure> parse_departure(std::string_view text) {
    text = geo::trim(text);
    const auto date = parse_iso_date(text.substr(0, std::min<std::size_t>(10, text.size())));
    if (!date) return std::nullopt;
    if (text.size() == 10) return Departure{*date, Seconds(9 * 3600)};
    if (text.size() != 16 || (text[10] != 'T' && text[10] != ' ') || text[13] != ':') return std::nullopt;
    const auto hours = digits(text.substr(11, 2), 2);
    const auto minutes = digits(text.substr(14, 2), 2);
    if (!hours || !minutes || *hours >= 48 || *minutes >= 60) return std::nullopt;
    return Departure{*date, Seconds(*hours * 3600 + *minutes * 60)};
}

std::string DateRange::to_string() const {
    return fmt::format("{} to {}", first.to_string(), last.to_string());
}

std::optional<Seconds> parse_gtfs_time(std::string_view text) {
    // Hand-written: this runs for every stop_times.txt row.
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
    const std::size_t colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 3 || text.size() != colon + 6 ||
        text[colon + 3] != ':')
        return std::nullopt;
    std::int32_t hours = 0;
    for (std::size_t i = 0; i < colon; ++i) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        hours = hours * 10 + (text[i] - '0');
    }
    const auto minutes = digits(text.substr(colon + 1, 2), 2);
    const auto seconds = digits(text.substr(colon + 4, 2), 2);
    if (!minutes || !seconds || *minutes > 59 || *seconds > 59) return std::nullopt;
    return Seconds(hours * 3600 + *minutes * 60 + *seconds);
}

std::string format_gtfs_time(Seconds t) {
    const std::int32_t s = t.value();
    const std::int32_t a = s < 0 ? -s : s;
    return fmt::format("{}{:02}:{:02}:{:02}", s < 0 ? "-" : "", a / 3600, a / 60 % 60, a % 60);
}

}  // namespace needmap::analysis::transit
