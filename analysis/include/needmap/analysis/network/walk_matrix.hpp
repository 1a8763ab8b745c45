#pragma once

#include "needmap/analysis/matrix.hpp"
#include "needmap/analysis/network/walk_network.hpp"
#include "needmap/analysis/places.hpp"
#include "needmap/analysis/progress.hpp"
#include "needmap/geo/spatial_index.hpp"

#include <span>
#include <string>
#include <vector>

namespace needmap::analysis::network {

class WalkSearch;

struct WalkOptions {
    double speed_kmh = 3.0;    ///< older walkers; r5r's default is 3.6
    double max_minutes = 120;  ///< pairs beyond this are left out
    double max_snap_m = 500;   ///< farther from any walkable way, a point is unreachable
    unsigned threads = 0;      ///< 0: one per core
};

[[nodiscard]] inline double speed_mps(const WalkOptions& o) {
    return o.speed_kmh / 3.6;
}

/// Refuses places that lie outside the network's extent grown by `margin_m`: a sign of the wrong
/// file, CRS, or swapped coordinates rather than of a remote house.
/// @throws InputError naming `source`, how many places and the first few ids.
void require_within_extent(const WalkNetwork& network, std::span<const Place> places, double margin_m,
                           const std::string& source);

/// Snaps every place; see WalkNetwork::snap.
[[nodiscard]] std::vector<Snap> snap_places(const WalkNetwork& network, std::span<const Place> places,
                                            double max_snap_m);

/// What snapping found, for the report.
struct SnapSummary {
    std::size_t ok = 0;
    std::size_t island = 0;
    std::size_t too_far = 0;
    std::size_t passed_island = 0;  ///< joined the main network although an island was nearer
    double median_m = 0;
    double max_m = 0;  ///< of the points that joined
    std::vector<std::string> unreachable_ids;
    std::vector<std::string> island_ids;
};
[[nodiscard]] SnapSummary summarise(std::span<const Snap> snaps, std::span<const Place> places);

/// Walking times from every origin to every destination within options.max_minutes, searched in
/// parallel: one search per origin, or per destination when there are fewer of them (walking is
/// symmetric). Unsnapped points reach nothing.
[[nodiscard]] TravelTimeMatrix walk_matrix(const WalkNetwork& network, std::span<const Snap> origins,
                                           std::span<const Snap> destinations, const WalkOptions& options,
                                           const ProgressCallback& progress = {});

/// An origin and its time to one destination, seconds.
struct TimeTo {
    std::uint32_t origin;
    float seconds;
};

/// A spatial index of the snapped positions (on the streets), for walk_times_to.
[[nodiscard]] geo::PointIndex snap_index(std::span<const Snap> snaps);

/// Walking times from every origin to one destination within options.max_minutes, by one search
/// from the destination (walking is symmetric); the same times walk_matrix gives that column.
/// `origin_index` is snap_index(origins). Sorted by origin.
[[nodiscard]] std::vector<TimeTo> walk_times_to(WalkSearch& search, std::span<const Snap> origins,
                                                const geo::PointIndex& origin_index,
                                                const Snap& destination, const WalkOptions& options);

}  // namespace needmap::analysis::network
