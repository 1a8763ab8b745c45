// The whole pipeline on r5r's Porto Alegre data: the hexgrid's population as demand, its
// healthcare counts as resources, on foot and by bus (skipped where the data is absent).

#include "needmap/analysis/pipeline/run.hpp"
#include "needmap/geo/csv.hpp"
#include "needmap/geo/layer_io.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <map>

using namespace needmap;
using namespace needmap::analysis::pipeline;
using needmap::test::TempDir;
using needmap::test::write_file;

TEST_CASE("Porto Alegre: every layer, and coverage as needmap matrix computes it on its own", "[realdata][pipeline]") {
    NEEDMAP_SHARED_DATA(dir, "r5r-poa");
    TempDir tmp;
    // Cells with people are the demand and the candidates; cells with health care the resources
    // (capacity: their count); four quadrant districts around the data.
    geo::CsvReader reader = geo::CsvReader::open(dir / "poa_hexgrid.csv");
    const geo::CsvTable grid = geo::read_csv_table(reader);
    const auto id = grid.require_column("id");
    const auto lon = grid.require_column("lon");
    const auto lat = grid.require_column("lat");
    const auto population = grid.require_column("population");
    const auto health = grid.require_column("healthcare");
    std::string cells = "id,lon,lat,population\n";
    std::string care = "id,lon,lat,capacity\n";
    double x0 = 1e9, x1 = -1e9, y0 = 1e9, y1 = -1e9;
    for (const auto& row : grid.rows) {
        const double x = std::stod(row[lon]);
        const double y = std::stod(row[lat]);
        x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
        if (!row[population].empty() && std::stoi(row[population]) > 0)
            cells += fmt::format("{},{},{},{}\n", row[id], row[lon], row[lat], row[population]);
        if (!row[health].empty() && std::stoi(row[health]) > 0)
            care += fmt::format("{},{},{},{}\n", row[id], row[lon], row[lat], row[health]);
    }
    write_file(tmp / "cells.csv", cells);
    write_file(tmp / "care.csv", care);
    const double xm = (x0 + x1) / 2, ym = (y0 + y1) / 2;
    x0 -= 0.01, x1 += 0.01, y0 -= 0.01, y1 += 0.01;
    auto square = [](double a, double b, double c, double d) {
        return fmt::format("[[[{0},{1}],[{2},{1}],[{2},{3}],[{0},{3}],[{0},{1}]]]", a, b, c, d);
    };
    write_file(tmp / "districts.geojson", fmt::format(R"({{"type":"FeatureCollection","features":[
        {{"type":"Feature","properties":{{"id":"NW","name":"Noroeste"}},"geometry":{{"type":"Polygon","coordinates":{}}}}},
        {{"type":"Feature","properties":{{"id":"NE","name":"Nordeste"}},"geometry":{{"type":"Polygon","coordinates":{}}}}},
        {{"type":"Feature","properties":{{"id":"SW","name":"Sudoeste"}},"geometry":{{"type":"Polygon","coordinates":{}}}}},
        {{"type":"Feature","properties":{{"id":"SE","name":"Sudeste"}},"geometry":{{"type":"Polygon","coordinates":{}}}}}]}})",
                                                      square(x0, ym, xm, y1), square(xm, ym, x1, y1),
                                                      square(x0, y0, xm, ym), square(xm, y0, x1, ym)));
    write_file(tmp / "project.toml", fmt::format(R"(
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
window = 60
[candidates]
file = "cells.csv"
[parameters]
threshold = 30
walk_speed = 3.6
new_sites = 5
)",
                                                 dir.string()));
    const Project project = load_project(tmp / "project.toml");
    SilentObserver observer;
    const RunResult r = run_project(project, tmp / "out.gpkg", observer);
    CHECK(geo::list_layers(tmp / "out.gpkg") == std::vector<std::string>{"districts_access", "demand_access",
                                                                         "resources", "candidates_ranked",
                                                                         "service_areas", "run_summary"});
    REQUIRE(r.kinds.size() == 1);
    REQUIRE(r.kinds[0].siting);
    CHECK(r.kinds[0].siting->candidates.size() == 5);

    // The same question asked of needmap matrix: minutes from each cell to each health cell, on
    // foot and by bus, median over the same hour, trips up to 60 minutes (the run's limit).
    const std::string cmd = fmt::format(
        "{} matrix -q --osm {}/poa_osm.pbf --gtfs {}/poa_eptc.zip --gtfs {}/poa_trensurb.zip --origins {} "
        "--destinations {} --mode transit --departure 2019-05-13T14:00 --window 60 --percentiles 50 --max-time 60 "
        "--walk-speed 3.6 -o {}",
        NEEDMAP_CLI, dir.string(), dir.string(), dir.string(), (tmp / "cells.csv").string(),
        (tmp / "care.csv").string(), (tmp / "matrix.csv").string());
    REQUIRE(std::system(cmd.c_str()) == 0);
    geo::CsvReader m = geo::CsvReader::open(tmp / "matrix.csv");
    const geo::CsvTable matrix = geo::read_csv_table(m);
    std::map<std::string, double> nearest;  // cell id -> minutes to the nearest health cell
    for (const auto& row : matrix.rows) {
        const double t = std::stod(row[2]);
        auto [it, fresh] = nearest.emplace(row[0], t);
        if (!fresh) it->second = std::min(it->second, t);
    }
    const KindAccess& a = r.kinds[0].access;
    std::size_t covered = 0;
    for (std::size_t i = 0; i < r.demand.points.size(); ++i) {
        const std::string& cell = r.demand.points[i].unit_id;
        const auto it = nearest.find(cell);
        const bool matrix_covered = it != nearest.end() && it->second <= 30.0;
        INFO("cell " << cell);
        // The matrix rounds to a tenth of a minute: a time within 0.05 min of 30 may fall either way.
        if (it != nearest.end() && std::abs(it->second - 30.0) <= 0.05) continue;
        CHECK(static_cast<bool>(a.covered[i]) == matrix_covered);
        if (it != nearest.end()) CHECK(a.nearest_min[i] == Catch::Detail::Approx(it->second).margin(0.051));
        covered += a.covered[i];
    }
    CHECK(covered > r.demand.points.size() / 2);
}
