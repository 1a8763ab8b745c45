// The day timetable: running trips grouped into RAPTOR routes, and the flat arrays around them.

#include "detail/day_report.hpp"
#include "detail/stop_routes.hpp"
#include "needmap/analysis/transit/timetable.hpp"
#include "needmap/geo/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace needmap::analysis::transit {
namespace {

/// A trip running on the day: a feed's trip, its times shifted by `shift`.
struct Run {
    std::uint32_t feed;
    FeedTripIndex trip;
    Seconds shift;
    bool previous_day;
};

/// Feed stop index to timetable ids, per feed.
struct StopMaps {
    std::vector<std::vector<StopId>> stop;            ///< invalid_id for stops that are not location_type 0
    std::vector<std::vector<std::uint32_t>> station;  ///< kNoStation for stops that are not stations
};

StopMaps add_stops(std::span<const Feed> feeds, Timetable& tt) {
    StopMaps maps;
    for (const Feed& feed : feeds) {
        auto& station = maps.station.emplace_back(feed.stops.size(), kNoStation);
        for (std::size_t i = 0; i < feed.stops.size(); ++i) {
            const Stop& s = feed.stops[i];
            if (s.location_type != LocationType::Station) continue;
            station[i] = static_cast<std::uint32_t>(tt.station_ids.size());
            tt.station_ids.push_back(fmt::format("{}:{}", feed.name, s.id));
            tt.station_names.push_back(s.name);
            tt.station_points.push_back(s.lon_lat);
        }
        auto& stop = maps.stop.emplace_back(feed.stops.size(), invalid_id<StopId>());
        for (std::size_t i = 0; i < feed.stops.size(); ++i) {
            const Stop& s = feed.stops[i];
            if (s.location_type != LocationType::Stop) continue;
            stop[i] = StopId(static_cast<std::uint32_t>(tt.stop_ids.size()));
            tt.stop_ids.push_back(fmt::format("{}:{}", feed.name, s.id));
            tt.stop_names.push_back(s.name);
            tt.stop_points.push_back(s.lon_lat);
            tt.stop_station.push_back(s.parent_station ? station[s.parent_station->value()] : kNoStation);
        }
    }
    return maps;
}

/// The feed's runs on `date`, and its line in the report.
void add_runs(const Feed& feed, std::uint32_t feed_index, Date date, const DayOptions& options, std::vector<Run>& runs,
              DayReport& report) {
    const ServiceCalendar calendar(feed);
    const std::vector<bool> today = calendar.active_services(date);
    const std::vector<bool> yesterday =
        options.previous_day_trips ? calendar.active_services(date - 1) : std::vector<bool>(today.size(), false);
    FeedDay day = detail::describe_day(feed, calendar, date, today);
    for (std::size_t t = 0; t < feed.trips.size(); ++t) {
        const Trip& trip = feed.trips[t];
        if (trip.kind == TripKind::FrequencyTemplate) continue;
        const FeedTripIndex index(static_cast<std::uint32_t>(t));
        if (today[trip.service.value()]) {
            runs.push_back({feed_index, index, Seconds(0), false});
            ++day.trips;
        }
        if (yesterday[trip.service.value()] && feed.stop_times_of(trip).back().arrival >= kDay) {
            runs.push_back({feed_index, index, Seconds(0) - kDay, true});
            ++day.trips_from_previous_day;
        }
    }
    if (auto warning = detail::day_warning(day, calendar, date, options))
        report.warnings.push_back(std::move(*warning));
    report.feeds.push_back(std::move(day));
}

class RouteBuilder {
public:
    RouteBuilder(std::span<const Feed> feeds, const StopMaps& maps, Timetable& tt)
        : m_feeds(feeds), m_maps(maps), m_tt(tt) {}

    /// Groups runs by GTFS route and stop sequence (with boarding and alighting flags), in order
    /// of first appearance.
    void group(const std::vector<Run>& runs) {
        std::map<std::vector<std::uint32_t>, std::size_t> pattern_of;
        std::vector<std::uint32_t> key;
        for (std::uint32_t r = 0; r < runs.size(); ++r) {
            const Run& run = runs[r];
            const Feed& feed = m_feeds[run.feed];
            const Trip& trip = feed.trips[run.trip.value()];
            key.assign({run.feed, trip.route.value()});
            for (const StopTime& st : feed.stop_times_of(trip)) {
                key.push_back(m_maps.stop[run.feed][st.stop.value()].value());
                key.push_back(flags(st));
            }
            const auto [it, added] = pattern_of.try_emplace(key, m_patterns.size());
            if (added) m_patterns.emplace_back();
            m_patterns[it->second].push_back(r);
        }
    }

    /// Sorts each group's trips by departure and splits it into FIFO routes.
    void build(const std::vector<Run>& runs) {
        m_tt.route_stop_first.assign(1, 0);
        m_tt.route_trip_first.assign(1, 0);
        m_tt.trip_first_event.assign(1, 0);
        for (auto& pattern : m_patterns) {
            std::sort(pattern.begin(), pattern.end(),
                      [&](std::uint32_t a, std::uint32_t b) { return earlier(runs[a], runs[b]); });
            // First fit: a trip joins the first route whose last trip it does not overtake.
            std::vector<std::vector<std::uint32_t>> routes;
            for (const std::uint32_t r : pattern) {
                auto fits = [&](const std::vector<std::uint32_t>& route) {
                    return !overtakes(runs[route.back()], runs[r]);
                };
                const auto it = std::find_if(routes.begin(), routes.end(), fits);
                if (it == routes.end())
                    routes.push_back({r});
                else
                    it->push_back(r);
            }
            for (const auto& route : routes) emit(runs, route);
        }
    }

private:
    static std::uint32_t flags(const StopTime& st) {
        return (st.pickup != PickDrop::None ? kBoarding : 0u) | (st.drop_off != PickDrop::None ? kAlighting : 0u);
    }

    [[nodiscard]] std::span<const StopTime> rows(const Run& run) const {
        const Feed& feed = m_feeds[run.feed];
        return feed.stop_times_of(feed.trips[run.trip.value()]);
    }

    /// Order of trips in a route: by departure at the first stop, then at each later stop, then by
    /// arrivals, then by trip id, so that equal timetables sort the same on every run.
    bool earlier(const Run& a, const Run& b) const {
        const auto ra = rows(a);
        const auto rb = rows(b);
        for (std::size_t i = 0; i < ra.size(); ++i)
            if (ra[i].departure + a.shift != rb[i].departure + b.shift)
                return ra[i].departure + a.shift < rb[i].departure + b.shift;
        for (std::size_t i = 0; i < ra.size(); ++i)
            if (ra[i].arrival + a.shift != rb[i].arrival + b.shift)
                return ra[i].arrival + a.shift < rb[i].arrival + b.shift;
        const auto& ida = m_feeds[a.feed].trips[a.trip.value()].id;
        const auto& idb = m_feeds[b.feed].trips[b.trip.value()].id;
        if (ida != idb) return ida < idb;
        return a.previous_day && !b.previous_day;
    }

    /// Whether `later` (sorted after `before`) arrives or leaves earlier than it at some stop.
    bool overtakes(const Run& before, const Run& later) const {
        const auto rb = rows(before);
        const auto rl = rows(later);
        for (std::size_t i = 0; i < rb.size(); ++i)
            if (rl[i].arrival + later.shift < rb[i].arrival + before.shift ||
                rl[i].departure + later.shift < rb[i].departure + before.shift)
                return true;
        return false;
    }

    void emit(const std::vector<Run>& runs, const std::vector<std::uint32_t>& route) {
        const auto route_id = RouteId(static_cast<std::uint32_t>(m_tt.route_gtfs_ids.size()));
        const Run& first = runs[route.front()];
        const Feed& feed = m_feeds[first.feed];
        const Route& gtfs_route = feed.routes[feed.trips[first.trip.value()].route.value()];
        for (const StopTime& st : rows(first)) {
            m_tt.route_stops.push_back(m_maps.stop[first.feed][st.stop.value()]);
            m_tt.route_stop_flags.push_back(static_cast<std::uint8_t>(flags(st)));
        }
        m_tt.route_stop_first.push_back(static_cast<std::uint32_t>(m_tt.route_stops.size()));
        m_tt.route_gtfs_ids.push_back(fmt::format("{}:{}", feed.name, gtfs_route.id));
        m_tt.route_names.push_back(gtfs_route.short_name.empty() ? gtfs_route.long_name : gtfs_route.short_name);
        m_tt.route_types.push_back(gtfs_route.type);
        for (const std::uint32_t r : route) {
            const Run& run = runs[r];
            const Feed& f = m_feeds[run.feed];
            for (const StopTime& st : rows(run)) {
                m_tt.arrival.push_back(st.arrival + run.shift);
                m_tt.departure.push_back(st.departure + run.shift);
            }
            m_tt.trip_route.push_back(route_id);
            m_tt.trip_first_event.push_back(static_cast<std::uint32_t>(m_tt.arrival.size()));
            m_tt.trip_gtfs_ids.push_back(fmt::format("{}:{}", f.name, f.trips[run.trip.value()].id));
            m_tt.trip_previous_day.push_back(run.previous_day ? 1 : 0);
        }
        m_tt.route_trip_first.push_back(static_cast<std::uint32_t>(m_tt.trip_route.size()));
    }

    std::span<const Feed> m_feeds;
    const StopMaps& m_maps;
    Timetable& m_tt;
    std::vector<std::vector<std::uint32_t>> m_patterns;  ///< run indexes per group
};

}  // namespace

void detail::index_stop_routes(Timetable& tt) {
    tt.stop_route_first.assign(tt.stop_count() + 1, 0);
    for (const StopId s : tt.route_stops) ++tt.stop_route_first[s.value() + 1];
    for (std::size_t s = 0; s < tt.stop_count(); ++s) tt.stop_route_first[s + 1] += tt.stop_route_first[s];
    tt.stop_routes.resize(tt.route_stops.size());
    tt.stop_route_positions.resize(tt.route_stops.size());
    std::vector<std::uint32_t> next(tt.stop_route_first.begin(), tt.stop_route_first.end() - 1);
    for (std::uint32_t r = 0; r < tt.route_count(); ++r) {
        for (std::uint32_t i = tt.route_stop_first[r]; i < tt.route_stop_first[r + 1]; ++i) {
            const std::uint32_t slot = next[tt.route_stops[i].value()]++;
            tt.stop_routes[slot] = RouteId(r);
            tt.stop_route_positions[slot] = i - tt.route_stop_first[r];
        }
    }
}

namespace {

/// transfers.txt rules as CSR by stop; a station stands for each of its stops.
void index_transfers(std::span<const Feed> feeds, const StopMaps& maps, Timetable& tt) {
    struct Rule {
        StopId from;
        StopTransfer transfer;
    };
    std::vector<Rule> rules;
    for (std::size_t f = 0; f < feeds.size(); ++f) {
        const Feed& feed = feeds[f];
        if (feed.transfers.empty()) continue;
        std::vector<std::vector<StopId>> children(feed.stops.size());
        for (std::size_t i = 0; i < feed.stops.size(); ++i)
            if (const StopId s = maps.stop[f][i]; s != invalid_id<StopId>()) {
                children[i].push_back(s);
                if (feed.stops[i].parent_station) children[feed.stops[i].parent_station->value()].push_back(s);
            }
        for (const Transfer& t : feed.transfers)
            for (const StopId from : children[t.from.value()])
                for (const StopId to : children[t.to.value()])
                    rules.push_back({from, {to, t.min_transfer_time.value_or(Seconds(0)), t.type}});
    }
    std::stable_sort(rules.begin(), rules.end(), [](const Rule& a, const Rule& b) { return a.from < b.from; });
    tt.stop_transfer_first.assign(tt.stop_count() + 1, 0);
    for (const Rule& r : rules) ++tt.stop_transfer_first[r.from.value() + 1];
    for (std::size_t s = 0; s < tt.stop_count(); ++s) tt.stop_transfer_first[s + 1] += tt.stop_transfer_first[s];
    for (const Rule& r : rules) tt.stop_transfers.push_back(r.transfer);
}

}  // namespace

std::optional<StopId> Timetable::find_stop(std::string_view qualified_id) const {
    for (std::size_t i = 0; i < stop_ids.size(); ++i)
        if (stop_ids[i] == qualified_id) return StopId(static_cast<std::uint32_t>(i));
    return std::nullopt;
}

std::optional<TripId> Timetable::find_trip(std::string_view qualified_id) const {
    for (std::size_t i = 0; i < trip_gtfs_ids.size(); ++i)
        if (trip_gtfs_ids[i] == qualified_id && trip_previous_day[i] == 0) return TripId(static_cast<std::uint32_t>(i));
    return std::nullopt;
}

Timetable build_timetable(std::span<const Feed> feeds, Date date, const DayOptions& options, DayReport& report) {
    for (std::size_t i = 0; i < feeds.size(); ++i)
        for (std::size_t j = i + 1; j < feeds.size(); ++j)
            if (feeds[i].name == feeds[j].name)
                throw geo::InputError(
                    fmt::format("two feeds are named \"{}\" ({} and {}); give them different names, "
                                "as their ids are told apart by feed name",
                                feeds[i].name, feeds[i].source, feeds[j].source));
    report = DayReport{};
    report.date = date;
    Timetable tt;
    tt.date = date;
    const StopMaps maps = add_stops(feeds, tt);

    std::vector<Run> runs;
    for (std::uint32_t f = 0; f < feeds.size(); ++f) add_runs(feeds[f], f, date, options, runs, report);

    RouteBuilder routes(feeds, maps, tt);
    routes.group(runs);
    routes.build(runs);
    detail::index_stop_routes(tt);
    index_transfers(feeds, maps, tt);
    return tt;
}

}  // namespace needmap::analysis::transit
