#pragma once

// Travel times on foot and by public transport over a departure window, summarised as
// percentiles across the departure minutes (r5's semantics, as r5r's travel_time_matrix).

#include "needmap/analysis/matrix.hpp"
#include "needmap/analysis/network/walk_network.hpp"
#include "needmap/analysis/progress.hpp"
#include "needmap/analysis/transit/raptor.hpp"
#include "needmap/analysis/transit/transit_network.hpp"

#include <span>
#include <vector>

namespace needmap::analysis::transit {

struct TransitMatrixOptions {
    Seconds departure{9 * 3600};       ///< first departure, since midnight of the timetable's date
    int window_minutes = 120;          ///< one departure every minute in [departure, departure + window)
    std::vector<int> percentiles{50};  ///< 1..100; nearest-rank over the departure minutes, as r5
    RaptorOptions raptor;              ///< raptor.max_duration is also the walking-only limit
    unsigned threads = 0;              ///< 0: one per core
};

/// For every origin and departure minute, the faster of walking all the way and walking to a stop,
/// riding at most max_rides vehicles with walking transfers, and walking from the last stop; then
/// per destination the requested percentiles over the minutes. A percentile whose time exceeds
/// max_duration is NaN; a pair is left out when even its lowest percentile does.
/// `origins` and `destinations` are snapped to the network's streets.
/// With `routes_used`, also per origin the routes (sorted) that the journeys behind its times
/// ride: without any other route, the origin's times are the same.
[[nodiscard]] TravelTimeMatrix transit_matrix(const TransitNetwork& network, std::span<const network::Snap> origins,
                                              std::span<const network::Snap> destinations,
                                              const TransitMatrixOptions& options,
                                              const ProgressCallback& progress = {},
                                              std::vector<std::vector<RouteId>>* routes_used = nullptr);

/// The stops within walking reach (StreetOptions::max_walk_to_stop_m) of each point, with the
/// walking time at the network's speed in whole seconds: from the point to the stop where a
/// journey from it boards, or (Direction::To) from the stop to the point, where a journey towards
/// it alights; the two differ on slopes. Points too far from the streets reach none.
[[nodiscard]] std::vector<std::vector<StopWalk>> access_stops(const TransitNetwork& network,
                                                              std::span<const network::Snap> points,
                                                              unsigned threads = 0,
                                                              network::Direction direction = network::Direction::From);

/// The column of transit_matrix towards one destination, by one arrive-by range search from it
/// (ReverseRaptor over every arrival time at the stops near it, then for each origin the
/// departure minutes summarised as transit_matrix does): the same times as transit_matrix's, with
/// destination 0. `access` is access_stops(network, origins). Cancelled through `progress`.
[[nodiscard]] TravelTimeMatrix transit_times_to(const TransitNetwork& network, std::span<const network::Snap> origins,
                                                std::span<const std::vector<StopWalk>> access,
                                                const network::Snap& destination,
                                                const TransitMatrixOptions& options,
                                                const ProgressCallback& progress = {});

struct ArriveByOptions {
    Seconds arrive_by{10 * 3600};      ///< the last deadline, since midnight of the timetable's date
    int window_minutes = 1;            ///< one deadline every minute, the last at arrive_by
    std::vector<int> percentiles{50};  ///< over the deadlines, nearest rank
    RaptorOptions raptor;              ///< raptor.max_duration is also the walking-only limit
    unsigned threads = 0;              ///< 0: one per core
};

/// Arrive-by (r5r's arrival-time matrix: "be at the salon by 10:00"): for every pair and deadline,
/// the time from the latest departure that still arrives by the deadline, on foot all the way or
/// by bus, to the deadline (waiting at the end included, as a coordinator plans it); then the
/// percentiles over the deadlines. One arrive-by range search (ReverseRaptor) per destination.
/// A percentile beyond max_duration is NaN; a pair is left out when even its lowest one is.
/// `access` is access_stops(network, origins), computed here when empty.
[[nodiscard]] TravelTimeMatrix transit_matrix_arrive_by(const TransitNetwork& network,
                                                        std::span<const network::Snap> origins,
                                                        std::span<const network::Snap> destinations,
                                                        const ArriveByOptions& options,
                                                        const ProgressCallback& progress = {},
                                                        std::span<const std::vector<StopWalk>> access = {});

/// The index in a sorted list of n values of its p-th percentile, nearest rank: ceil(p/100 n) - 1.
[[nodiscard]] std::size_t percentile_index(std::size_t n, int percentile);

}  // namespace needmap::analysis::transit
