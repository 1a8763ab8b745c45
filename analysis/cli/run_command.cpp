// `needmap run PROJECT.toml [-o OUT.gpkg]`.

#include "commands.hpp"
#include "console.hpp"
#include "summary.hpp"
#include "needmap/analysis/pipeline/run.hpp"
#include "needmap/geo/error.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <optional>

namespace needmap::cli {
namespace {

/// Shows a run's stages on stderr through the Console.
class ConsoleFeedback : public analysis::Feedback {
public:
    ConsoleFeedback(Console& console, bool japanese)
        : m_console(console), m_progress(console.progress()), m_japanese(japanese) {}
    void stage(const std::string& name) override { m_console.stage(name); }
    void done(const std::string& result) override { m_console.done(result); }
    void note(const std::string& line) override { m_console.note(line); }
    void warn(const std::string& line) override { m_console.warn(line); }
    void report(const analysis::ProgressEvent& event) override {
        if (m_progress) m_progress(event);
    }
    [[nodiscard]] bool japanese() const override { return m_japanese; }

private:
    Console& m_console;
    analysis::ProgressCallback m_progress;
    bool m_japanese;
};

std::filesystem::path gpkg_output(const std::string& given, const analysis::pipeline::Project& project,
                                  const char* suffix) {
    std::filesystem::path output = given;
    if (output.empty()) output = project.file.parent_path() / (project.file.stem().string() + suffix);
    if (output.extension() != ".gpkg")
        throw geo::InputError(
            fmt::format("{}: the results are a GeoPackage; end the name in .gpkg (needmap "
                        "export makes Shapefiles and CSV from it)",
                        output.string()));
    // Where it goes is checked before the analysis starts, not found out at the end.
    const std::filesystem::path folder = output.parent_path().empty() ? "." : output.parent_path();
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec))
        throw geo::InputError(fmt::format("{}: the folder {} does not exist; make it first, or write elsewhere",
                                          output.string(), folder.string()));
    if (::access(folder.c_str(), W_OK) != 0)
        throw geo::InputError(fmt::format("{}: cannot write in the folder {} (no permission); write elsewhere",
                                          output.string(), folder.string()));
    return output;
}

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
        const std::filesystem::path output = gpkg_output(a->output, project, "_results.gpkg");
        Console console(common);
        console.set_stage_count(project.transit.enabled() ? 10 : 9);
        ConsoleFeedback feedback(console, common.japanese());
        const auto results = analysis::pipeline::run_project(project, output, feedback);
        if (!common.quiet) {
            fmt::print("{}", summary_table(results, common.japanese()));
            fmt::print(fmt::runtime(common.japanese()
                                        ? "\n結果：{}\n  レイヤー districts_access, demand_access, resources, "
                                          "candidates_ranked, service_areas, {}run_summary\n  地図で見る：needmap-viewer "
                                          "{}\n  シェープファイルに：needmap export {} --layer districts_access --format "
                                          "shp --encoding cp932 -o districts.shp\n"
                                        : "\nResults: {}\n  layers districts_access, demand_access, resources, "
                                          "candidates_ranked, service_areas, {}run_summary\n  open them with: "
                                          "needmap-viewer {}\n  or as Shapefile: needmap export {} --layer "
                                          "districts_access --format shp --encoding cp932 -o districts.shp\n"),
                       output.string(), results.info.transit ? "bus_stops, bus_routes, " : "", output.string(),
                       output.string());
        }
    });
}

void add_whatif_command(CLI::App& app, const Common& common) {
    struct Args {
        std::string project;
        std::vector<std::string> add_sites;
        std::vector<std::string> remove_sites;
        std::vector<std::string> drop_routes;
        std::vector<std::string> drop_feeds;
        std::optional<double> threshold;
        std::optional<double> walk_speed;
        std::string name;
        std::string output;
    };
    auto a = std::make_shared<Args>();
    CLI::App* cmd = app.add_subcommand(
        "whatif", "What if a place opened or closed, a bus route stopped, or the threshold changed: the gap per "
                  "district before and after");
    cmd->add_option("project", a->project, "The project file")->required();
    cmd->add_option("--add-site", a->add_sites,
                    "A new place: KIND:LON,LAT[:NAME] in WGS 84 degrees, as read off the map (repeatable)");
    cmd->add_option("--remove-site", a->remove_sites, "Close a place: its id in the layer resources (repeatable)");
    cmd->add_option("--drop-route", a->drop_routes,
                    "Stop a bus route: FEED:ROUTE_ID, or ROUTE_ID when one feed has it (repeatable)");
    cmd->add_option("--drop-feed", a->drop_feeds, "Stop every bus of a feed (repeatable)");
    cmd->add_option("--threshold", a->threshold, "Minutes within which a place counts as reachable");  // checked with the other changes
    cmd->add_option("--walk-speed", a->walk_speed, "Walking speed in km/h");
    cmd->add_option("--name", a->name, "The scenario's name, for the summary");
    cmd->add_option("-o,--output", a->output, "Output GeoPackage (default: <project>_whatif.gpkg next to it)");
    cmd->callback([a, &common] {
        namespace p = analysis::pipeline;
        p::Scenario scenario;
        scenario.name = !a->name.empty() ? a->name : common.japanese() ? "もしも" : "what if";
        // The order of the flags on the command line does not matter: places first, then the rest.
        for (const auto& s : a->add_sites) scenario.modifications.emplace_back(p::parse_add_site(s));
        for (const auto& s : a->remove_sites) scenario.modifications.emplace_back(p::RemovePlace{s});
        for (const auto& r : a->drop_routes) scenario.modifications.emplace_back(p::DropRoute{r});
        for (const auto& f : a->drop_feeds) scenario.modifications.emplace_back(p::DropFeed{f});
        if (a->threshold) scenario.modifications.emplace_back(p::SetThreshold{*a->threshold});
        if (a->walk_speed) scenario.modifications.emplace_back(p::SetWalkSpeed{*a->walk_speed});
        if (scenario.modifications.empty())
            throw geo::InputError(
                "whatif needs at least one change: --add-site, --remove-site, --drop-route, --drop-feed, "
                "--threshold or --walk-speed");
        const p::Project project = p::load_project(a->project);
        const std::filesystem::path output = gpkg_output(a->output, project, "_whatif.gpkg");
        Console console(common);
        console.set_stage_count(project.transit.enabled() ? 11 : 10);
        ConsoleFeedback feedback(console, common.japanese());
        const p::Model model = p::load_inputs(project, feedback);
        p::require_applicable(model, scenario);  // before the base is computed
        console.stage("base");
        const p::Results base = p::compute(model, p::Scenario{}, feedback, {.rank_sites = false});
        console.done(common.japanese() ? "今のまま" : "the project as it is");
        console.stage(scenario.name);
        const p::Results after = p::compute(model, scenario, feedback);
        console.done(common.japanese() ? fmt::format("変更 {} 件", scenario.modifications.size())
                                       : fmt::format("{} change{}", scenario.modifications.size(),
                                                     scenario.modifications.size() == 1 ? "" : "s"));
        const auto changes = p::compare(base, after);
        console.stage("writing " + output.filename().string());
        p::write_results(after, output, changes);
        console.done("");
        if (!common.quiet) {
            fmt::print("{}", changes_table(after, changes, common.japanese()));
            fmt::print(fmt::runtime(common.japanese() ? "\n結果：{}（変更後のレイヤーと scenario_changes）\n"
                                                      : "\nResults: {} (the scenario's layers, and scenario_changes)\n"),
                       output.string());
        }
    });
}

}  // namespace needmap::cli
