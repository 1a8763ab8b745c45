#include "needmap/analysis/network/loaders.hpp"

#include "needmap/analysis/network/slopes.hpp"
#include "needmap/geo/error.hpp"

#include <fmt/format.h>

namespace needmap::analysis::network {

WalkNetwork load_streets(const StreetSource& source, NetworkReport& report, const std::optional<geo::Crs>& crs) {
    WalkNetwork streets = !source.osm.empty()
                              ? load_osm_network(source.osm, WalkProfile{}, report, crs)
                              : load_line_network(source.network, WalkProfile{},
                                                  LineNetworkOptions{source.network_layer, 0.5, "highway"}, report, crs);
    if (source.dem.empty()) return streets;
    SlopeReport slopes;
    try {
        streets = with_slopes(streets, geo::Raster::read(source.dem), slopes);
    } catch (const geo::InputError& e) {
        const std::string what = e.what();
        throw geo::InputError(what.starts_with(source.dem.string()) ? what
                                                                    : fmt::format("{}: {}", source.dem.string(), what));
    }
    report.slopes = slopes;
    return streets;
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
