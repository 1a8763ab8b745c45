#pragma once

// Walking effort on slopes, from a digital elevation model: Tobler's hiking function (Tobler
// 1993, v = 6 exp(-3.5 |S + 0.05|) km/h for the gradient S), scaled so that the level speed is the
// project's walking speed for older people. Uphill and steep downhill are slower than the level.
// Tobler's hikers also go up to 19% faster on a gentle descent; older walkers go down carefully,
// so by default no slope is walked faster than the level (SlopeOptions::downhill_gain). Steps
// keep their own effort (WalkProfile), in either direction: their climb is what the steps factor
// prices.

#include "needmap/analysis/network/walk_network.hpp"
#include "needmap/geo/raster.hpp"

#include <cstddef>

namespace needmap::analysis::network {

/// Effort of a metre walked on gradient `rise_per_run` (up positive), in metres of level walking.
[[nodiscard]] double tobler_factor(double rise_per_run);

struct SlopeOptions {
    double sample_m = 10;        ///< edges are sampled at most this far apart
    bool downhill_gain = false;  ///< walk gentle descents faster than the level, as Tobler's hikers do
};

struct SlopeReport {
    std::size_t edges = 0;             ///< whose effort changed
    std::size_t samples = 0;           ///< elevation samples taken along the streets
    std::size_t samples_no_data = 0;   ///< of those, off the model or on its no-data cells (level there)
    double steepest = 0;               ///< the steepest gradient of a stretch walked (absolute, rise over run)
    double level_km = 0;               ///< walkable length (steps excluded)
    double effort_up_km = 0;           ///< its effort walked from each edge's start to its end, and back
    double effort_down_km = 0;
};

/// The network with each edge's effort in each direction from the gradients along it, sampled
/// from `dem` (in any CRS: the samples are transformed into it).
/// @throws InputError when the model covers none of the streets or has no data under any of them.
[[nodiscard]] WalkNetwork with_slopes(const WalkNetwork& network, const geo::Raster& dem, SlopeReport& report,
                                      const SlopeOptions& options = {});

}  // namespace needmap::analysis::network
