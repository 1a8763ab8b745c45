#include "needmap/analysis/network/walk_matrix.hpp"

#include "needmap/analysis/network/walk_search.hpp"
#include "needmap/geo/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

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

namespace {

unsigned worker_count(unsigned requested, std::size_t jobs) {
    const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
    return static_cast<unsigned>(
        std::min<std::size_t>(requested == 0 ? cores : requested, std::max<std::size_t>(jobs, 1)));
}

}  // namespace

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
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{0};
    std::mutex progress_mutex;

    auto work = [&] {
        WalkSearch search(network);
        for (std::size_t o = next++; o < origins.size(); o = next++) {
            Row& row = rows[o];
            if (origins[o].status != SnapStatus::TooFar) {
                search.run(origins[o], limit);
                for (std::uint32_t d = 0; d < destinations.size(); ++d) {
                    const EffortDm e = search.effort_to(destinations[d]);
                    if (e == kUnreached) continue;
                    row.destination.push_back(d);
                    row.seconds.push_back(static_cast<float>(seconds_for(e, speed)));
                }
            }
            const std::size_t finished = ++done;
            if (progress && (finished % 64 == 0 || finished == origins.size())) {
                const std::scoped_lock lock(progress_mutex);
                progress({"walk matrix", finished, origins.size()});
            }
        }
    };
    std::vector<std::jthread> workers;
    const unsigned n = worker_count(options.threads, origins.size());
    for (unsigned t = 1; t < n; ++t) workers.emplace_back(work);
    work();
    workers.clear();  // joins

    TravelTimeMatrix m;
    m.row_begin.reserve(origins.size() + 1);
    for (const Row& row : rows) {
        m.destination.insert(m.destination.end(), row.destination.begin(), row.destination.end());
        m.seconds.insert(m.seconds.end(), row.seconds.begin(), row.seconds.end());
        m.row_begin.push_back(static_cast<std::uint32_t>(m.destination.size()));
    }
    return m;
}

}  // namespace needmap::analysis::network
