// The papers for the meeting at scale: the district profiles (地域カルテ) of a results file with 100
// districts (Porto Alegre cut into a 10 x 10 grid), from reading the file to the last page.

#include "bench.hpp"
#include "needmap/analysis/pipeline/compute.hpp"
#include "needmap/analysis/pipeline/model.hpp"
#include "needmap/analysis/pipeline/results_io.hpp"
#include "needmap/viewer/language.hpp"
#include "needmap/viewer/report.hpp"
#include "poa_project.hpp"

#include <QGuiApplication>
#include <fmt/format.h>

#include <filesystem>

namespace needmap::bench {

void bench_viewer(Table& table) {
    const auto poa = shared_data("r5r-poa");
    if (!poa) return;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    int argc = 1;
    char name[] = "needmap-bench";
    char* argv[] = {name, nullptr};
    QGuiApplication app(argc, argv);
    viewer::use_language(viewer::Language::Japanese);

    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "needmap-bench-poa-100";
    std::filesystem::create_directories(dir);
    const auto project = analysis::pipeline::load_project(test::write_poa_project(*poa, dir, 60, 10));
    analysis::Feedback quiet;
    const auto model = analysis::pipeline::load_inputs(project, quiet);
    analysis::pipeline::write_results(analysis::pipeline::compute(model, {}, quiet), dir / "results.gpkg");
    const double s = best_seconds(1, [&] {
        viewer::write_report(analysis::pipeline::read_results(dir / "results.gpkg"), dir / "karte.pdf");
    });
    table.add({"地域カルテ of 100 districts (Porto Alegre in a 10 x 10 grid)", fmt::format("{:.1f} s", s), "< 20 s",
               fmt::format("read the results, 101 A4 pages, {:.1f} MiB of PDF",
                           static_cast<double>(std::filesystem::file_size(dir / "karte.pdf")) / 1048576.0)});
}

}  // namespace needmap::bench
