// Filling blank stop times between timepoints, by distance along the trip, as r5 does.

#include "detail/gtfs_file.hpp"

#include <cmath>
#include <numbers>

namespace needmap::analysis::transit::detail {
namespace {

constexpr double kEarthRadiusMeters = 6'371'008.8;  // IUGG mean radius

/// Whether rows[j..k] all give shape_dist_traveled, never decreasing and growing overall.
bool shape_dist_usable(std::span<const StopTime> rows, std::size_t j, std::size_t k) {
    for (std::size_t i = j; i <= k; ++i) {
        if (!rows[i].shape_dist_traveled) return false;
        if (i > j && *rows[i].shape_dist_traveled < *rows[i - 1].shape_dist_traveled) return false;
    }
    return *rows[k].shape_dist_traveled > *rows[j].shape_dist_traveled;
}

/// Fills rows strictly between the timepoints j and k.
void fill_gap(std::span<StopTime> rows, std::size_t j, std::size_t k, const std::vector<Stop>& stops,
              std::vector<double>& along) {
    // along[i - j]: distance from row j to row i, in shape units or metres.
    along.assign(k - j + 1, 0.0);
    if (shape_dist_usable(rows, j, k)) {
        for (std::size_t i = j; i <= k; ++i) along[i - j] = *rows[i].shape_dist_traveled - *rows[j].shape_dist_traveled;
    } else {
        for (std::size_t i = j + 1; i <= k; ++i)
            along[i - j] = along[i - j - 1] + haversine_meters(stops[rows[i - 1].stop.value()].lon_lat,
                                                               stops[rows[i].stop.value()].lon_lat);
    }
    const double total = along.back();
    const double start = rows[j].departure.value();
    const double span = rows[k].arrival.value() - start;
    for (std::size_t i = j + 1; i < k; ++i) {
        // Stops all at one place: spread the time evenly by count.
        const double share = total > 0 ? along[i - j] / total : static_cast<double>(i - j) / static_cast<double>(k - j);
        const Seconds t(static_cast<std::int32_t>(std::lround(start + span * share)));
        rows[i].arrival = t;
        rows[i].departure = t;
    }
}

}  // namespace

double haversine_meters(geo::Point a, geo::Point b) {
    constexpr double kRadians = std::numbers::pi / 180.0;
    const double phi1 = a.y * kRadians;
    const double phi2 = b.y * kRadians;
    const double half_dphi = (phi2 - phi1) / 2;
    const double half_dlambda = (b.x - a.x) * kRadians / 2;
    const double h = std::sin(half_dphi) * std::sin(half_dphi) +
                     std::cos(phi1) * std::cos(phi2) * std::sin(half_dlambda) * std::sin(half_dlambda);
    return 2 * kEarthRadiusMeters * std::asin(std::min(1.0, std::sqrt(h)));
}

std::size_t interpolate_trip(std::span<StopTime> rows, const std::vector<Stop>& stops) {
    std::size_t filled = 0;
    std::vector<double> along;
    std::size_t previous = 0;  // the last timepoint seen
    for (std::size_t i = 1; i < rows.size(); ++i) {
        if (rows[i].interpolated) continue;
        if (i > previous + 1) {
            fill_gap(rows, previous, i, stops, along);
            filled += i - previous - 1;
        }
        previous = i;
    }
    return filled;
}

}  // namespace needmap::analysis::transit::detail
