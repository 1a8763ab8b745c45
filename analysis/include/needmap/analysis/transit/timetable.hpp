#pragma once

// One service day of one or more feeds, as flat arrays for RAPTOR: stops, routes (trips sharing
// one stop sequence, none overtaking another), trips and their stop events, all indexed by
// strong ids. Built once by build_timetable(), then read-only.

#include "needmap/analysis/ids.hpp"
#include "needmap/analysis/transit/date.hpp"
#include "needmap/analysis/transit/feed.hpp"
#include "needmap/geo/geometry.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace needmap::analysis::transit {

/// Bits of Timetable::route_stop_flags.
inline constexpr std::uint8_t kBoarding = 1;   ///< passengers may board (pickup_type is not 1)
inline constexpr std::uint8_t kAlighting = 2;  ///< passengers may alight (drop_off_type is not 1)

/// Timetable::stop_station value of a stop without a parent station.
inline constexpr std::uint32_t kNoStation = 0xFFFF'FFFF;

/// A transfers.txt rule from one stop to another (station-level rules are expanded to the
/// stations' stops).
struct StopTransfer {
    StopId to;
    Seconds min_time{0};  ///< min_transfer_time, 0 where the feed gives none
    TransferType type = TransferType::Recommended;
};

/// The day's timetable. Times are Seconds since midnight of `date` in the feeds' local time (the
/// feeds are taken to share one time zone, as those of one town do): past 86,400 for trips running
/// after midnight, and negative at the early stops of trips of the day before that are still
/// running after midnight. Ids are qualified by feed name: "<feed>:<id>".
///
/// Layout (CSR: the items of element k are [first[k], first[k + 1]) of the flat array):
/// - stops (StopId): every location_type 0 stop of every feed, feed by feed in file order,
///   served that day or not;
/// - routes (RouteId): route_stops / route_stop_flags through route_stop_first; the route's trips
///   are the consecutive TripIds route_trip_first[r] .. route_trip_first[r + 1] - 1, sorted by
///   departure at the first stop, and no trip overtakes an earlier one at any stop (arrival and
///   departure never earlier than the previous trip's: FIFO). A route belongs to one GTFS route
///   and one feed. A stop may occur twice in a route (a loop);
/// - trips (TripId): the event of trip t at position i of its route is
///   arrival[trip_first_event[t] + i] / departure[...]; a route's trips are laid out one after
///   the other, so its events form one block;
/// - per stop, the routes serving it and the stop's position in each (a loop route is listed once
///   per position), sorted by route then position; and the transfers.txt rules from it.
struct Timetable {
    Date date;

    std::vector<std::string> stop_ids;  ///< "<feed>:<stop_id>"
    std::vector<std::string> stop_names;
    std::vector<geo::Point> stop_points;      ///< WGS 84 degrees: x = longitude, y = latitude
    std::vector<std::uint32_t> stop_station;  ///< index into station_*, or kNoStation
    std::vector<std::string> station_ids;     ///< "<feed>:<stop_id>" of location_type 1 stops
    std::vector<std::string> station_names;
    std::vector<geo::Point> station_points;

    std::vector<std::uint32_t> route_stop_first;  ///< route_count() + 1 offsets into route_stops
    std::vector<StopId> route_stops;
    std::vector<std::uint8_t> route_stop_flags;   ///< kBoarding | kAlighting, parallel to route_stops
    std::vector<std::uint32_t> route_trip_first;  ///< route_count() + 1 TripId values
    std::vector<std::string> route_gtfs_ids;      ///< "<feed>:<route_id>"
    std::vector<std::string> route_names;         ///< route_short_name, else route_long_name
    std::vector<int> route_types;                 ///< GTFS route_type: 2 rail, 3 bus, ...

    std::vector<RouteId> trip_route;
    std::vector<std::uint32_t> trip_first_event;  ///< trip_count() + 1 offsets into arrival/departure
    std::vector<std::string> trip_gtfs_ids;       ///< "<feed>:<trip_id>" (frequency copies: "...@HH:MM:SS")
    std::vector<std::uint8_t> trip_previous_day;  ///< 1 for a trip of the day before, shifted by -86,400 s

    std::vector<Seconds> arrival;
    std::vector<Seconds> departure;

    std::vector<std::uint32_t> stop_route_first;  ///< stop_count() + 1 offsets into stop_routes
    std::vector<RouteId> stop_routes;
    std::vector<std::uint32_t> stop_route_positions;  ///< position of the stop in that route, parallel

    std::vector<std::uint32_t> stop_transfer_first;  ///< stop_count() + 1 offsets into stop_transfers
    std::vector<StopTransfer> stop_transfers;

    [[nodiscard]] std::size_t stop_count() const { return stop_ids.size(); }
    [[nodiscard]] std::size_t route_count() const { return route_gtfs_ids.size(); }
    [[nodiscard]] std::size_t trip_count() const { return trip_route.size(); }

    [[nodiscard]] std::span<const StopId> stops_of(RouteId r) const {
        return std::span(route_stops).subspan(route_stop_first[r.value()], stop_count_of(r));
    }
    [[nodiscard]] std::span<const std::uint8_t> stop_flags_of(RouteId r) const {
        return std::span(route_stop_flags).subspan(route_stop_first[r.value()], stop_count_of(r));
    }
    [[nodiscard]] std::size_t stop_count_of(RouteId r) const {
        return route_stop_first[r.value() + 1] - route_stop_first[r.value()];
    }
    [[nodiscard]] TripId first_trip_of(RouteId r) const { return TripId(route_trip_first[r.value()]); }
    [[nodiscard]] std::size_t trip_count_of(RouteId r) const {
        return route_trip_first[r.value() + 1] - route_trip_first[r.value()];
    }
    /// Precondition: position < stop_count_of(trip_route[t]).
    [[nodiscard]] Seconds arrival_at(TripId t, std::size_t position) const {
        return arrival[trip_first_event[t.value()] + position];
    }
    [[nodiscard]] Seconds departure_at(TripId t, std::size_t position) const {
        return departure[trip_first_event[t.value()] + position];
    }
    [[nodiscard]] std::span<const RouteId> routes_at(StopId s) const {
        return std::span(stop_routes).subspan(stop_route_first[s.value()], route_count_at(s));
    }
    [[nodiscard]] std::span<const std::uint32_t> positions_at(StopId s) const {
        return std::span(stop_route_positions).subspan(stop_route_first[s.value()], route_count_at(s));
    }
    [[nodiscard]] std::size_t route_count_at(StopId s) const {
        return stop_route_first[s.value() + 1] - stop_route_first[s.value()];
    }
    [[nodiscard]] std::span<const StopTransfer> transfers_from(StopId s) const {
        return std::span(stop_transfers)
            .subspan(stop_transfer_first[s.value()],
                     stop_transfer_first[s.value() + 1] - stop_transfer_first[s.value()]);
    }

    /// The stop with this "<feed>:<stop_id>", by linear search (for tests and messages).
    [[nodiscard]] std::optional<StopId> find_stop(std::string_view qualified_id) const;
    /// The trip with this "<feed>:<trip_id>" running on the day itself (not the previous day's copy).
    [[nodiscard]] std::optional<TripId> find_trip(std::string_view qualified_id) const;
};

/// The routes of a GTFS route: `route` is "<feed>:<route_id>", or a bare route_id matching it in
/// any feed. A GTFS route is split into one route per stop sequence, hence a list.
[[nodiscard]] std::vector<RouteId> routes_named(const Timetable& tt, std::string_view route);
/// Every route of the feed named `feed`.
[[nodiscard]] std::vector<RouteId> routes_of_feed(const Timetable& tt, std::string_view feed);

/// The timetable without `routes` and all their trips (a bus line taken off in a scenario). Every
/// stop and transfer rule stays, with the same StopIds, so a TransitNetwork's stop snaps and
/// walking transfers still fit it; RouteIds and TripIds are renumbered.
[[nodiscard]] Timetable without_routes(const Timetable& tt, std::span<const RouteId> routes);

struct DayOptions {
    /// Also take trips of the day before whose times run past midnight (past 24:00:00), shifted by
    /// -86,400 s, when they still have a stop event at or after 00:00.
    bool previous_day_trips = true;
    /// Warn when a feed runs fewer trips on the date than this share of the trips of its busiest
    /// day within kBusiestDayRadius days of the date (both ways). 0.5: "fewer than half".
    double few_trips_share = 0.5;
    static constexpr int kBusiestDayRadius = 366;
};

/// What one feed contributes to the day.
struct FeedDay {
    std::string feed;
    std::optional<DateRange> calendar;   ///< calendar.txt and the days calendar_dates.txt adds
    std::optional<DateRange> feed_info;  ///< feed_info.txt's start and end dates, when both are given
    std::size_t services = 0;            ///< service_ids in the feed
    std::size_t services_active = 0;     ///< of those, running on the date
    std::size_t trips = 0;               ///< trips of the date's services
    std::size_t trips_from_previous_day = 0;
    std::optional<Date> busiest_day;  ///< see DayOptions::few_trips_share
    std::size_t busiest_day_trips = 0;
};

struct DayReport {
    Date date;
    std::vector<FeedDay> feeds;
    /// One per feed at most, for a user to read before trusting any result: the date is outside
    /// the feed's calendar or its feed_info dates, or no or few trips run that day (choosing a
    /// day without buses is the most common mistake with r5r).
    std::vector<std::string> warnings;
};

/// Builds the timetable of `date` from every feed: trips of the services running that day, and
/// (DayOptions::previous_day_trips) those of the day before still running after midnight.
/// Frequency templates do not run; their copies do. `report` is overwritten.
/// @throws InputError when two feeds have the same name (ids would clash).
[[nodiscard]] Timetable build_timetable(std::span<const Feed> feeds, Date date, const DayOptions& options,
                                        DayReport& report);

}  // namespace needmap::analysis::transit
