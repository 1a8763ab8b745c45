// The walking engine: graph builds and the r5r-style 1227 x 1227 walk matrix in Porto Alegre.

#include "bench.hpp"
#include "needmap/analysis/network/loaders.hpp"
#include "needmap/analysis/network/walk_matrix.hpp"

#include <fmt/format.h>

#include <cstdlib>

namespace needmap::bench {

void bench_network(Table& table) {
    using namespace analysis::network;
    const auto poa = shared_data("r5r-poa");
    if (poa) {
        WalkNetwork net;
        const double s = best_seconds(3, [&] {
            NetworkReport report;
            net = load_osm_network(*poa / "poa_osm.pbf", WalkProfile{}, report);
        });
        table.add({"walk graph from poa_osm.pbf (read, build)", fmt::format("{:.3f} s", s), "",
                   fmt::format("{} junctions, {} edges, {:.1f} MiB", net.node_count(), net.edge_count(),
                               static_cast<double>(net.memory_bytes()) / 1048576.0)});

        const auto cells = analysis::read_places(*poa / "poa_hexgrid.csv", net.crs());
        const auto snaps = snap_places(net, cells, 500);
        WalkOptions options;
        options.speed_kmh = 3.6;
        options.max_minutes = 60;
        std::size_t pairs = 0;
        const double m = best_seconds(3, [&] { pairs = walk_matrix(net, snaps, snaps, options).entry_count(); });
        table.add({"1227 x 1227 walk searches, 3.6 km/h, 60 min", fmt::format("{:.3f} s", m), "",
                   fmt::format("{} pairs, 2 threads", pairs)});
    }
    if (auto ube = shared_data("ube-osm-walk")) {
        WalkNetwork net;
        const double s = best_seconds(3, [&] {
            NetworkReport report;
            net = load_line_network(*ube / "ube_walk_edges_osm_only.gpkg", WalkProfile{}, LineNetworkOptions{}, report);
        });
        table.add({"walk graph from Ube line layer (30,750 lines)", fmt::format("{:.3f} s", s), "",
                   fmt::format("{} junctions, {} edges, {:.1f} MiB", net.node_count(), net.edge_count(),
                               static_cast<double>(net.memory_bytes()) / 1048576.0)});
    }
    if (poa) {
        // The whole command as a user runs it: read PBF, build, snap, search, write the CSV.
        const std::string cmd = fmt::format(
            "{} matrix -q --osm {} --origins {} --destinations {} --mode walk --walk-speed 3.6 --max-time 60 "
            "-o /tmp/needmap-bench-walk.csv 2>/dev/null",
            cli_path(), (*poa / "poa_osm.pbf").string(), (*poa / "poa_hexgrid.csv").string(),
            (*poa / "poa_hexgrid.csv").string());
        int status = 0;
        const double s = best_seconds(5, [&] { status = std::system(cmd.c_str()); });
        table.add({"needmap matrix --mode walk, Porto Alegre 1227 x 1227", fmt::format("{:.3f} s", s), "< 0.5 s",
                   status == 0 ? "whole command, best of 5" : "FAILED"});
    }
}

}  // namespace needmap::bench
