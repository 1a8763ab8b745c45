// `needmap init [PROJECT.toml]`: a project file to start from. Given the town's files
// (--districts, --population, ...) it drafts one with what can be told from them; on a terminal,
// with no files given, it asks for them; with --template (or nothing given and no terminal), it
// writes the commented template of every key.

#include "commands.hpp"
#include "needmap/analysis/pipeline/project.hpp"
#include "needmap/analysis/pipeline/project_draft.hpp"
#include "needmap/geo/atomic_file.hpp"
#include "needmap/geo/csv.hpp"
#include "needmap/geo/error.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <memory>

namespace needmap::cli {
namespace {

namespace fs = std::filesystem;
using analysis::pipeline::DraftInputs;

struct InitOptions {
    std::string file = "project.toml";
    bool template_only = false;
    bool ask = false;
    std::string districts, centres, boundary, survey, streets, dem, candidates;
    std::vector<std::string> population, resources, gtfs;
    DraftInputs inputs;
};

[[nodiscard]] bool any_input(const InitOptions& o) {
    return !o.districts.empty() || !o.centres.empty() || !o.population.empty() || !o.survey.empty() ||
           !o.streets.empty() || !o.candidates.empty() || !o.resources.empty() || !o.gtfs.empty();
}

/// A path typed or dropped onto a terminal: quotes and the spaces around it removed.
std::string typed_path(std::string line) {
    std::string t(geo::trim(line));
    if (t.size() >= 2 && (t.front() == '\'' || t.front() == '"') && t.back() == t.front()) t = t.substr(1, t.size() - 2);
    return t;
}

/// Asks one question on stderr and reads the answer from stdin; empty when skipped.
std::string ask(const std::string& question) {
    fmt::print(stderr, "{}: ", question);
    std::string line;
    if (!std::getline(std::cin, line)) return {};
    return typed_path(line);
}

void ask_for_files(InitOptions& o, bool ja) {
    const auto tr = [ja](const char* en, const char* ja_text) { return std::string(ja ? ja_text : en); };
    fmt::print(stderr, "{}\n", tr("Name the town's files (Enter skips a question; a file may be dragged onto this window).",
                                  "町のファイルを指定してください（空のまま Enter で飛ばします。ファイルをこの画面にドラッグしても入力できます）。"));
    o.districts = ask(tr("District polygons (国土数値情報 A32 中学校区, or N03 for the whole town)",
                         "中学校区のポリゴン（国土数値情報 A32。町全体なら N03）"));
    if (o.districts.empty()) {
        o.centres = ask(tr("No polygons: one centre point per district (ふれあいセンター, schools)",
                           "ポリゴンが無い場合：圏域ごとの拠点の点（ふれあいセンター、学校など）"));
        if (!o.centres.empty()) o.boundary = ask(tr("The municipal boundary (N03)", "行政区域（国土数値情報 N03）"));
    }
    for (;;) {
        const std::string p = ask(tr("Population: e-Stat mesh table (zip as downloaded; Enter when done)",
                                     "人口：e-Stat 地域メッシュ統計（ダウンロードした zip のまま。終わったら Enter）"));
        if (p.empty()) break;
        o.population.push_back(p);
    }
    o.survey = ask(tr("Needs survey CSV (ニーズ調査), per district or per respondent", "ニーズ調査の CSV（圏域ごと、または回答者ごと）"));
    for (const auto& [kind, en, ja_text] : {std::tuple{"salon", "Salons and 通いの場 (CSV with 緯度/経度, or any point layer)",
                                                       "サロン・通いの場の一覧（緯度・経度のある CSV、または点データ）"},
                                            std::tuple{"shop", "Shops (food stores)", "店舗（食料品店）の一覧"}}) {
        if (const std::string p = ask(tr(en, ja_text)); !p.empty()) o.resources.push_back(fmt::format("{}={}", kind, p));
    }
    o.streets = ask(tr("Streets: OpenStreetMap extract (.osm.pbf) or a road line layer", "道路：OpenStreetMap の抽出（.osm.pbf）または道路の線データ"));
    for (;;) {
        const std::string p = ask(tr("Bus timetable: GTFS-JP zip (Enter when done)", "バスの時刻表：GTFS-JP の zip（終わったら Enter）"));
        if (p.empty()) break;
        o.gtfs.push_back(p);
    }
    o.candidates = ask(tr("Candidate places for new sites (公民館, 集会所; Enter: a 250 m grid)",
                          "新しい拠点の候補地（公民館・集会所など。Enter なら 250m ごとの格子）"));
    if (o.inputs.municipality.empty())
        o.inputs.municipality = ask(tr("Municipality code (5 digits, e.g. 35202), when a file covers several",
                                       "市区町村コード（5 桁、例 35202）。ファイルが複数の市区町村を含む場合"));
}

/// KIND=FILE of --resource.
std::pair<std::string, fs::path> kind_and_file(const std::string& text) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
        throw geo::InputError(fmt::format("--resource \"{}\": write it as KIND=FILE, e.g. salon=salons.csv", text));
    return {text.substr(0, eq), text.substr(eq + 1)};
}

void write_draft(InitOptions& o, const Common& common) {
    DraftInputs& in = o.inputs;
    in.districts = o.districts;
    in.centres = o.centres;
    in.boundary = o.boundary;
    in.survey = o.survey;
    in.streets = o.streets;
    in.dem = o.dem;
    in.candidates = o.candidates;
    for (const auto& p : o.population) in.population.emplace_back(p);
    for (const auto& p : o.gtfs) in.gtfs.emplace_back(p);
    for (const auto& r : o.resources) in.resources.push_back(kind_and_file(r));
    const bool ja = common.japanese();
    const auto draft = analysis::pipeline::draft_project(in, o.file, ja);
    geo::AtomicFile file(o.file);
    file.stream() << draft.toml;
    file.commit();
    if (!common.quiet) {
        fmt::print(stderr, "{}\n", ja ? "ファイルから読み取った内容：" : "found in the files:");
        for (const auto& line : draft.found) fmt::print(stderr, "  {}\n", line);
        if (!draft.to_check.empty()) fmt::print(stderr, "{}\n", ja ? "確認・記入が必要な項目：" : "still to check or fill in:");
        for (const auto& line : draft.to_check) fmt::print(stderr, "  {}\n", line);
    }
    note(common, ja ? fmt::format("{} を書き出しました。内容を確かめてから実行してください：needmap run {} -o results.gpkg",
                                  o.file, o.file)
                    : fmt::format("wrote {}: check it, then run: needmap run {} -o results.gpkg", o.file, o.file));
}

}  // namespace

void add_init_command(CLI::App& app, const Common& common) {
    auto o = std::make_shared<InitOptions>();
    CLI::App* cmd = app.add_subcommand(
        "init", "Write a project file to start from: drafted from the town's files when they are given (or asked "
                "for on a terminal), else a commented template of every key");
    cmd->add_option("file", o->file, "Where to write it (default: project.toml)");
    cmd->add_option("--districts", o->districts, "District polygons: 国土数値情報 A32 中学校区, N03, or any polygon layer");
    cmd->add_option("--centres", o->centres, "Instead of polygons: one centre point per district");
    cmd->add_option("--boundary", o->boundary, "With --centres: the municipal boundary (N03)");
    cmd->add_option("--population", o->population, "e-Stat mesh or small-area table (zip as downloaded), or a layer; repeatable");
    cmd->add_option("--survey", o->survey, "Needs survey CSV (ニーズ調査), per district or per respondent");
    cmd->add_option("--resource", o->resources, "KIND=FILE, e.g. salon=salons.csv; repeatable");
    cmd->add_option("--streets", o->streets, "OpenStreetMap extract (.osm.pbf, .osm) or a road line layer");
    cmd->add_option("--dem", o->dem, "A digital elevation model (GeoTIFF or any raster GDAL reads) for slopes");
    cmd->add_option("--gtfs", o->gtfs, "GTFS-JP feed; repeatable");
    cmd->add_option("--candidates", o->candidates, "Candidate places for new sites (default: a 250 m grid)");
    cmd->add_option("--municipality", o->inputs.municipality, "5-digit municipality code to keep where a file covers several");
    cmd->add_option("--name", o->inputs.name, "The project's name (default: the town's name and the year)");
    cmd->add_flag("--ask", o->ask, "Ask for the files, one question each (the default on a terminal with no files given)");
    cmd->add_flag("--template", o->template_only, "Write the commented template of every key instead");
    cmd->callback([o, &common] {
        if (fs::exists(o->file))
            throw geo::InputError(fmt::format("{}: already exists; needmap init does not overwrite files", o->file));
        if (!o->template_only && !any_input(*o) && (o->ask || isatty(STDIN_FILENO) != 0)) ask_for_files(*o, common.japanese());
        if (o->template_only || !any_input(*o)) {
            geo::AtomicFile file(o->file);
            file.stream() << analysis::pipeline::project_template();
            file.commit();
            note(common, fmt::format("wrote {}: fill in your files, then run: needmap run {}", o->file, o->file));
            return;
        }
        write_draft(*o, common);
    });
}

}  // namespace needmap::cli
