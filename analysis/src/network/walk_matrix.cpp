#include "needmap/analysis/network/walk_matrix.hpp"

#include "needmap/analysis/network/walk_search.hpp"
#include "needmap/analysis/parallel.hpp"
#include "needmap/geo/error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace needmap::analysis::network {

void require_within_extent(const WalkNetwork& network, std::span<const Place> places, double margin_m,
                           const std::string& source) {
    const geo::Box box = network.extent();
    std::vector<std::string> outside;
    for (const Place& p : places)
        if (p.position.x < box.min_corner().x - margin_m || p.position.x > box.max_corner().x + margin_m ||
            p.position.y < box.min_corner().y - margin_m || p.position.y > box.max_corner().y + margin_m)
            outside.push_back(p.id);
    if (outside.empty()) return;
    std::string ids;
    for (std::size_t i = 0; i < outside.size() && i < 5; ++i) ids += (i ? ", " : "") + outside[i];
    throw geo::InputError(
        fmt::format("{}: {} of {} points lie outside the walking network's extent (ids {}{}); is "
                    "the network the right area, and are the columns lon/lat?",
                    source, outside.size(), places.size(), ids, outside.size() > 5 ? ", ..." : ""));
}

std::vector<Snap> snap_places(const WalkNetwork& network, std::span<const Place> places, double max_snap_m) {
    std::vector<Snap> snaps;
    snaps.reserve(places.size());
    for (const Place& p : places) snaps.push_back(network.snap(p.position, max_snap_m));
    return snaps;
}

SnapSummary summarise(std::span<const Snap> snaps, std::span<const Place> places) {
    SnapSummary s;
    std::vector<double> distances;
    for (std::size_t i = 0; i < snaps.size(); ++i) {
        switch (snaps[i].status) {
            case SnapStatus::Ok:
                ++s.ok;
                break;
            case SnapStatus::Island:
                ++s.island;
                s.island_ids.push_back(places[i].id);
                break;
            case SnapStatus::TooFar:
                ++s.too_far;
                s.unreachable_ids.push_back(places[i].id);
                continue;
        }
        distances.push_back(snaps[i].distance_m);
        if (snaps[i].passed_island) ++s.passed_island;
    }
    if (!distances.empty()) {
        std::sort(distances.begin(), distances.end());
        s.median_m = distances[distances.size() / 2];
        s.max_m = distances.back();
    }
    return s;
}

TravelTimeMatrix walk_matrix(const WalkNetwork& network, std::span<const Snap> origins,
                             std::span<const Snap> destinations, const WalkOptions& options,
                             const ProgressCallback& progress) {
    const double speed = speed_mps(options);
    const EffortDm limit = effort_in(options.max_minutes * 60.0, speed);
    struct Row {
        std::vector<std::uint32_t> destination;
        std::vector<float> seconds;
    };
    std::vector<Row> rows(origins.size());
    JobQueue jobs(origins.size(), progress, "walk matrix", 64);
    run_workers(worker_count(options.threads, origins.size()), [&](unsigned /*worker*/) {
        WalkSearch search(network);
        while (const auto o = jobs.next()) {
            Row& row = rows[*o];
            if (origins[*o].status != SnapStatus::TooFar) {
                search.run(origins[*o], limit);
                for (std::uint32_t d = 0; d < destinations.size(); ++d) {
                    const EffortDm e = search.effort_to(destinations[d]);
                    if (e == kUnreached) continue;
                    row.destination.push_back(d);
                    row.seconds.push_back(static_cast<float>(seconds_for(e, speed)));
                }
            }
            jobs.finished();
        }
    });

    TravelTimeMatrix m;
    m.row_begin.reserve(origins.size() + 1);
    for (const Row& row : rows) m.add_row(row.destination, row.seconds);
    return m;
}

}  // namespace needmap::analysis::network
