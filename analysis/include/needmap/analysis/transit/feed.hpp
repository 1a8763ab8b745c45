#pragma once

// One GTFS or GTFS-JP feed as read from its files: typed, checked and with blank stop times
// filled in, but otherwise as the feed has it. The day timetable (timetable.hpp) is built from it.

#include "needmap/analysis/transit/date.hpp"
#include "needmap/geo/archive.hpp"
#include "needmap/geo/geometry.hpp"
#include "needmap/geo/strong.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace needmap::analysis::transit {

// Indexes into one Feed's tables. They mean nothing in another feed, nor in a Timetable.
using FeedStopIndex = Strong<std::uint32_t, struct FeedStopIndexTag>;    ///< into Feed::stops
using FeedRouteIndex = Strong<std::uint32_t, struct FeedRouteIndexTag>;  ///< into Feed::routes
using FeedTripIndex = Strong<std::uint32_t, struct FeedTripIndexTag>;    ///< into Feed::trips
using ServiceIndex = Strong<std::uint32_t, struct ServiceIndexTag>;      ///< into Feed::services

struct Agency {
    std::string id;  ///< may be empty in a single-agency feed
    std::string name;
    std::string url;
    std::string timezone;  ///< IANA name, "Asia/Tokyo"
};

/// stops.txt location_type.
enum class LocationType : std::uint8_t { Stop = 0, Station = 1, Entrance = 2, GenericNode = 3, BoardingArea = 4 };

struct Stop {
    std::string id;
    std::string name;
    geo::Point lon_lat;  ///< WGS 84 degrees: x = longitude, y = latitude
    LocationType location_type = LocationType::Stop;
    std::optional<FeedStopIndex> parent_station;
};

struct Route {
    std::string id;
    std::string agency_id;
    std::string short_name;
    std::string long_name;
    int type = 3;  ///< GTFS route_type: 0 tram, 1 metro, 2 rail, 3 bus, ...
};

/// stops_times.txt pickup_type / drop_off_type.
enum class PickDrop : std::uint8_t { Regular = 0, None = 1, PhoneAgency = 2, AskDriver = 3 };

/// One row of stop_times.txt, with its times filled in.
struct StopTime {
    FeedStopIndex stop;
    /// Seconds since midnight of the trip's service day; past 86,400 for a trip running after
    /// midnight. Never blank: blank times are interpolated (see `interpolated`).
    Seconds arrival;
    Seconds departure;
    std::uint32_t stop_sequence = 0;
    /// shape_dist_traveled, in whatever unit the feed uses along its shapes (metres, kilometres).
    std::optional<double> shape_dist_traveled;
    PickDrop pickup = PickDrop::Regular;
    PickDrop drop_off = PickDrop::Regular;
    /// The feed left both times blank; they were interpolated by distance along the trip.
    bool interpolated = false;
};

enum class TripKind : std::uint8_t {
    Scheduled,          ///< runs at the times of its stop_times
    FrequencyTemplate,  ///< has frequencies.txt rows: does not run itself, its copies do
    FrequencyExact,     ///< a copy of a template at one departure of an exact_times=1 row
    FrequencyHeadway,   ///< a copy at one departure of an exact_times=0 row: the real phase is unknown
};

struct Trip {
    /// trip_id; a frequency copy is named "<template trip_id>@<HH:MM:SS of its first departure>".
    std::string id;
    FeedRouteIndex route;
    ServiceIndex service;
    std::string headsign;
    std::string shape_id;
    TripKind kind = TripKind::Scheduled;
    /// Its rows are Feed::stop_times[first_stop_time, first_stop_time + stop_time_count), in
    /// stop_sequence order; at least two.
    std::uint32_t first_stop_time = 0;
    std::uint32_t stop_time_count = 0;
};

/// A calendar.txt row.
struct CalendarEntry {
    ServiceIndex service;
    std::array<bool, 7> weekdays{};  ///< indexed by Weekday: Monday first
    Date start;                      ///< first day, included
    Date end;                        ///< last day, included
};

enum class ExceptionType : std::uint8_t { Added = 1, Removed = 2 };

/// A calendar_dates.txt row.
struct CalendarDate {
    ServiceIndex service;
    Date date;
    ExceptionType type = ExceptionType::Added;
};

/// A frequencies.txt row: the template trip runs every `headway` from `start` while before `end`.
struct Frequency {
    FeedTripIndex trip;  ///< the template
    Seconds start;       ///< since the service day's midnight
    Seconds end;         ///< excluded
    Seconds headway;
    bool exact_times = false;
};

/// transfers.txt transfer_type.
enum class TransferType : std::uint8_t { Recommended = 0, Timed = 1, MinimumTime = 2, NotPossible = 3 };

/// A stop-to-stop transfers.txt row between stops or stations (trip- and route-specific rows are
/// not kept; see the report).
struct Transfer {
    FeedStopIndex from;  ///< a stop or a station
    FeedStopIndex to;
    TransferType type = TransferType::Recommended;
    std::optional<Seconds> min_transfer_time;
};

struct FeedInfo {
    std::string publisher_name;
    std::string version;
    std::optional<Date> start;
    std::optional<Date> end;
};

/// Problems of one kind: how many, and the first few messages.
struct Problems {
    static constexpr std::size_t kKeptMessages = 5;
    std::size_t count = 0;
    std::vector<std::string> first;  ///< at most kKeptMessages

    void add(std::string message);
};

/// What was read from one GTFS file.
struct FileReport {
    std::string file;      ///< "stop_times.txt"
    std::string encoding;  ///< "UTF-8 with BOM", "CP932 (detected)", ...
    std::size_t rows = 0;  ///< data rows read
    /// Rows left out, each message "stop_times.txt line 4812: arrival_time "25:7x:00" is not HH:MM:SS".
    Problems skipped;
    /// Rows kept with a repair, each message saying which.
    Problems repaired;
};

/// Everything a user should know about how a feed was read: nothing is dropped without a count.
struct LoadReport {
    std::vector<FileReport> files;           ///< the files read, in reading order
    std::vector<std::string> ignored_files;  ///< present but not used (shapes, fares, GTFS-JP's *_jp.txt, ...)
    /// Trips left out whole (no usable stop times, times going backwards, ...).
    Problems dropped_trips;
    std::size_t interpolated_times = 0;       ///< stop times filled by interpolation
    std::size_t frequency_exact_trips = 0;    ///< trips made from exact_times=1 frequencies
    std::size_t frequency_headway_trips = 0;  ///< trips made from exact_times=0 (headway-based) frequencies

    /// The report of one file, or nullptr when it was not read.
    [[nodiscard]] const FileReport* file(std::string_view name) const;
    /// Rows skipped over all files.
    [[nodiscard]] std::size_t skipped_rows() const;
};

/// A feed's tables. Rows that refer to each other do so by index; ids are the feed's own, and
/// may clash with another feed's (Timetable qualifies them with the feed's name).
struct Feed {
    std::string name;    ///< short name that qualifies ids across feeds: "<name>:<stop_id>"
    std::string source;  ///< where it was read from, for messages
    std::vector<Agency> agencies;
    std::vector<Stop> stops;
    std::vector<Route> routes;
    std::vector<std::string> services;  ///< service_id by ServiceIndex
    std::vector<Trip> trips;            ///< trips.txt order, then frequency copies
    std::vector<StopTime> stop_times;   ///< grouped by trip (see Trip::first_stop_time)
    std::vector<CalendarEntry> calendar;
    std::vector<CalendarDate> calendar_dates;
    std::vector<Frequency> frequencies;
    std::vector<Transfer> transfers;
    std::optional<FeedInfo> feed_info;
    LoadReport report;

    [[nodiscard]] std::span<const StopTime> stop_times_of(const Trip& trip) const {
        return std::span<const StopTime>(stop_times).subspan(trip.first_stop_time, trip.stop_time_count);
    }
    /// Trips that run on their own (all but frequency templates).
    [[nodiscard]] std::size_t running_trip_count() const;
    /// Linear searches by the feed's own ids, for tests and messages.
    [[nodiscard]] std::optional<FeedStopIndex> find_stop(std::string_view id) const;
    [[nodiscard]] std::optional<FeedTripIndex> find_trip(std::string_view id) const;
};

/// Reads a GTFS or GTFS-JP feed. Required: stops.txt, routes.txt, trips.txt, stop_times.txt and
/// calendar.txt or calendar_dates.txt (or both); also read when present: agency.txt,
/// frequencies.txt, transfers.txt, feed_info.txt. Other files are listed in the report as
/// ignored. Text may be UTF-8 (with or without BOM) or CP932. Columns are found by name; unknown
/// columns are ignored. Bad rows are skipped and counted in Feed::report, by file and line.
/// Blank stop times between timepoints are interpolated by distance along the trip.
/// @throws InputError naming the feed, the file and the column when a required file or column is
/// missing, or a file cannot be read or decoded.
[[nodiscard]] Feed load_feed(const geo::FileSource& files, std::string feed_name);

/// Reads the feed in a zip archive or a folder. `feed_name` defaults to the file or folder name
/// without its extension ("poa_eptc" for poa_eptc.zip).
/// @throws InputError as above, and when the path is missing or is not a readable zip or folder.
[[nodiscard]] Feed load_feed(const std::filesystem::path& path, std::string feed_name = {});

}  // namespace needmap::analysis::transit
