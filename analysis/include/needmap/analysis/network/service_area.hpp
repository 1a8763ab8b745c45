#pragma once

// Service areas (isochrones) built from the streets actually reached, not from a hull over
// reached nodes, which covers land beyond rivers and railways that nobody can walk to.

#include "needmap/analysis/network/walk_search.hpp"
#include "needmap/geo/geometry.hpp"

namespace needmap::analysis::network {

/// The parts of the network reached by the search's last run within its limit: whole edges, and
/// the reached stretches of edges where the time ran out (cut at the exact point), in the
/// network's CRS.
[[nodiscard]] geo::MultiLineString reached_lines(const WalkNetwork& network, const WalkSearch& search);

/// The area within `limit` of `origin`: the reached lines buffered by `buffer_m` metres (the
/// depth of the plots along a street) and united. Empty when the origin could not be snapped.
[[nodiscard]] geo::MultiPolygon service_area(const WalkNetwork& network, WalkSearch& search, const Snap& origin,
                                             EffortDm limit, double buffer_m,
                                             Direction direction = Direction::From);
/// The area within `limit` of any of the origins (unsnapped ones are ignored): walked from them,
/// or with Direction::To, walked to them.
[[nodiscard]] geo::MultiPolygon service_area(const WalkNetwork& network, WalkSearch& search,
                                             std::span<const Snap> origins, EffortDm limit, double buffer_m,
                                             Direction direction = Direction::From);

}  // namespace needmap::analysis::network
