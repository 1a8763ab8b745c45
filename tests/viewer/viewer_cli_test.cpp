// needmap-viewer --render as a planner runs it without a window: the PNG has the pixels asked
// for, the PDF one page of the paper asked for with the Japanese legend and the district names in
// its text; a box of longitude and latitude shows that area; bad files and bad options give one
// line naming what is wrong, exit 1 and write nothing.

#include "needmap/analysis/pipeline/results_io.hpp"
#include "needmap/geo/crs.hpp"
#include "needmap/geo/error.hpp"
#include "needmap/geo/layer_io.hpp"
#include "cjk_text.hpp"
#include "run_viewer.hpp"
#include "sample_results.hpp"
#include "test_support.hpp"

#include <QImage>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

using namespace needmap;
using needmap::test::output_of;
using needmap::test::run_viewer;

namespace {

std::string quoted(const std::filesystem::path& path) {
    return "'" + path.string() + "'";
}

}  // namespace

TEST_CASE("--render: a PNG of the pixels asked for, a PDF of the paper asked for, in Japanese",
          "[viewer][integration]") {
    needmap::test::TempDir tmp;
    const std::string results = quoted(needmap::test::sample_results());
    REQUIRE(run_viewer("--render=" + quoted(tmp / "map.png") + " --size 1024x640 " + results).first == 0);
    const QImage png(QString::fromStdString((tmp / "map.png").string()));
    CHECK(png.size() == QSize(1024, 640));
    // A4 landscape at 100 dpi, when no pixels are given: 297 x 210 mm.
    REQUIRE(run_viewer("--render " + quoted(tmp / "a4.png") + " --dpi 100 " + results).first == 0);
    CHECK(QImage(QString::fromStdString((tmp / "a4.png").string())).size() == QSize(1169, 827));

    REQUIRE(run_viewer("--lang ja --kind salon --paper a3-portrait --render " + quoted(tmp / "map.pdf") + " " + results)
                .first == 0);
    const std::string info = output_of("pdfinfo " + quoted(tmp / "map.pdf"));
    CHECK_THAT(info, Catch::Contains("Pages:           1"));
    CHECK_THAT(info, Catch::Contains("842 x 1191 pts (A3)"));  // portrait: 297 x 420 mm
    const std::string text = needmap::test::fold_cjk_radicals(output_of("pdftotext " + quoted(tmp / "map.pdf") + " -"));
    CHECK_THAT(text, Catch::Contains("30分以内に行けない割合") && Catch::Contains("5%以下"));
    const auto r = analysis::pipeline::read_results(needmap::test::sample_results());
    for (const auto& d : r.districts) CHECK_THAT(text, Catch::Contains(d.name));

    // Another figure and its classes name it in the legend.
    REQUIRE(run_viewer("--lang ja --field older_people --classes jenks:3 --render " + quoted(tmp / "older.pdf") + " " +
                       results)
                .first == 0);
    CHECK_THAT(needmap::test::fold_cjk_radicals(output_of("pdftotext " + quoted(tmp / "older.pdf") + " -")),
               Catch::Contains("高齢者数"));
}

TEST_CASE("--render --extent: the box of longitude and latitude is what the map shows", "[viewer][integration]") {
    needmap::test::TempDir tmp;
    const std::string results = quoted(needmap::test::sample_results());
    // A box around one district's label point: its name is on the page, another district's is not.
    const auto r = analysis::pipeline::read_results(needmap::test::sample_results());
    REQUIRE(r.districts.size() >= 2);
    std::size_t west = 0;  // the district whose centroid lies furthest west
    std::size_t east = 0;
    std::vector<geo::Point> centres;
    for (const auto& d : r.districts) centres.push_back(*geo::centroid(geo::Geometry(d.geometry)));
    for (std::size_t d = 0; d < centres.size(); ++d) {
        if (centres[d].x < centres[west].x) west = d;
        if (centres[d].x > centres[east].x) east = d;
    }
    const geo::Transformer to_ll(r.crs, geo::wgs84());
    const geo::Point low = to_ll(geo::Point(centres[west].x - 400, centres[west].y - 400));
    const geo::Point high = to_ll(geo::Point(centres[west].x + 400, centres[west].y + 400));
    const std::string box = std::to_string(low.x) + "," + std::to_string(low.y) + "," + std::to_string(high.x) + "," +
                            std::to_string(high.y);
    REQUIRE(run_viewer("--lang ja --render " + quoted(tmp / "west.pdf") + " --extent " + box + " " + results).first == 0);
    const std::string text = needmap::test::fold_cjk_radicals(output_of("pdftotext " + quoted(tmp / "west.pdf") + " -"));
    CHECK_THAT(text, Catch::Contains(r.districts[west].name));
    CHECK_THAT(text, !Catch::Contains(r.districts[east].name));
}

TEST_CASE("--render: bad files and bad options give one line, exit 1 and no output", "[viewer][integration]") {
    needmap::test::TempDir tmp;
    const std::string results = quoted(needmap::test::sample_results());
    {
        std::ifstream in(needmap::test::sample_results(), std::ios::binary);
        std::string head(4096, '\0');
        in.read(head.data(), static_cast<std::streamsize>(head.size()));
        std::ofstream(tmp / "cut.gpkg", std::ios::binary) << head;  // a download cut short
    }
    std::ofstream(tmp / "empty.gpkg").close();
    std::ofstream(tmp / "words.gpkg") << "these are not map data\n";
    // Results of another schema version, as an older or newer needmap writes them.
    {
        geo::ReadOptions options;
        options.layer = "run_summary";
        geo::Layer summary = geo::read_layer(needmap::test::sample_results(), options);
        const std::size_t key = *summary.field_index("key");
        const std::size_t number = *summary.field_index("number");
        for (auto& f : summary.features)
            if (geo::to_text(f.values[key]) == "schema_version") f.values[number] = 9.0;
        options.layer = "districts_access";  // so that only the version is wrong
        std::vector<geo::Layer> layers{geo::read_layer(needmap::test::sample_results(), options)};
        layers.push_back(std::move(summary));
        geo::write_layers(tmp / "v9.gpkg", layers, {});
    }
    const struct {
        std::string args;
        std::string says;
    } cases[] = {
        {quoted(tmp / "cut.gpkg"), "cut.gpkg: cannot be read"},
        {quoted(tmp / "empty.gpkg"), "empty.gpkg: cannot be read"},
        {quoted(tmp / "words.gpkg"), "words.gpkg: cannot be read"},
        {quoted(tmp / "missing.gpkg"), "missing.gpkg: no such file"},
        {quoted(tmp / "v9.gpkg"), "schema version 9"},
        {"--size 640 " + results, "--size takes WIDTHxHEIGHT"},
        {"--size 20x20 " + results, "--size takes a whole number from 100 to 20000"},
        {"--dpi 1e9 " + results, "--dpi takes a whole number"},
        {"--paper letter " + results, "letter"},
        {"--extent 131,34,130,35 " + results, "--extent takes WEST,SOUTH,EAST,NORTH"},
        {"--extent 130,nan,131,35 " + results, "--extent takes WEST,SOUTH,EAST,NORTH"},
        {"--field everything " + results, "no district figure \"everything\""},
        {"--classes kmeans:5 " + results, "unknown classes \"kmeans\""},
        {"--classes jenks:12 " + results, "--classes takes a whole number from 2 to 7"},
        {"--kind hospital " + results, "no kind \"hospital\""},
    };
    for (const auto& c : cases) {
        INFO(c.args);
        const auto [status, said] = run_viewer("--render " + quoted(tmp / "out.png") + " " + c.args);
        CHECK(status == 1);
        CHECK_THAT(said, Catch::Contains("needmap-viewer: error: ") && Catch::Contains(c.says));
        CHECK_THAT(said, !Catch::Contains("SELECT") && !Catch::Contains("sqlite"));
        CHECK_FALSE(std::filesystem::exists(tmp / "out.png"));
    }
}
