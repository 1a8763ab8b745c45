// The r5r paper's workload on its own data: Porto Alegre, 1227 x 1227, walk + transit, a
// 120-minute window from 14:00 on 2019-05-13, 5 percentiles, trips up to 120 minutes.

#include "bench.hpp"
#include "needmap/analysis/transit/transit.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <sys/resource.h>

namespace needmap::bench {

void bench_transit(Table& table) {
    const auto poa = shared_data("r5r-poa");
    if (!poa) return;
    {
        analysis::transit::Feed feed;
        const double s = best_seconds(3, [&] { feed = analysis::transit::load_feed(*poa / "poa_eptc.zip"); });
        table.add({"load poa_eptc.zip (GTFS, 96% of times blank)", fmt::format("{:.3f} s", s), "",
                   fmt::format("{} trips, {} times interpolated", feed.trips.size(), feed.report.interpolated_times)});
    }
    const std::string cmd = fmt::format(
        "{} matrix -q --osm {} --gtfs {} --gtfs {} --origins {} --destinations {} --mode transit "
        "--departure 2019-05-13T14:00 --window 120 --percentiles 5,25,50,75,95 --max-time 120 --walk-speed 3.6 "
        "-o /tmp/needmap-bench-transit.csv 2>/dev/null",
        cli_path(), (*poa / "poa_osm.pbf").string(), (*poa / "poa_eptc.zip").string(),
        (*poa / "poa_trensurb.zip").string(), (*poa / "poa_hexgrid.csv").string(), (*poa / "poa_hexgrid.csv").string());
    int status = 0;
    const double s = best_seconds(3, [&] { status = std::system(cmd.c_str()); });
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    table.add({"needmap matrix --mode transit, Porto Alegre 1227 x 1227", fmt::format("{:.2f} s", s), "< 12 s",
               status == 0 ? "whole command, 120 departures x 5 percentiles, best of 3" : "FAILED"});
    table.add({"  peak memory of that run", fmt::format("{:.0f} MiB", static_cast<double>(usage.ru_maxrss) / 1024.0),
               "< 2048 MiB", "largest child process so far (includes the walk matrix runs)"});
    // Arrive-by over the same workload: 120 deadlines up to 16:00, one reverse range search per destination.
    std::string arrive = cmd;
    arrive.replace(arrive.find("--departure 2019-05-13T14:00"), std::string("--departure 2019-05-13T14:00").size(),
                   "--arrive-by 2019-05-13T16:00");
    const double a = best_seconds(3, [&] { status = std::system(arrive.c_str()); });
    table.add({"needmap matrix --arrive-by, Porto Alegre 1227 x 1227", fmt::format("{:.2f} s ({:.2f}x)", a, a / s),
               "< 1.5x depart-at", status == 0 ? "120 deadlines to 16:00 x 5 percentiles, best of 3" : "FAILED"});
}

}  // namespace needmap::bench
