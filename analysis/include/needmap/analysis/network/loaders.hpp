#pragma once

// Building the walking network from OpenStreetMap or from a road line layer.

#include "needmap/analysis/network/slopes.hpp"
#include "needmap/analysis/network/walk_network.hpp"
#include "needmap/analysis/network/walk_profile.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace needmap::analysis::network {

struct NetworkReport {
    std::string source;
    std::string crs_reason;              ///< which metric CRS the network is in, and why
    std::size_t ways_read = 0;           ///< ways (or line features) in the source
    std::size_t ways_used = 0;           ///< walkable ones
    std::size_t ways_excluded = 0;       ///< not walkable by their tags
    std::size_t duplicates_dropped = 0;  ///< line layers: the reverse copy of a two-way edge
    std::size_t missing_nodes = 0;       ///< OSM: way nodes without a location (clipped extracts)
    /// The ways are OpenStreetMap's: an OSM file, or a line layer made from one (OSMnx's edges,
    /// with their osmid), which must then be credited.
    bool openstreetmap = false;
    std::vector<std::string> notes;
    /// Set when a DEM was applied (load_streets).
    std::optional<SlopeReport> slopes;
};

/// The walkable ways of an OpenStreetMap file (.osm.pbf or .osm XML, read with libosmium).
/// Topology comes from shared OSM nodes. The network is projected into `crs`, or into the metric
/// CRS chosen for the data's location when none is given.
/// @throws InputError naming the file when it is missing, unreadable or corrupt, or holds no
/// walkable way.
[[nodiscard]] WalkNetwork load_osm_network(const std::filesystem::path& path, const WalkProfile& profile,
                                           NetworkReport& report, const std::optional<geo::Crs>& crs = {});

struct LineNetworkOptions {
    std::string layer;                      ///< for multi-layer sources
    double tolerance_m = 0.5;               ///< line ends closer than this are the same junction
    std::string highway_field = "highway";  ///< filtered like OSM tags when present
};

/// A road centreline layer or an OSMnx edge layer (any OGR line source). Topology comes from
/// line ends that coincide within the tolerance; each part of a MULTILINESTRING is a line of its
/// own. When the highway field exists, values such as "path,residential" (OSMnx lists) count as
/// walkable if any part is, and as steps if all parts are; a two-way edge stored twice (u→v and
/// v→u, as OSMnx does) is kept once.
/// @throws InputError naming the file when it cannot be read or holds no walkable line.
[[nodiscard]] WalkNetwork load_line_network(const std::filesystem::path& path, const WalkProfile& profile,
                                            const LineNetworkOptions& options, NetworkReport& report,
                                            const std::optional<geo::Crs>& crs = {});

/// Where the streets come from: an OpenStreetMap file, or a road line layer (exactly one); and
/// optionally a digital elevation model for the slopes.
struct StreetSource {
    std::filesystem::path osm;
    std::filesystem::path network;
    std::string network_layer;
    std::filesystem::path dem;  ///< any raster GDAL reads; empty: the streets are walked as level
};

/// load_osm_network or load_line_network, with the default walking profile, then the slopes
/// from the DEM when one is given (with_slopes; what it found goes into the report's notes).
/// @throws InputError as they do, or naming the DEM when it cannot serve.
[[nodiscard]] WalkNetwork load_streets(const StreetSource& source, NetworkReport& report,
                                       const std::optional<geo::Crs>& crs = {});

/// What a snap status means, for people: "joined the streets", "on a small disconnected piece of
/// path", "farther than the max snap distance from any walkable way".
[[nodiscard]] std::string_view describe(SnapStatus status);
/// The same as a stable word for files: "ok", "island", "too_far".
[[nodiscard]] std::string_view key_of(SnapStatus status);

}  // namespace needmap::analysis::network
