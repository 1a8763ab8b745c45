#pragma once

// needmap's main job: from a project file to the answers a planner brings to the council.

#include "needmap/analysis/demand/demand_points.hpp"
#include "needmap/analysis/pipeline/access.hpp"
#include "needmap/analysis/pipeline/project.hpp"
#include "needmap/analysis/pipeline/sites.hpp"
#include "needmap/analysis/progress.hpp"
#include "needmap/analysis/siting/mclp.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace needmap::analysis::pipeline {

/// What a run tells its user as it goes: the CLI prints it, the viewer shows it.
class RunObserver {
public:
    virtual ~RunObserver() = default;
    virtual void stage(const std::string& name) = 0;
    virtual void done(const std::string& result) = 0;
    virtual void note(const std::string& line) = 0;
    /// Something the user must not miss (shown even when quiet).
    virtual void warn(const std::string& line) = 0;
    [[nodiscard]] virtual ProgressCallback progress() = 0;
};

/// Tells nothing: for callers that want only the results (whose warnings are in RunResult too).
class SilentObserver : public RunObserver {
public:
    void stage(const std::string& /*name*/) override {}
    void done(const std::string& /*result*/) override {}
    void note(const std::string& /*line*/) override {}
    void warn(const std::string& /*line*/) override {}
    [[nodiscard]] ProgressCallback progress() override { return {}; }
};

/// New sites for one kind, ranked.
struct SitingOutcome {
    siting::SitingResult result;
    std::vector<std::size_t> candidates;      ///< indexes into RunResult::candidates, in rank order
    std::vector<double> cumulative;           ///< need covered by the first r sites together
    std::vector<std::string> district_gains;  ///< per rank: "東中学校区 12.3, 西中学校区 4.1"
    double uncovered_need = 0;                ///< the need no existing resource covers: what sites can win
    std::vector<double> alone;                ///< per candidate: the uncovered need it would cover alone
};

struct KindResult {
    const ResourceConfig* config = nullptr;
    KindAccess access;  ///< by the run's modes: on foot, or on foot and by bus
    std::vector<DistrictKindAccess> districts;
    /// On foot alone, when the run also uses buses: what the buses add is the difference.
    std::optional<KindAccess> walk_access;
    std::vector<DistrictKindAccess> walk_districts;
    std::optional<SitingOutcome> siting;
};

struct RunResult {
    std::string project;
    std::string crs_reason;
    std::string mode;  ///< "walk" or "walk + bus (...)"
    demand::Districts districts;
    demand::DemandModel demand;
    std::optional<demand::SurveyRates> survey;
    std::vector<Site> resources;
    std::vector<Site> candidates;
    std::vector<KindResult> kinds;
    std::vector<Yardstick> yardstick;  ///< empty without food stores
    std::string yardstick_note;
    std::vector<std::string> warnings;
    std::vector<std::pair<std::string, double>> timings;  ///< stage, seconds
    std::vector<std::string> attributions;
};

/// Runs the whole pipeline and writes every result layer to `output` (a GeoPackage, written
/// under a temporary name and renamed into place at the end).
/// @throws InputError for bad input, naming the file, row and problem.
RunResult run_project(const Project& project, const std::filesystem::path& output, RunObserver& observer);

/// The per-district summary table printed at the end of a run.
[[nodiscard]] std::string summary_table(const RunResult& result, const Project& project);

}  // namespace needmap::analysis::pipeline
