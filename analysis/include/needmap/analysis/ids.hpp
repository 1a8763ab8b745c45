#pragma once

// Strong ids of the flat arrays that graphs and timetables are made of. Each indexes one array;
// they cannot be mixed up with each other or with counts.

#include "needmap/geo/strong.hpp"

#include <cstdint>
#include <limits>

namespace needmap::analysis {

using NodeId = Strong<std::uint32_t, struct NodeIdTag>;    ///< a junction of the walking network
using EdgeId = Strong<std::uint32_t, struct EdgeIdTag>;    ///< a way between two junctions
using StopId = Strong<std::uint32_t, struct StopIdTag>;    ///< a transit stop (not a station)
using RouteId = Strong<std::uint32_t, struct RouteIdTag>;  ///< a RAPTOR route: trips with one stop sequence
using TripId = Strong<std::uint32_t, struct TripIdTag>;    ///< a vehicle journey on one service day

/// The "no such id" value of an id type.
template <typename Id>
constexpr Id invalid_id() {
    return Id(std::numeric_limits<typename Id::value_type>::max());
}

}  // namespace needmap::analysis
