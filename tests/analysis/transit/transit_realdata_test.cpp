// Walk + transit in Porto Alegre (r5r's own sample data; skipped where absent).

#include "needmap/analysis/network/loaders.hpp"
#include "needmap/analysis/network/walk_matrix.hpp"
#include "needmap/analysis/network/walk_search.hpp"
#include "needmap/analysis/transit/transit.hpp"
#include "needmap/analysis/transit/transit_matrix.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <memory>
#include <span>
#include <optional>

using namespace needmap;
using namespace needmap::analysis;

namespace {

/// Porto Alegre's streets, its hexgrid's cells snapped to them and its two feeds on 2019-05-13,
/// joined at 3.6 km/h: read once for the file's tests (the network points into the rest).
struct PoaTransit {
    network::WalkNetwork streets;
    std::vector<Place> cells;
    std::vector<network::Snap> snaps;
    transit::DayReport day;
    transit::Timetable tt;
    transit::TransitNetwork net;
};

const PoaTransit& poa_transit(const std::filesystem::path& dir) {
    static const std::unique_ptr<PoaTransit> data = [&] {
        auto d = std::make_unique<PoaTransit>();
        network::NetworkReport report;
        d->streets = network::load_osm_network(dir / "poa_osm.pbf", {}, report);
        d->cells = read_places(dir / "poa_hexgrid.csv", d->streets.crs());
        d->snaps = network::snap_places(d->streets, d->cells, 500);
        const std::vector<transit::Feed> feeds{transit::load_feed(dir / "poa_eptc.zip"),
                                               transit::load_feed(dir / "poa_trensurb.zip")};
        d->tt = transit::build_timetable(feeds, *transit::parse_iso_date("2019-05-13"), {}, d->day);
        transit::StreetOptions street;
        street.walk_speed_kmh = 3.6;
        d->net = transit::link_to_streets(d->tt, d->streets, street);
        return d;
    }();
    return *data;
}

}  // namespace

TEST_CASE("Porto Alegre: walk + transit is never slower than walking, and its percentiles are ordered",
          "[realdata][transit]") {
    NEEDMAP_SHARED_DATA(dir, "r5r-poa");
    const PoaTransit& poa = poa_transit(dir);
    const network::WalkNetwork& streets = poa.streets;
    const auto snaps = std::span(poa.snaps).first(150);  // a sample keeps the test quick
    CHECK(poa.day.warnings.empty());
    const transit::TransitNetwork& net = poa.net;

    transit::TransitMatrixOptions options;
    options.departure = Seconds(14 * 3600);
    options.window_minutes = 60;
    options.percentiles = {5, 50, 95};
    options.raptor.max_duration = Seconds(60 * 60);
    const TravelTimeMatrix by_transit = transit::transit_matrix(net, snaps, snaps, options);

    network::WalkOptions walk;
    walk.speed_kmh = 3.6;
    walk.max_minutes = 60;
    const TravelTimeMatrix on_foot = network::walk_matrix(streets, snaps, snaps, walk);
    std::map<std::pair<std::uint32_t, std::uint32_t>, float> walking;
    for (std::uint32_t o = 0; o < on_foot.origin_count(); ++o)
        for (std::uint32_t k = on_foot.row_begin[o]; k < on_foot.row_begin[o + 1]; ++k)
            walking[{o, on_foot.destination[k]}] = on_foot.seconds[k];

    std::size_t faster_than_walking = 0;
    for (std::uint32_t o = 0; o < by_transit.origin_count(); ++o) {
        for (std::uint32_t k = by_transit.row_begin[o]; k < by_transit.row_begin[o + 1]; ++k) {
            const float p05 = by_transit.seconds[k * 3];
            const float p50 = by_transit.seconds[k * 3 + 1];
            const float p95 = by_transit.seconds[k * 3 + 2];
            REQUIRE_FALSE(std::isnan(p05));
            if (!std::isnan(p50)) CHECK(p05 <= p50);
            if (!std::isnan(p95)) CHECK(p50 <= p95);
            const auto w = walking.find({o, by_transit.destination[k]});
            if (w != walking.end()) {
                CHECK(p95 <= w->second + 1.0F);  // walking is always one of the ways
                if (p50 < w->second - 60) ++faster_than_walking;
            }
        }
        // Every pair within an hour's walk is within an hour by walk + transit too.
        for (std::uint32_t k = on_foot.row_begin[o]; k < on_foot.row_begin[o + 1]; ++k) {
            const auto first = by_transit.destination.begin() + by_transit.row_begin[o];
            const auto last = by_transit.destination.begin() + by_transit.row_begin[o + 1];
            CHECK(std::binary_search(first, last, on_foot.destination[k]));
        }
    }
    CHECK(faster_than_walking > 100);  // the buses do help
    CHECK(by_transit.entry_count() > on_foot.entry_count());
}

namespace {

/// The entry of (origin, destination) in the matrix, if it has one.
std::optional<std::uint32_t> entry_of(const TravelTimeMatrix& m, std::uint32_t o, std::uint32_t d) {
    for (std::uint32_t k = m.row_begin[o]; k < m.row_begin[o + 1]; ++k)
        if (m.destination[k] == d) return k;
    return std::nullopt;
}

}  // namespace

TEST_CASE("Porto Alegre: one search towards a place gives that place's column of the matrices",
          "[realdata][transit][reverse]") {
    NEEDMAP_SHARED_DATA(dir, "r5r-poa");
    const PoaTransit& poa = poa_transit(dir);
    const network::WalkNetwork& streets = poa.streets;
    const std::vector<Place>& cells = poa.cells;
    const std::vector<network::Snap>& origins = poa.snaps;
    std::vector<network::Snap> places;  // every 61st cell: 21 places spread over the city
    for (std::size_t i = 0; i < origins.size(); i += 61) places.push_back(origins[i]);

    const transit::TransitNetwork& net = poa.net;

    transit::TransitMatrixOptions options;
    options.departure = Seconds(14 * 3600);
    options.window_minutes = 120;
    options.percentiles = {5, 50, 95};
    options.raptor.max_duration = Seconds(60 * 60);
    const TravelTimeMatrix forward = transit::transit_matrix(net, origins, places, options);
    const auto access = transit::access_stops(net, origins);

    network::WalkOptions walk;
    walk.speed_kmh = 3.6;
    walk.max_minutes = 60;
    const TravelTimeMatrix on_foot = network::walk_matrix(streets, origins, places, walk);
    const geo::PointIndex origin_index = network::snap_index(origins);
    network::WalkSearch search(streets);

    std::size_t pairs = 0;
    std::size_t exact = 0;
    for (std::uint32_t d = 0; d < places.size(); ++d) {
        const TravelTimeMatrix column = transit::transit_times_to(net, origins, access, places[d], options);
        REQUIRE(column.origin_count() == origins.size());
        const auto walked = network::walk_times_to(search, origins, origin_index, places[d], walk);
        std::size_t w = 0;
        for (std::uint32_t o = 0; o < origins.size(); ++o) {
            INFO("origin " << cells[o].id << ", place " << d);
            const auto in_forward = entry_of(forward, o, d);
            const bool in_column = column.row_begin[o + 1] > column.row_begin[o];
            REQUIRE(in_forward.has_value() == in_column);
            if (in_column) {
                ++pairs;
                bool same = true;
                for (std::size_t p = 0; p < 3; ++p) {
                    const float a = forward.seconds[*in_forward * 3 + p];
                    const float b = column.seconds[column.row_begin[o] * 3 + p];
                    REQUIRE(std::isnan(a) == std::isnan(b));
                    if (!std::isnan(a)) CHECK(std::abs(a - b) <= 60);
                    same = same && (a == b || (std::isnan(a) && std::isnan(b)));
                }
                exact += same ? 1 : 0;
            }
            // On foot: exactly the walking matrix's column.
            const auto foot = entry_of(on_foot, o, d);
            const bool walked_here = w < walked.size() && walked[w].origin == o;
            REQUIRE(foot.has_value() == walked_here);
            if (walked_here) CHECK(walked[w++].seconds == on_foot.seconds[*foot]);
        }
    }
    CHECK(pairs > 5000);
    INFO(exact << " of " << pairs << " pairs identical");
    CHECK(exact == pairs);
}

TEST_CASE("Porto Alegre: an origin whose journeys ride none of the routes dropped keeps its times",
          "[realdata][transit][scenario]") {
    NEEDMAP_SHARED_DATA(dir, "r5r-poa");
    const PoaTransit& poa = poa_transit(dir);
    const transit::Timetable& tt = poa.tt;
    const std::vector<network::Snap>& snaps = poa.snaps;
    std::vector<network::Snap> origins;  // every 5th cell
    for (std::size_t i = 0; i < snaps.size(); i += 5) origins.push_back(snaps[i]);
    std::vector<network::Snap> places;
    for (std::size_t i = 0; i < snaps.size(); i += 41) places.push_back(snaps[i]);

    const transit::TransitNetwork& net = poa.net;
    transit::TransitMatrixOptions options;
    options.departure = Seconds(14 * 3600);
    options.window_minutes = 60;
    options.percentiles = {5, 50, 95};
    options.raptor.max_duration = Seconds(60 * 60);
    std::vector<std::vector<RouteId>> used;
    const TravelTimeMatrix before = transit::transit_matrix(net, origins, places, options, {}, &used);
    REQUIRE(used.size() == origins.size());

    // Drop the route most origins ride, with every other route of its GTFS route.
    std::vector<std::size_t> riders(tt.route_count(), 0);
    for (const auto& routes : used)
        for (const RouteId r : routes) ++riders[r.value()];
    const auto busiest = static_cast<std::uint32_t>(std::max_element(riders.begin(), riders.end()) - riders.begin());
    const auto dropped = transit::routes_named(tt, tt.route_gtfs_ids[busiest]);
    const transit::Timetable fewer = transit::without_routes(tt, dropped);
    transit::TransitNetwork fewer_net = net;
    fewer_net.timetable = &fewer;
    const TravelTimeMatrix after = transit::transit_matrix(fewer_net, origins, places, options);

    std::size_t kept = 0;
    std::size_t changed = 0;
    for (std::uint32_t o = 0; o < origins.size(); ++o) {
        const bool rides = std::any_of(used[o].begin(), used[o].end(), [&](RouteId r) {
            return std::find(dropped.begin(), dropped.end(), r) != dropped.end();
        });
        const auto row = [&](const TravelTimeMatrix& m) {
            return std::make_pair(std::vector(m.destination.begin() + m.row_begin[o], m.destination.begin() + m.row_begin[o + 1]),
                                  std::vector(m.seconds.begin() + m.row_begin[o] * 3, m.seconds.begin() + m.row_begin[o + 1] * 3));
        };
        const auto a = row(before);
        const auto b = row(after);
        const bool same = a.first == b.first &&
                          std::equal(a.second.begin(), a.second.end(), b.second.begin(), b.second.end(),
                                     [](float x, float y) { return x == y || (std::isnan(x) && std::isnan(y)); });
        if (!rides) {
            INFO("origin " << o << " does not ride " << tt.route_gtfs_ids[busiest]);
            CHECK(same);
            ++kept;
        } else {
            changed += same ? 0 : 1;
        }
    }
    CHECK(kept > 0);
    CHECK(changed > 0);  // the route mattered to some who rode it
}

TEST_CASE("Porto Alegre: arriving by 16:00 takes the time from the best departure minute that arrives by then",
          "[realdata][transit]") {
    NEEDMAP_SHARED_DATA(dir, "r5r-poa");
    const PoaTransit& poa = poa_transit(dir);
    std::vector<network::Snap> origins;  // every 30th cell, to every 7th
    for (std::size_t i = 0; i < poa.snaps.size(); i += 30) origins.push_back(poa.snaps[i]);
    std::vector<network::Snap> places;
    for (std::size_t i = 0; i < poa.snaps.size(); i += 7) places.push_back(poa.snaps[i]);
    constexpr std::int32_t kDeadline = 16 * 3600;
    constexpr int kLimit = 60;  // minutes

    transit::ArriveByOptions by;
    by.arrive_by = Seconds(kDeadline);
    by.raptor.max_duration = Seconds(kLimit * 60);
    const TravelTimeMatrix arrive = transit::transit_matrix_arrive_by(poa.net, origins, places, by);

    // Depart-at searches, one per minute from 15:00 to 16:00: for each pair, the latest minute
    // whose journey arrives by 16:00.
    std::vector<std::vector<float>> best(origins.size(), std::vector<float>(places.size(), NAN));
    for (int minute = kLimit; minute >= 0; --minute) {
        transit::TransitMatrixOptions at;
        at.departure = Seconds(kDeadline - minute * 60);
        at.window_minutes = 1;
        at.raptor.max_duration = Seconds(kLimit * 60);
        const TravelTimeMatrix m = transit::transit_matrix(poa.net, origins, places, at);
        for (std::uint32_t o = 0; o < origins.size(); ++o)
            for (std::uint32_t k = m.row_begin[o]; k < m.row_begin[o + 1]; ++k)
                if (at.departure.value() + m.seconds[k] <= kDeadline) best[o][m.destination[k]] = static_cast<float>(minute * 60);
    }
    std::size_t pairs = 0;
    std::size_t exact = 0;
    for (std::uint32_t o = 0; o < origins.size(); ++o) {
        std::vector<float> got(places.size(), NAN);
        for (std::uint32_t k = arrive.row_begin[o]; k < arrive.row_begin[o + 1]; ++k) got[arrive.destination[k]] = arrive.seconds[k];
        for (std::size_t d = 0; d < places.size(); ++d) {
            INFO("origin " << o << ", place " << d);
            REQUIRE(std::isnan(got[d]) == std::isnan(best[o][d]));
            if (std::isnan(got[d])) continue;
            // The exact latest departure is at or after the best whole minute, less than a minute after.
            CHECK(got[d] <= best[o][d]);
            CHECK(got[d] > best[o][d] - 60);
            ++pairs;
            exact += got[d] == best[o][d];
        }
    }
    CHECK(pairs > 1000);
    CHECK(exact < pairs);  // most latest departures fall between whole minutes
}
