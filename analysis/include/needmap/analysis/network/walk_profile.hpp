#pragma once

// Which ways older pedestrians can walk, and at what effort.

#include <optional>
#include <string_view>

namespace needmap::analysis::network {

struct WalkProfile {
    /// Effort of a metre of steps, in metres of level walking. Steps slow older walkers down
    /// more than anything else on a footway; 2 means a flight of stairs takes twice as long as
    /// the same length on the flat.
    float steps_factor = 2.0F;
};

/// The OSM tags that decide whether a way is walkable (empty when absent).
struct WayTags {
    std::string_view highway;
    std::string_view foot;
    std::string_view access;
    std::string_view railway;
    std::string_view public_transport;
};

/// The effort factor of a way, or nothing when pedestrians cannot use it. Walkable: footway,
/// path, pedestrian, steps, living_street, residential, service, unclassified, road, track,
/// tertiary and up (with links), cycleway, corridor, platforms; bridleway only with foot=yes.
/// Not walkable: motorways, foot=no, access=no/private (unless foot=yes/designated/permissive),
/// ways under construction or proposed. One-way tags do not bind pedestrians. Area highways
/// (pedestrian squares) are walked along their outline like any closed way.
[[nodiscard]] std::optional<float> walk_factor(const WayTags& tags, const WalkProfile& profile);

}  // namespace needmap::analysis::network
