// `needmap batch TOWNS.toml -o FOLDER`: many towns' projects, each town's results and one merged
// layer of all their districts. Under MPI (`mpirun -n N needmap batch ...`, when needmap was built
// with Open MPI) the towns are spread over the ranks, largest first to the least loaded rank; each
// rank runs its towns, a town that fails is reported and the rest go on, and rank 0 merges.

#include "commands.hpp"
#include "console.hpp"
#include "needmap/analysis/pipeline/results_io.hpp"
#include "needmap/analysis/pipeline/run.hpp"
#include "needmap/geo/crs.hpp"
#include "needmap/geo/error.hpp"
#include "needmap/geo/layer_io.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <numeric>
#include <sstream>

#ifdef NEEDMAP_MPI
#include <mpi.h>
#endif

namespace needmap::cli {
namespace {

namespace fs = std::filesystem;
namespace p = analysis::pipeline;

struct Town {
    std::string name;
    fs::path project;
    std::uintmax_t size = 0;  ///< bytes of its inputs: how long it will take, roughly
};

struct Outcome {
    bool ok = false;
    std::string message;  ///< the error of a town that failed
    double seconds = 0;
};

/// The towns of a batch file: [[town]] tables with `project` and an optional `name`.
std::vector<Town> read_towns(const fs::path& file) {
    toml::table top;
    try {
        top = toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        throw geo::InputError(fmt::format("{} line {}: {}", file.string(), e.source().begin.line, e.description()));
    }
    const toml::array* towns = top["town"].as_array();
    if (towns == nullptr || towns->empty())
        throw geo::InputError(fmt::format("{}: no [[town]] tables; give one per town, each with project = \"...\"",
                                          file.string()));
    std::vector<Town> out;
    for (const toml::node& node : *towns) {
        const auto line = node.source().begin.line;
        const toml::table* t = node.as_table();
        if (t == nullptr) throw geo::InputError(fmt::format("{} line {}: town must be a table", file.string(), line));
        for (const auto& [key, value] : *t)
            if (key != "project" && key != "name")
                throw geo::InputError(fmt::format("{} line {}: unknown key \"{}\" in [[town]] (known: project, name)",
                                                  file.string(), value.source().begin.line, key.str()));
        const auto project = t->get_as<std::string>("project");
        if (project == nullptr || project->get().empty())
            throw geo::InputError(fmt::format("{} line {}: [[town]] has no project = \"...\"", file.string(), line));
        Town town;
        town.project = fs::path(project->get()).is_absolute() ? fs::path(project->get())
                                                               : file.parent_path() / project->get();
        const auto name = t->get_as<std::string>("name");
        town.name = name != nullptr ? name->get() : town.project.stem().string();
        if (town.name.empty() || town.name.find_first_of("/\\") != std::string::npos)
            throw geo::InputError(fmt::format("{} line {}: name \"{}\" must be a file name (no slashes)", file.string(),
                                              line, town.name));
        if (std::any_of(out.begin(), out.end(), [&](const Town& o) { return o.name == town.name; }))
            throw geo::InputError(fmt::format("{} line {}: two towns are named \"{}\"; give each its own name",
                                              file.string(), line, town.name));
        // Its size: the project's folder's files (a rough measure of the work, read without
        // parsing the project, which may be broken).
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(town.project.parent_path(), ec))
            if (entry.is_regular_file(ec)) town.size += entry.file_size(ec);
        out.push_back(std::move(town));
    }
    return out;
}

/// Longest processing time first: each town, largest first, to the rank with the least so far.
std::vector<int> assign(const std::vector<Town>& towns, int ranks) {
    std::vector<std::size_t> order(towns.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return towns[a].size > towns[b].size; });
    std::vector<std::uintmax_t> load(static_cast<std::size_t>(ranks), 0);
    std::vector<int> rank_of(towns.size(), 0);
    for (const std::size_t t : order) {
        const auto least = std::min_element(load.begin(), load.end()) - load.begin();
        rank_of[t] = static_cast<int>(least);
        load[static_cast<std::size_t>(least)] += towns[t].size + 1;
    }
    return rank_of;
}

/// Runs one town quietly: its results go to `output`.
Outcome run_town(const Town& town, const fs::path& output) {
    Outcome out;
    const auto started = std::chrono::steady_clock::now();
    try {
        const p::Project project = p::load_project(town.project);
        analysis::Feedback quiet;
        (void)p::run_project(project, output, quiet);
        out.ok = true;
    } catch (const std::exception& e) {
        out.message = e.what();
    }
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return out;
}

/// The districts of every town that ran, in JGD2011 longitude and latitude, with each kind's
/// older people, need and gap (null where a town has no such kind).
geo::Layer merged_districts(const std::vector<Town>& towns, const std::vector<Outcome>& outcomes, const fs::path& folder) {
    std::vector<p::Results> results(towns.size());
    std::vector<std::string> kinds;
    for (std::size_t t = 0; t < towns.size(); ++t) {
        if (!outcomes[t].ok) continue;
        results[t] = p::read_results(folder / (towns[t].name + ".gpkg"));
        for (const auto& k : results[t].kinds)
            if (std::find(kinds.begin(), kinds.end(), k.kind) == kinds.end()) kinds.push_back(k.kind);
    }
    geo::Layer out;
    out.name = "districts_all";
    out.crs = geo::jgd2011();
    out.geometry_kind = geo::GeometryKind::Polygons;
    for (const char* f : {"town", "district_id", "district"}) out.fields.push_back({f, geo::FieldType::String});
    out.fields.push_back({"elderly", geo::FieldType::Real});
    static constexpr std::array kPerKind{"need", "gap_people", "gap_share", "gap_need"};
    for (const auto& k : kinds)
        for (const char* f : kPerKind) out.fields.push_back({k + "_" + f, geo::FieldType::Real});
    for (std::size_t t = 0; t < towns.size(); ++t) {
        if (!outcomes[t].ok) continue;
        const p::Results& r = results[t];
        geo::Layer town;
        town.crs = r.crs;
        town.geometry_kind = geo::GeometryKind::Polygons;
        town.fields = out.fields;
        for (std::size_t d = 0; d < r.districts.size(); ++d) {
            geo::Feature f;
            f.fid = static_cast<std::int64_t>(out.features.size() + town.features.size() + 1);
            f.geometry = r.districts[d].geometry;
            f.values.assign(out.fields.size(), geo::Value());
            f.values[0] = towns[t].name;
            f.values[1] = r.districts[d].id;
            f.values[2] = r.districts[d].name;
            if (!r.districts[d].people.empty()) f.values[3] = r.districts[d].people[r.elderly_band];
            for (const auto& k : r.kinds) {
                const std::size_t at = 4 + kPerKind.size() * static_cast<std::size_t>(
                                               std::find(kinds.begin(), kinds.end(), k.kind) - kinds.begin());
                const auto& a = k.districts[d];
                f.values[at] = a.need;
                f.values[at + 1] = a.uncovered_people;
                f.values[at + 2] = a.uncovered_share();
                f.values[at + 3] = a.uncovered_need;
            }
            town.features.push_back(std::move(f));
        }
        town = geo::reproject(std::move(town), out.crs);
        for (auto& f : town.features) out.features.push_back(std::move(f));
    }
    return out;
}

/// Outcomes as text lines "index<TAB>ok<TAB>seconds<TAB>message", messages on one line.
std::string encode(const std::vector<std::pair<std::size_t, Outcome>>& done) {
    std::string out;
    for (const auto& [t, o] : done) {
        std::string message = o.message;
        std::replace(message.begin(), message.end(), '\n', ' ');
        out += fmt::format("{}\t{}\t{}\t{}\n", t, o.ok ? 1 : 0, o.seconds, message);
    }
    return out;
}

void decode(const std::string& text, std::vector<Outcome>& outcomes) {
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string index, ok, seconds;
        std::getline(fields, index, '\t');
        std::getline(fields, ok, '\t');
        std::getline(fields, seconds, '\t');
        Outcome& o = outcomes.at(std::stoul(index));
        o.ok = ok == "1";
        o.seconds = std::stod(seconds);
        std::getline(fields, o.message);
    }
}

struct Ranks {
    int rank = 0;
    int size = 1;
};

#ifdef NEEDMAP_MPI
/// MPI only when started by mpirun (Open MPI sets OMPI_COMM_WORLD_SIZE): a plain `needmap batch`
/// runs serially without starting MPI.
bool under_mpirun() {
    return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr || std::getenv("PMI_SIZE") != nullptr;
}
#endif

}  // namespace

void add_batch_command(CLI::App& app, const Common& common) {
    struct Args {
        std::string towns;
        std::string output;
    };
    auto a = std::make_shared<Args>();
    CLI::App* cmd = app.add_subcommand(
        "batch", "Run many towns' projects: each town's results, and one layer of every district (under mpirun, "
                 "spread over the ranks)");
    cmd->add_option("towns", a->towns, "A TOML file of [[town]] tables, each with project = \"...\" and a name")
        ->required();
    cmd->add_option("-o,--output", a->output, "The folder for the results (made if missing)")->required();
    cmd->callback([a, &common] {
        Ranks ranks;
#ifdef NEEDMAP_MPI
        const bool mpi = under_mpirun();
        if (mpi) {
            MPI_Init(nullptr, nullptr);
            MPI_Comm_rank(MPI_COMM_WORLD, &ranks.rank);
            MPI_Comm_size(MPI_COMM_WORLD, &ranks.size);
        }
        struct Finalize {
            bool on;
            ~Finalize() {
                if (on) MPI_Finalize();
            }
        } finalize{mpi};
#endif
        const fs::path folder = a->output;
        const std::vector<Town> towns = read_towns(a->towns);  // every rank reads the same list
        if (ranks.rank == 0) {
            std::error_code ec;
            fs::create_directories(folder, ec);
            if (!fs::is_directory(folder))
                throw geo::InputError(fmt::format("{}: cannot make the folder ({})", folder.string(), ec.message()));
        }
#ifdef NEEDMAP_MPI
        if (mpi) MPI_Barrier(MPI_COMM_WORLD);
#endif
        const std::vector<int> rank_of = assign(towns, ranks.size);
        std::vector<std::pair<std::size_t, Outcome>> mine;
        for (std::size_t t = 0; t < towns.size(); ++t) {
            if (rank_of[t] != ranks.rank) continue;
            mine.emplace_back(t, run_town(towns[t], folder / (towns[t].name + ".gpkg")));
            const Outcome& o = mine.back().second;
            note(common, o.ok ? fmt::format("rank {}: {} done ({:.1f} s)", ranks.rank, towns[t].name, o.seconds)
                              : fmt::format("rank {}: {} FAILED: {}", ranks.rank, towns[t].name, o.message));
        }
        std::vector<Outcome> outcomes(towns.size());
        std::string text = encode(mine);
#ifdef NEEDMAP_MPI
        if (mpi) {  // rank 0 gathers every rank's outcomes
            int length = static_cast<int>(text.size());
            std::vector<int> lengths(static_cast<std::size_t>(ranks.size));
            MPI_Gather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
            std::vector<int> offsets(lengths.size(), 0);
            std::partial_sum(lengths.begin(), lengths.end() - 1, offsets.begin() + 1);
            std::string all(ranks.rank == 0 ? static_cast<std::size_t>(offsets.back() + lengths.back()) : 0, '\0');
            MPI_Gatherv(text.data(), length, MPI_CHAR, all.data(), lengths.data(), offsets.data(), MPI_CHAR, 0,
                        MPI_COMM_WORLD);
            text = std::move(all);
        }
#endif
        if (ranks.rank != 0) return;
        decode(text, outcomes);
        const geo::Layer merged = merged_districts(towns, outcomes, folder);
        geo::write_layers(folder / "all_towns.gpkg", std::span(&merged, 1));
        std::size_t failed = 0;
        for (std::size_t t = 0; t < towns.size(); ++t) {
            if (outcomes[t].ok) continue;
            ++failed;
            fmt::print(stderr, "needmap: error: town {} ({}): {}\n", towns[t].name, towns[t].project.string(),
                       outcomes[t].message);
        }
        note(common, fmt::format("{} of {} towns ran on {} rank(s); {} districts merged into {}", towns.size() - failed,
                                 towns.size(), ranks.size, merged.features.size(),
                                 (folder / "all_towns.gpkg").string()));
        if (failed > 0)
            throw geo::InputError(fmt::format("{} of {} towns failed (said above); the others are merged in {}", failed,
                                              towns.size(), (folder / "all_towns.gpkg").string()));
    });
}

}  // namespace needmap::cli
