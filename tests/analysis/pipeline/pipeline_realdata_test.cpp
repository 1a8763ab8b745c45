// The whole pipeline on r5r's Porto Alegre data: the hexgrid's population as demand, its
// healthcare counts as resources, on foot and by bus (skipped where the data is absent).

#include "needmap/analysis/pipeline/run.hpp"
#include "needmap/geo/csv.hpp"
#include "needmap/geo/layer_io.hpp"
#include "poa_project.hpp"
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
    const Project project = load_project(needmap::test::write_poa_project(dir, tmp.path(), 60));
    analysis::Feedback quiet;
    const Results r = run_project(project, tmp / "out.gpkg", quiet);
    CHECK(geo::list_layers(tmp / "out.gpkg") ==
          std::vector<std::string>{"districts_access", "demand_access", "resources", "candidates_ranked",
                                   "service_areas", "bus_stops", "bus_routes", "run_summary", "layer_styles"});
    REQUIRE(r.kinds.size() == 1);
    REQUIRE(r.kinds[0].siting);
    CHECK(r.kinds[0].siting->result.chosen.size() == 5);

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
    for (std::size_t i = 0; i < r.points.size(); ++i) {
        const std::string& cell = r.points[i].unit_id;
        const auto it = nearest.find(cell);
        const bool matrix_covered = it != nearest.end() && it->second <= 30.0;
        INFO("cell " << cell);
        // The matrix rounds to a tenth of a minute: a time within 0.05 min of 30 may fall either way.
        if (it != nearest.end() && std::abs(it->second - 30.0) <= 0.05) continue;
        CHECK(static_cast<bool>(a.covered[i]) == matrix_covered);
        if (it != nearest.end()) CHECK(a.nearest_min[i] == Catch::Detail::Approx(it->second).margin(0.051));
        covered += a.covered[i];
    }
    CHECK(covered > r.points.size() / 2);
}
