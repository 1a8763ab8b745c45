// The papers for the meeting from the sample town: the district profiles (地域カルテ) with each
// district page's figures read back from the PDF against the results GeoPackage, and the residents'
// map of places against the published salons file.

#include "needmap/viewer/report.hpp"

#include "needmap/analysis/pipeline/results_io.hpp"
#include "needmap/analysis/pipeline/run.hpp"
#include "needmap/geo/csv.hpp"
#include "needmap/geo/error.hpp"
#include "needmap/viewer/handout.hpp"
#include "needmap/viewer/language.hpp"
#include "cjk_text.hpp"
#include "qt_app.hpp"
#include "run_viewer.hpp"
#include "sample_results.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <string>
#include <utility>

using namespace needmap;

namespace {

const analysis::pipeline::Results& sample() {
    static const analysis::pipeline::Results results = analysis::pipeline::read_results(needmap::test::sample_results());
    return results;
}

using needmap::test::output_of;

std::string page_text(const std::filesystem::path& pdf, int page) {
    return needmap::test::fold_cjk_radicals(output_of("pdftotext -layout -f " + std::to_string(page) + " -l " +
                                                      std::to_string(page) + " '" + pdf.string() + "' -"));
}

/// "4,091": whole people with thousands grouped, as a council reads them.
std::string grouped(double people) {
    std::string digits = std::to_string(std::llround(people));
    for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3) digits.insert(static_cast<std::size_t>(at), ",");
    return digits;
}

}  // namespace

TEST_CASE("地域カルテ: one page for the town and one per district, each with the district's figures",
          "[viewer][integration][report]") {
    needmap::test::qt_app();
    viewer::use_language(viewer::Language::Japanese);
    needmap::test::TempDir tmp;
    const auto& r = sample();
    viewer::write_report(r, tmp / "karte.pdf");

    const std::string info = output_of("pdfinfo '" + (tmp / "karte.pdf").string() + "'");
    CHECK_THAT(info, Catch::Contains("Pages:           4"));
    CHECK_THAT(info, Catch::Contains("595 x 842 pts (A4)"));

    const std::string town = page_text(tmp / "karte.pdf", 1);
    CHECK_THAT(town, Catch::Contains("地域カルテ") && Catch::Contains("中学校区の比較"));
    for (const auto& d : r.districts) CHECK_THAT(town, Catch::Contains(d.name));
    // Each district's row: its name, then its figures, among them per kind the people beyond 30
    // minutes and the unmet need, as the GeoPackage holds them.
    for (std::size_t d = 0; d < r.districts.size(); ++d) {
        const auto row_at = town.find("\n" + r.districts[d].name + " ");
        REQUIRE(row_at != std::string::npos);
        const std::string row = town.substr(row_at + 1, town.find('\n', row_at + 1) - row_at - 1);
        INFO(row);
        for (const auto& k : r.kinds) {
            CHECK_THAT(row, Catch::Contains(" " + grouped(k.districts[d].uncovered_people) + " "));
            CHECK_THAT(row, Catch::Contains(" " + grouped(k.districts[d].uncovered_need) + " "));
        }
    }

    const std::size_t elderly = r.elderly_band;
    for (std::size_t d = 0; d < r.districts.size(); ++d) {
        const std::string page = page_text(tmp / "karte.pdf", static_cast<int>(d) + 2);
        INFO(r.districts[d].name << "'s page:\n" << page);
        CHECK_THAT(page, Catch::Contains(r.districts[d].name + "区"));
        // Older people (the elderly band), then per kind the people beyond 30 minutes and their
        // share of the older people, from the GeoPackage's numbers.
        CHECK_THAT(page, Catch::Contains("65歳以上 " + grouped(r.districts[d].people[elderly]) + "人"));
        for (const auto& k : r.kinds) {
            const auto& a = k.districts[d];
            CHECK_THAT(page, Catch::Contains(grouped(a.uncovered_people)));
            const long share = std::lround(100 * a.uncovered_people / r.districts[d].people[elderly]);
            CHECK_THAT(page, Catch::Contains(std::to_string(share) + "%"));
        }
    }
}

TEST_CASE("地域カルテ: chosen districts on A3; an unknown district is refused and nothing is written",
          "[viewer][integration][report]") {
    needmap::test::qt_app();
    needmap::test::TempDir tmp;
    const auto& r = sample();
    viewer::ReportOptions options;
    options.districts = {r.districts[1].id};
    options.paper = viewer::paper_named("a3");
    viewer::write_report(r, tmp / "one.pdf", options);
    const std::string info = output_of("pdfinfo '" + (tmp / "one.pdf").string() + "'");
    CHECK_THAT(info, Catch::Contains("Pages:           2"));
    CHECK_THAT(info, Catch::Contains("842 x 1191 pts (A3)"));
    CHECK_THAT(page_text(tmp / "one.pdf", 2), Catch::Contains(r.districts[1].name));

    options.districts = {"no-such-district"};
    CHECK_THROWS_WITH(viewer::write_report(r, tmp / "bad.pdf", options), Catch::Contains("no-such-district"));
    CHECK_THROWS_WITH(viewer::paper_named("letter"), Catch::Contains("a4 or a3"));
    analysis::pipeline::Results empty;
    CHECK_THROWS_AS(viewer::write_report(empty, tmp / "empty.pdf"), geo::InputError);
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(tmp.path())) ++files;
    CHECK(files == 1);  // one.pdf only: no report, and no temporary file, left by the failures
}

TEST_CASE("the residents' map lists every salon of the sample town with its days and hours",
          "[viewer][integration][report]") {
    needmap::test::qt_app();
    viewer::use_language(viewer::Language::Japanese);
    needmap::test::TempDir tmp;
    viewer::HandoutOptions options;
    options.kind = "salon";
    viewer::write_handout(sample(), tmp / "salons.pdf", options);
    const std::string info = output_of("pdfinfo '" + (tmp / "salons.pdf").string() + "'");
    CHECK_THAT(info, Catch::Contains("Pages:           1"));
    CHECK_THAT(info, Catch::Contains("1191 x 842 pts (A3)"));
    // pdftotext without -layout keeps each line of the list whole.
    const std::string text = needmap::test::fold_cjk_radicals(output_of("pdftotext '" + (tmp / "salons.pdf").string() + "' -"));
    CHECK_THAT(text, Catch::Contains("身近なサロン・通いの場"));

    // The salons as the published file has them.
    geo::CsvReader reader = geo::CsvReader::open(std::filesystem::path(NEEDMAP_SOURCE_DIR) / "datasets" /
                                                 "sample-town" / "salons.csv");
    const geo::CsvTable salons = geo::read_csv_table(reader);
    const auto name = salons.require_column("名称");
    const auto days = salons.require_column("開催日");
    const auto start = salons.require_column("開始時間");
    const auto end = salons.require_column("終了時間");
    REQUIRE(salons.rows.size() >= 10);
    for (const auto& row : salons.rows) {
        INFO(row[name]);
        CHECK_THAT(text, Catch::Contains(row[name]));
        // Days, then hours on the same line (the gap between them comes back as a plain space).
        const auto line = text.find(row[days] + " " + row[start] + "〜" + row[end]);
        CHECK(line != std::string::npos);
    }

    options.district = "no-such-district";
    CHECK_THROWS_WITH(viewer::write_handout(sample(), tmp / "bad.pdf", options), Catch::Contains("no-such-district"));
    options.district.clear();
    options.kind = "hospital";
    CHECK_THROWS_WITH(viewer::write_handout(sample(), tmp / "bad.pdf", options), Catch::Contains("hospital"));
    CHECK_FALSE(std::filesystem::exists(tmp / "bad.pdf"));
}

TEST_CASE("needmap-viewer --report: the same results give the same PDF apart from its date; bad input exits 1",
          "[viewer][integration][report]") {
    needmap::test::TempDir tmp;
    const auto town = std::filesystem::path(NEEDMAP_SOURCE_DIR) / "datasets" / "sample-town";
    analysis::Feedback quiet;
    analysis::pipeline::run_project(analysis::pipeline::load_project(town / "project.toml"), tmp / "r.gpkg", quiet);
    const auto viewer = needmap::test::run_viewer;
    const std::string results = (tmp / "r.gpkg").string();
    REQUIRE(viewer("--lang ja --report " + (tmp / "a.pdf").string() + " " + results).first == 0);
    REQUIRE(viewer("--lang ja --report " + (tmp / "b.pdf").string() + " " + results).first == 0);
    const auto without_date = [](std::string pdf) {
        const auto at = pdf.find("/CreationDate");
        if (at != std::string::npos) pdf.erase(at, pdf.find('\n', at) - at);
        return pdf;
    };
    const std::string a = needmap::test::read_file(tmp / "a.pdf");
    CHECK(a.size() > 10000);
    CHECK(without_date(a) == without_date(needmap::test::read_file(tmp / "b.pdf")));

    const auto no_district = viewer("--report " + (tmp / "c.pdf").string() + " --districts nowhere " + results);
    CHECK(no_district.first == 1);
    CHECK_THAT(no_district.second, Catch::Contains("no district \"nowhere\""));
    const auto not_results = viewer("--report " + (tmp / "d.pdf").string() + " " + (town / "districts.geojson").string());
    CHECK(not_results.first == 1);
    CHECK_THAT(not_results.second, Catch::Contains("needmap-viewer: error:"));
    CHECK_FALSE(std::filesystem::exists(tmp / "c.pdf"));
    CHECK_FALSE(std::filesystem::exists(tmp / "d.pdf"));
}
