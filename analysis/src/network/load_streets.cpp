#include "needmap/analysis/network/loaders.hpp"

namespace needmap::analysis::network {

WalkNetwork load_streets(const StreetSource& source, NetworkReport& report, const std::optional<geo::Crs>& crs) {
    if (!source.osm.empty()) return load_osm_network(source.osm, WalkProfile{}, report, crs);
    return load_line_network(source.network, WalkProfile{}, LineNetworkOptions{source.network_layer, 0.5, "highway"},
                             report, crs);
}

std::string_view describe(SnapStatus status) {
    switch (status) {
        case SnapStatus::Ok:
            return "joined the streets";
        case SnapStatus::Island:
            return "on a small disconnected piece of path";
        case SnapStatus::TooFar:
            return "farther than the max snap distance from any walkable way";
    }
    return "";
}

std::string_view key_of(SnapStatus status) {
    switch (status) {
        case SnapStatus::Ok:
            return "ok";
        case SnapStatus::Island:
            return "island";
        case SnapStatus::TooFar:
            return "too_far";
    }
    return "";
}

}  // namespace needmap::analysis::network
