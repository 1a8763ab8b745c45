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

std::vector<TimeTo> walk_times_to(WalkSearch& search, std::span<const Snap> origins,
                                  const geo::PointIndex& origin_index, const Snap& destination,
                                  const WalkOptions& options) {
    std::vector<TimeTo> out;
    if (destination.status == SnapStatus::TooFar) return out;
    const double speed = speed_mps(options);
    const EffortDm limit = effort_in(options.max_minutes * 60.0, speed);
    search.run(destination, limit, Direction::To);
    // No walk is shorter than the straight line: points farther than the limit cannot be reached.
    for (const std::size_t o : origin_index.within(destination.on_edge, limit / 10.0 + 1)) {
        const EffortDm e = search.effort_to(origins[o]);
        if (e != kUnreached) out.push_back({static_cast<std::uint32_t>(o), static_cast<float>(seconds_for(e, speed))});
    }
    std::sort(out.begin(), out.end(), [](const TimeTo& a, const TimeTo& b) { return a.origin < b.origin; });
    return out;
}

geo::PointIndex snap_index(std::span<const Snap> snaps) {
    std::vector<geo::Point> positions;
    positions.reserve(snaps.size());
    for (const Snap& s : snaps) positions.push_back(s.on_edge);
    return geo::PointIndex(positions);
}

TravelTimeMatrix walk_matrix(const WalkNetwork& network, std::span<const Snap> origins,
                             std::span<const Snap> destinations, const WalkOptions& options,
                             const ProgressCallback& progress) {
    const double speed = speed_mps(options);
    const EffortDm limit = effort_in(options.max_minutes * 60.0, speed);
    struct Entry {
        std::uint32_t origin;
        std::uint32_t destination;
        float seconds;
    };
    // Search from whichever side has fewer points: from the destinations, towards them.
    const bool from_destinations = destinations.size() < origins.size();
    const std::span<const Snap> from = from_destinations ? destinations : origins;
    const std::span<const Snap> to = from_destinations ? origins : destinations;
    const geo::PointIndex to_index = snap_index(to);
    std::vector<std::vector<Entry>> found(worker_count(options.threads, from.size()));
    JobQueue jobs(from.size(), progress, "walking times", 32);
    run_workers(static_cast<unsigned>(found.size()), [&](unsigned worker) {
        WalkSearch search(network);
        while (const auto job = jobs.next()) {
            const auto f = static_cast<std::uint32_t>(*job);
            if (from[f].status != SnapStatus::TooFar) {
                search.run(from[f], limit, from_destinations ? Direction::To : Direction::From);
                // No walk is shorter than the straight line.
                for (const std::size_t t : to_index.within(from[f].on_edge, limit / 10.0 + 1)) {
                    const EffortDm e = search.effort_to(to[t]);
                    if (e == kUnreached) continue;
                    const auto seconds = static_cast<float>(seconds_for(e, speed));
                    const auto other = static_cast<std::uint32_t>(t);
                    found[worker].push_back(from_destinations ? Entry{other, f, seconds} : Entry{f, other, seconds});
                }
            }
            jobs.finished();
        }
    });
    std::vector<Entry> all;
    for (auto& f : found) all.insert(all.end(), f.begin(), f.end());
    std::sort(all.begin(), all.end(), [](const Entry& a, const Entry& b) {
        return a.origin != b.origin ? a.origin < b.origin : a.destination < b.destination;
    });
    TravelTimeMatrix m;
    m.row_begin.reserve(origins.size() + 1);
    std::size_t k = 0;
    for (std::uint32_t o = 0; o < origins.size(); ++o) {
        for (; k < all.size() && all[k].origin == o; ++k) {
            m.destination.push_back(all[k].destination);
            m.seconds.push_back(all[k].seconds);
        }
        m.row_begin.push_back(static_cast<std::uint32_t>(m.destination.size()));
    }
    return m;
}

}  // namespace needmap::analysis::network
