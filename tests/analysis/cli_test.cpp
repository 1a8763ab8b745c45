// The `needmap` command line as a user meets it: exit codes and messages on stderr.

#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

using needmap::test::TempDir;
using needmap::test::write_file;

namespace {

struct Run {
    int status = -1;
    std::string output;  ///< stdout and stderr together
};

Run run_needmap(const std::string& args) {
    Run r;
    const std::string command = std::string(NEEDMAP_CLI) + " " + args + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::array<char, 4096> buffer{};
    while (const std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) r.output.append(buffer.data(), n);
    const int raw = pclose(pipe);
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    return r;
}

}  // namespace

TEST_CASE("needmap info and export fail with exit 1 and a message naming the file", "[integration][cli]") {
    TempDir dir;
    const auto missing = run_needmap("info " + (dir / "nowhere.shp").string());
    CHECK(missing.status == 1);
    CHECK_THAT(missing.output, Catch::Contains("nowhere.shp: no such file"));

    write_file(dir / "corrupt.gpkg", "not a geopackage at all");
    const auto corrupt = run_needmap("info " + (dir / "corrupt.gpkg").string());
    CHECK(corrupt.status == 1);
    CHECK_THAT(corrupt.output, Catch::Contains("corrupt.gpkg: cannot be read"));

    write_file(dir / "pts.csv", "id,lon,lat\n1,136.2,35.1\n2,136.3,35.2\n");
    const auto wrong_layer =
        run_needmap("export " + (dir / "pts.csv").string() + " --layer salons -o " + (dir / "out.gpkg").string());
    CHECK(wrong_layer.status == 0);  // a CSV has one layer; its name does not matter

    write_file(dir / "empty.geojson", R"({"type":"FeatureCollection","features":[]})");
    const auto empty = run_needmap("info " + (dir / "empty.geojson").string());
    CHECK(empty.status == 0);
    CHECK_THAT(empty.output, Catch::Contains("features   0"));

    const auto bad_format = run_needmap("export " + (dir / "pts.csv").string() + " -o " + (dir / "out.kml").string());
    CHECK(bad_format.status == 1);
    CHECK_THAT(bad_format.output, Catch::Contains("out.kml") && Catch::Contains(".gpkg, .shp"));

    const auto bad_encoding = run_needmap("info --encoding latin1 " + (dir / "pts.csv").string());
    CHECK(bad_encoding.status == 1);
    CHECK_THAT(bad_encoding.output, Catch::Contains("latin1"));

    const auto usage = run_needmap("info");
    CHECK(usage.status == 1);
    CHECK_THAT(usage.output, Catch::Contains("files is required"));
}

TEST_CASE("needmap export writes a CP932 Shapefile and reports shortened field names", "[integration][cli]") {
    TempDir dir;
    write_file(dir / "salons.csv", "name,organiser_name,lon,lat\nいきいきサロン,社協,136.2,35.1\n");
    const auto r = run_needmap("export " + (dir / "salons.csv").string() + " --format shp --encoding cp932 -o " +
                               (dir / "out" / "salons.shp").string());
    CHECK(r.status == 0);
    CHECK_THAT(r.output, Catch::Contains("\"organiser_name\" is \"organiser_\""));
    CHECK(needmap::test::read_file(dir / "out" / "salons.cpg") == "CP932");
    const auto info = run_needmap("info " + (dir / "out" / "salons.shp").string());
    CHECK_THAT(info.output, Catch::Contains("CP932 (from salons.cpg)") && Catch::Contains("features   1 (point)"));

    write_file(dir / "emoji.csv", "name,lon,lat\n🙂サロン,136.2,35.1\n");
    const auto bad =
        run_needmap("export " + (dir / "emoji.csv").string() + " --encoding cp932 -o " + (dir / "emoji.shp").string());
    CHECK(bad.status == 1);
    CHECK_THAT(bad.output, Catch::Contains("🙂") && Catch::Contains("UTF-8"));
    CHECK_FALSE(std::filesystem::exists(dir / "emoji.shp"));
    CHECK_FALSE(std::filesystem::exists(dir / "emoji.dbf"));
}
