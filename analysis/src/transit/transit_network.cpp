#include "needmap/analysis/transit/transit_network.hpp"

#include "needmap/analysis/network/walk_search.hpp"
#include "needmap/analysis/parallel.hpp"
#include "needmap/geo/spatial_index.hpp"

#include <algorithm>

namespace needmap::analysis::transit {

TransitNetwork link_to_streets(const Timetable& tt, const network::WalkNetwork& streets, const StreetOptions& options) {
    using namespace network;
    TransitNetwork out;
    out.timetable = &tt;
    out.streets = &streets;
    out.options = options;

    std::vector<geo::Point> positions = tt.stop_points;
    geo::Transformer(geo::wgs84(), streets.crs()).transform(positions);
    out.stop_snaps.reserve(positions.size());
    for (const geo::Point& p : positions) {
        out.stop_snaps.push_back(streets.snap(p, options.max_snap_m));
        if (out.stop_snaps.back().status == SnapStatus::TooFar) ++out.stops_unlinked;
    }

    // Walking transfers, one short search per stop.
    const double speed = options.walk_speed_kmh / 3.6;
    const EffortDm limit = effort_of_metres(options.max_walk_to_stop_m);
    const geo::PointIndex index(positions);
    std::vector<std::vector<StopWalk>> walks(tt.stop_count());
    JobQueue jobs(tt.stop_count());
    run_workers(worker_count(0, tt.stop_count()), [&](unsigned /*worker*/) {
        WalkSearch search(streets);
        while (const auto job = jobs.next()) {
            const std::size_t s = *job;
            if (out.stop_snaps[s].status == SnapStatus::TooFar) continue;
            search.run(out.stop_snaps[s], limit);
            for (const std::size_t t : index.within(positions[s], options.max_walk_to_stop_m)) {
                if (t == s) continue;
                const EffortDm e = search.effort_to(out.stop_snaps[t]);
                if (e == kUnreached) continue;
                walks[s].push_back({StopId(static_cast<std::uint32_t>(t)),
                                    Seconds(static_cast<std::int32_t>(std::lround(seconds_for(e, speed))))});
            }
        }
    });
    // transfers.txt: a minimum time replaces the walk; "not possible" removes it.
    for (std::uint32_t s = 0; s < tt.stop_count(); ++s) {
        for (const StopTransfer& rule : tt.transfers_from(StopId(s))) {
            if (rule.to.value() == s) continue;
            auto& list = walks[s];
            const auto it =
                std::find_if(list.begin(), list.end(), [&](const StopWalk& w) { return w.stop == rule.to; });
            if (rule.type == TransferType::NotPossible) {
                if (it != list.end()) list.erase(it);
            } else if (rule.min_time.value() > 0 || rule.type == TransferType::MinimumTime) {
                if (it != list.end())
                    it->time = std::max(it->time, rule.min_time);
                else
                    list.push_back({rule.to, rule.min_time});
            }
        }
    }
    out.transfer_first.assign(1, 0);
    for (auto& list : walks) {
        std::sort(list.begin(), list.end(), [](const StopWalk& a, const StopWalk& b) { return a.stop < b.stop; });
        out.transfers.insert(out.transfers.end(), list.begin(), list.end());
        out.transfer_first.push_back(static_cast<std::uint32_t>(out.transfers.size()));
    }
    return out;
}

}  // namespace needmap::analysis::transit
