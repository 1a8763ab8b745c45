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

using DistrictId = Strong<std::uint32_t, struct DistrictIdTag>;  ///< a district (中学校区) of a run
using PointId = Strong<std::uint32_t, struct PointIdTag>;        ///< a demand point of a run
using PlaceId = Strong<std::uint32_t, struct PlaceIdTag>;        ///< a place (existing or candidate) of a run
using KindId = Strong<std::uint32_t, struct KindIdTag>;          ///< a kind of place: salon, shop, ...

/// The "no such id" value of an id type.
template <typename Id>
constexpr Id invalid_id() {
    return Id(std::numeric_limits<typename Id::value_type>::max());
}

}  // namespace needmap::analysis
