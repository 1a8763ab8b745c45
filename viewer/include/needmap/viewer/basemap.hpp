#pragma once

// The project's own streets as a quiet basemap under the results (a council room has no tile
// server): the walking network's edges as lines, in pieces small enough to leave out off screen.

#include "needmap/analysis/network/walk_network.hpp"
#include "needmap/geo/layer.hpp"

namespace needmap::viewer {

/// The network's edges as line features of about `edges_per_piece` nearby edges each, in its CRS.
[[nodiscard]] geo::Layer streets_basemap(const analysis::network::WalkNetwork& streets, std::size_t edges_per_piece = 200);

}  // namespace needmap::viewer
