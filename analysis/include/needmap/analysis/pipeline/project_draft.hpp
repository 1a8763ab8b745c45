#pragma once

// `needmap init --districts F --population F ...`: a project file drafted from the files a town
// has, with what can be told from them filled in (the A32 or N03 layout, the e-Stat table's band
// columns by their labels, the survey's columns, the name and municipality columns of a
// prefecture-wide list, a day the buses run) and every section that was not given left commented
// out with a line saying what it would add.

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace needmap::analysis::pipeline {

struct DraftInputs {
    std::string name;                              ///< the project's name; from the districts when empty
    std::string municipality;                      ///< 5-digit 行政区域コード to keep, when files hold several
    std::filesystem::path districts;               ///< district polygons (A32, N03 or any)
    std::filesystem::path centres;                 ///< instead: one point per district
    std::filesystem::path boundary;                ///< with centres: the municipal boundary (N03)
    std::vector<std::filesystem::path> population; ///< e-Stat tables (zips as downloaded) or a layer
    std::filesystem::path survey;                  ///< needs survey CSV, per district or per respondent
    std::vector<std::pair<std::string, std::filesystem::path>> resources;  ///< kind, file
    std::filesystem::path streets;                 ///< OSM extract or a line layer
    std::filesystem::path dem;                     ///< elevation model for slopes (optional)
    std::vector<std::filesystem::path> gtfs;       ///< GTFS-JP feeds
    std::filesystem::path candidates;              ///< candidate places; a grid when empty
};

struct Draft {
    std::string toml;                  ///< the project file's text
    std::vector<std::string> found;    ///< what was told from the files, a line each
    std::vector<std::string> to_check; ///< what a person must still decide or fill in
};

/// Drafts the project file that will be written at `project_file` (paths are written relative to
/// its folder). @throws geo::InputError naming the file when an input cannot be read at all.
[[nodiscard]] Draft draft_project(const DraftInputs& inputs, const std::filesystem::path& project_file,
                                  bool japanese);

}  // namespace needmap::analysis::pipeline
