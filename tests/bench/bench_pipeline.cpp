// The whole pipeline on Porto Alegre: the hexgrid's people as demand and as candidate sites, its
// health-care cells as resources, on foot and by bus over 120 minutes from 14:00.

#include "bench.hpp"
#include "poa_project.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>

namespace needmap::bench {

void bench_pipeline(Table& table) {
    const auto poa = shared_data("r5r-poa");
    if (!poa) return;
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "needmap-bench-poa";
    std::filesystem::create_directories(dir);
    const std::filesystem::path project = test::write_poa_project(*poa, dir, 120);
    const std::string cmd =
        fmt::format("{} run -q {} -o {} > /dev/null 2>&1", cli_path(), project.string(), (dir / "out.gpkg").string());
    int status = 0;
    const double s = best_seconds(1, [&] { status = std::system(cmd.c_str()); });
    table.add({"needmap run, Porto Alegre (1,124 points x 1,241 places, walk + bus)", fmt::format("{:.1f} s", s),
               "< 30 s",
               status == 0 ? "whole run: read, travel times, access, ILP siting, service areas, write" : "FAILED"});
}

}  // namespace needmap::bench
