// `needmap batch`: four variants of the sample town (thresholds 20, 25, 30 and 35 minutes) and
// one broken project, serially and under `mpirun -n 2`. Expected values come from each town's
// own results file and from a plain `needmap run` of the sample project.

#include "cli_run.hpp"
#include "needmap/analysis/pipeline/results_io.hpp"
#include "needmap/geo/geometry.hpp"
#include "needmap/geo/layer_io.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <regex>

using namespace needmap;
using needmap::test::run_needmap;
using needmap::test::TempDir;

namespace {

const std::filesystem::path kTown = std::filesystem::path(NEEDMAP_SOURCE_DIR) / "datasets" / "sample-town";

/// Writes the towns and the batch file; returns the batch file.
std::filesystem::path write_batch(const std::filesystem::path& dir) {
    const std::string project = test::read_file(kTown / "project.toml");
    std::string towns;
    for (const int threshold : {20, 25, -1, 30, 35}) {
        // The sample project with its files by absolute paths, and its threshold.
        std::string text = std::regex_replace(project, std::regex("\"([^\"/]+\\.(geojson|csv|osm|zip|tif))\""),
                                              fmt::format("\"{}/$1\"", kTown.string()));
        const std::string name = threshold < 0 ? "壊れた町" : fmt::format("町{}", threshold);
        if (threshold < 0)
            text = std::regex_replace(text, std::regex("streets\\.osm"), "nothing.osm");
        else
            text = std::regex_replace(text, std::regex("threshold = 30"), fmt::format("threshold = {}", threshold));
        test::write_file(dir / (name + ".toml"), text);
        towns += fmt::format("[[town]]\nname = \"{}\"\nproject = \"{}.toml\"\n", name, name);
    }
    test::write_file(dir / "towns.toml", towns);
    return dir / "towns.toml";
}

geo::Layer merged(const std::filesystem::path& folder) {
    geo::ReadOptions read;
    read.layer = "districts_all";
    return geo::read_layer(folder / "all_towns.gpkg", read);
}

}  // namespace

TEST_CASE("needmap batch: each town's results, one layer of all districts, and a broken town failing alone",
          "[integration][cli][batch]") {
    TempDir tmp;
    const auto towns = write_batch(tmp.path());
    const auto run = run_needmap(fmt::format("batch {} -o {}", towns.string(), (tmp / "out").string()));
    INFO(run.output);
    CHECK(run.status == 1);  // one town failed
    CHECK_THAT(run.output, Catch::Contains("town 壊れた町") && Catch::Contains("nothing.osm") &&
                               Catch::Contains("1 of 5 towns failed"));
    CHECK_FALSE(std::filesystem::exists(tmp / "out" / "壊れた町.gpkg"));
    const geo::Layer all = merged(tmp / "out");
    REQUIRE(all.features.size() == 4 * 3);  // four towns of three districts
    CHECK(all.crs.epsg() == 6668);

    // 町30 is the sample project itself: its rows equal a plain run's districts.
    const auto plain = run_needmap(fmt::format("run -q {} -o {}", (kTown / "project.toml").string(), (tmp / "plain.gpkg").string()));
    REQUIRE(plain.status == 0);
    const auto base = analysis::pipeline::read_results(tmp / "plain.gpkg");
    const auto town = all.require_field("town");
    const auto id = all.require_field("district_id");
    const auto gap = all.require_field("salon_gap_people");
    const auto shop_gap = all.require_field("shop_gap_need");
    std::size_t matched = 0;
    std::map<std::string, double> salon_gap_by_town;
    for (const auto& f : all.features) {
        salon_gap_by_town[geo::to_text(f.values[town])] += geo::to_double(f.values[gap]).value();
        if (geo::to_text(f.values[town]) != "町30") continue;
        const auto d = base.find_district(geo::to_text(f.values[id])).value().value();
        CHECK(geo::to_double(f.values[gap]).value() == Approx(base.kinds[0].districts[d].uncovered_people));
        CHECK(geo::to_double(f.values[shop_gap]).value() == Approx(base.kinds[1].districts[d].uncovered_need));
        ++matched;
    }
    CHECK(matched == 3);
    // A longer threshold never leaves more people beyond it.
    CHECK(salon_gap_by_town["町20"] >= salon_gap_by_town["町25"]);
    CHECK(salon_gap_by_town["町25"] >= salon_gap_by_town["町30"]);
    CHECK(salon_gap_by_town["町30"] >= salon_gap_by_town["町35"]);
    CHECK(salon_gap_by_town["町20"] > salon_gap_by_town["町35"]);

    // A batch file that names no project, or the same name twice, is refused with its line.
    test::write_file(tmp / "bad.toml", "[[town]]\nname = \"a\"\n");
    auto bad = run_needmap(fmt::format("batch {} -o {}", (tmp / "bad.toml").string(), (tmp / "bad").string()));
    CHECK(bad.status == 1);
    CHECK_THAT(bad.output, Catch::Contains("bad.toml line 1: [[town]] has no project"));
    test::write_file(tmp / "twice.toml", "[[town]]\nname = \"a\"\nproject = \"x.toml\"\n[[town]]\nname = \"a\"\nproject = \"y.toml\"\n");
    bad = run_needmap(fmt::format("batch {} -o {}", (tmp / "twice.toml").string(), (tmp / "bad").string()));
    CHECK(bad.status == 1);
    CHECK_THAT(bad.output, Catch::Contains("line 4: two towns are named \"a\""));
}

TEST_CASE("needmap batch under mpirun -n 2: the merged layer equals the serial run's, the broken town fails alone",
          "[integration][mpi]") {
#ifndef NEEDMAP_MPI
    WARN("SKIPPED: no MPI (needmap was built without Open MPI; install libopenmpi-dev and openmpi-bin)");
    return;
#else
    if (std::system("command -v mpirun > /dev/null 2>&1") != 0) {
        WARN("SKIPPED: no MPI (mpirun not found; install openmpi-bin)");
        return;
    }
    TempDir tmp;
    const auto towns = write_batch(tmp.path());
    const auto serial = run_needmap(fmt::format("batch -q {} -o {}", towns.string(), (tmp / "serial").string()));
    REQUIRE(serial.status == 1);
    // Open MPI refuses root unless told; CI runs as root in a container.
    const std::string mpirun = fmt::format(
        "env OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1 mpirun -n 2 "
        "--oversubscribe {} batch {} -o {} 2>&1",
        NEEDMAP_CLI, towns.string(), (tmp / "mpi").string());
    std::string output;
    FILE* pipe = popen(mpirun.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    while (const std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
    const int status = pclose(pipe);
    INFO(output);
    CHECK(status != 0);  // the broken town
    CHECK_THAT(output, Catch::Contains("rank 0:") && Catch::Contains("rank 1:") &&
                           Catch::Contains("4 of 5 towns ran on 2 rank(s)") && Catch::Contains("town 壊れた町"));
    const geo::Layer a = merged(tmp / "serial");
    const geo::Layer b = merged(tmp / "mpi");
    REQUIRE(a.features.size() == 12);
    REQUIRE(b.features.size() == a.features.size());
    REQUIRE(b.fields.size() == a.fields.size());
    for (std::size_t i = 0; i < a.features.size(); ++i) {
        for (std::size_t k = 0; k < a.fields.size(); ++k) {
            INFO("feature " << i << " field " << a.fields[k].name);
            CHECK(geo::to_text(b.features[i].values[k]) == geo::to_text(a.features[i].values[k]));
        }
        const auto& pa = std::get<geo::MultiPolygon>(a.features[i].geometry);
        const auto& pb = std::get<geo::MultiPolygon>(b.features[i].geometry);
        CHECK(geo::area(pb) == geo::area(pa));
    }
#endif
}
