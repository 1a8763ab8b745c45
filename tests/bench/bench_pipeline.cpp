// The whole pipeline on Porto Alegre: the hexgrid's people as demand and as candidate sites, its
// health-care cells as resources, on foot and by bus over 120 minutes from 14:00.

#include "bench.hpp"
#include "needmap/geo/csv.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace needmap::bench {

void bench_pipeline(Table& table) {
    const auto poa = shared_data("r5r-poa");
    if (!poa) return;
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "needmap-bench-poa";
    std::filesystem::create_directories(dir);
    geo::CsvReader reader = geo::CsvReader::open(*poa / "poa_hexgrid.csv");
    const geo::CsvTable grid = geo::read_csv_table(reader);
    std::ofstream cells(dir / "cells.csv");
    std::ofstream care(dir / "care.csv");
    cells << "id,lon,lat,population\n";
    care << "id,lon,lat,capacity\n";
    double x0 = 1e9, x1 = -1e9, y0 = 1e9, y1 = -1e9;
    for (const auto& row : grid.rows) {
        const double x = std::stod(row[1]);
        const double y = std::stod(row[2]);
        x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
        if (!row[3].empty() && std::stoi(row[3]) > 0)
            cells << fmt::format("{},{},{},{}\n", row[0], row[1], row[2], row[3]);
        if (!row[6].empty() && std::stoi(row[6]) > 0)
            care << fmt::format("{},{},{},{}\n", row[0], row[1], row[2], row[6]);
    }
    cells.close();
    care.close();
    const double xm = (x0 + x1) / 2;
    std::ofstream(dir / "districts.geojson") << fmt::format(
        R"({{"type":"FeatureCollection","features":[
{{"type":"Feature","properties":{{"id":"W","name":"West"}},"geometry":{{"type":"Polygon","coordinates":[[[{0},{2}],[{1},{2}],[{1},{3}],[{0},{3}],[{0},{2}]]]}}}},
{{"type":"Feature","properties":{{"id":"E","name":"East"}},"geometry":{{"type":"Polygon","coordinates":[[[{1},{2}],[{4},{2}],[{4},{3}],[{1},{3}],[{1},{2}]]]}}}}]}})",
        x0 - 0.01, xm, y0 - 0.01, y1 + 0.01, x1 + 0.01);
    std::ofstream(dir / "project.toml") << fmt::format(R"(
[project]
name = "Porto Alegre health care"
[districts]
file = "districts.geojson"
id_field = "id"
name_field = "name"
[population]
type = "layer"
file = "cells.csv"
key_field = "id"
elderly_band = "population"
[population.bands]
population = "population"
[[resources]]
kind = "health"
file = "care.csv"
capacity_field = "capacity"
[streets]
osm = "{0}/poa_osm.pbf"
[transit]
gtfs = ["{0}/poa_eptc.zip", "{0}/poa_trensurb.zip"]
departure = "2019-05-13T14:00"
window = 120
[candidates]
file = "cells.csv"
[parameters]
threshold = 30
walk_speed = 3.6
new_sites = 5
)",
                                                       poa->string());
    const std::string cmd = fmt::format("{} run -q {} -o {} > /dev/null 2>&1", cli_path(),
                                        (dir / "project.toml").string(), (dir / "out.gpkg").string());
    int status = 0;
    const double s = best_seconds(1, [&] { status = std::system(cmd.c_str()); });
    table.add({"needmap run, Porto Alegre (1,124 points x 1,241 places, walk + bus)", fmt::format("{:.1f} s", s),
               "< 30 s",
               status == 0 ? "whole run: read, travel times, access, ILP siting, service areas, write" : "FAILED"});
}

}  // namespace needmap::bench
