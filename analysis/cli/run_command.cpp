// `needmap run PROJECT.toml [-o OUT.gpkg]` and `needmap init [PROJECT.toml]`.

#include "commands.hpp"
#include "console.hpp"
#include "needmap/analysis/pipeline/run.hpp"
#include "needmap/geo/atomic_file.hpp"
#include "needmap/geo/error.hpp"

#include <fmt/format.h>

#include <filesystem>

namespace needmap::cli {
namespace {

/// Shows a run's stages on stderr through the Console.
class ConsoleObserver : public analysis::pipeline::RunObserver {
public:
    explicit ConsoleObserver(Console& console) : m_console(console) {}
    void stage(const std::string& name) override { m_console.stage(name); }
    void done(const std::string& result) override { m_console.done(result); }
    void note(const std::string& line) override { m_console.note(line); }
    void warn(const std::string& line) override { m_console.warn(line); }
    analysis::ProgressCallback progress() override { return m_console.progress(); }

private:
    Console& m_console;
};

}  // namespace

void add_run_command(CLI::App& app, const Common& common) {
    struct Args {
        std::string project;
        std::string output;
    };
    auto a = std::make_shared<Args>();
    CLI::App* cmd = app.add_subcommand("run",
                                       "Run a project: demand, access gaps per district, ranked new sites, "
                                       "written to one GeoPackage");
    cmd->add_option("project", a->project, "The project file (see needmap init)")->required();
    cmd->add_option("-o,--output", a->output, "Output GeoPackage (default: <project>_results.gpkg next to it)");
    cmd->callback([a, &common] {
        const analysis::pipeline::Project project = analysis::pipeline::load_project(a->project);
        std::filesystem::path output = a->output;
        if (output.empty()) output = project.file.parent_path() / (project.file.stem().string() + "_results.gpkg");
        if (output.extension() != ".gpkg")
            throw geo::InputError(
                fmt::format("{}: the results are a GeoPackage; end the name in .gpkg (needmap "
                            "export makes Shapefiles and CSV from it)",
                            output.string()));
        Console console(common);
        console.set_stage_count(project.transit.enabled() ? 12 : 11);
        ConsoleObserver observer(console);
        const auto result = analysis::pipeline::run_project(project, output, observer);
        if (!common.quiet) {
            fmt::print("{}", analysis::pipeline::summary_table(result, project));
            fmt::print(
                "\nResults: {}\n  layers districts_access, demand_access, resources, candidates_ranked, "
                "service_areas, run_summary\n  open them with: needmap-viewer {}\n  or as Shapefile: needmap "
                "export {} --layer districts_access --format shp --encoding cp932 -o districts.shp\n",
                output.string(), output.string(), output.string());
        }
    });
}

void add_init_command(CLI::App& app, const Common& common) {
    auto path = std::make_shared<std::string>("project.toml");
    CLI::App* cmd = app.add_subcommand("init", "Write a commented project file to start from");
    cmd->add_option("file", *path, "Where to write it (default: project.toml)");
    cmd->callback([path, &common] {
        if (std::filesystem::exists(*path))
            throw geo::InputError(fmt::format("{}: already exists; needmap init does not overwrite files", *path));
        geo::AtomicFile file(*path);
        file.stream() << analysis::pipeline::project_template();
        file.commit();
        note(common, fmt::format("wrote {}: fill in your files, then run: needmap run {}", *path, *path));
    });
}

}  // namespace needmap::cli
