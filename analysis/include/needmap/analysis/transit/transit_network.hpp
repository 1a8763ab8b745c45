#pragma once

// The day's timetable tied to the streets: stops joined to the walking network, and the walking
// transfers between nearby stops, computed on that network (not as the crow flies).

#include "needmap/analysis/network/walk_network.hpp"
#include "needmap/analysis/transit/timetable.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace needmap::analysis::transit {

struct StreetOptions {
    double walk_speed_kmh = 3.0;
    double max_walk_to_stop_m = 800;  ///< access, egress and transfers, in metres of walking effort
    double max_snap_m = 500;          ///< stops farther from any walkable way are not used
    Seconds board_slack{60};          ///< time to be at a stop before a vehicle leaves, as r5
};

/// A walk to or from a stop.
struct StopWalk {
    StopId stop;
    Seconds time;
};

struct TransitNetwork {
    const Timetable* timetable = nullptr;
    const network::WalkNetwork* streets = nullptr;
    StreetOptions options;
    std::vector<network::Snap> stop_snaps;  ///< per stop
    std::size_t stops_unlinked = 0;         ///< stops too far from any walkable way
    /// Walking transfers from each stop (CSR by stop), including transfers.txt rules, which
    /// replace the walked time where they give one; never a transfer to the stop itself.
    std::vector<std::uint32_t> transfer_first;
    std::vector<StopWalk> transfers;

    [[nodiscard]] std::span<const StopWalk> transfers_from(StopId s) const {
        return {transfers.data() + transfer_first[s.value()], transfers.data() + transfer_first[s.value() + 1]};
    }
};

/// Joins the stops to the streets and walks the transfers between them, in parallel.
/// Both the timetable and the streets must outlive the result.
[[nodiscard]] TransitNetwork link_to_streets(const Timetable& timetable, const network::WalkNetwork& streets,
                                             const StreetOptions& options);

}  // namespace needmap::analysis::transit
