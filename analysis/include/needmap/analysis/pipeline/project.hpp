#pragma once

// The project file (TOML): every input and parameter of a run, with paths resolved against the
// file's folder. `needmap init` writes a commented template of it.

#include "needmap/analysis/demand/districts.hpp"
#include "needmap/analysis/demand/population.hpp"
#include "needmap/analysis/demand/survey.hpp"
#include "needmap/analysis/transit/date.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace needmap::analysis::pipeline {

struct DistrictsConfig {
    std::filesystem::path file;
    /// Instead of `file`, for a town without district polygons: one district per centre point
    /// (校区 ふれあいセンター, schools), the area nearer to it than to any other, within `boundary`
    /// (N03) or else within the populated cells up to `reach_m` from a centre.
    std::filesystem::path centres;
    std::filesystem::path boundary;
    double reach_m = 2000;
    std::string where;  ///< the features kept (an OGR SQL condition), all when empty
    demand::DistrictOptions options;
};

enum class PopulationSource { Mesh, SmallArea, Layer };

struct PopulationConfig {
    PopulationSource source = PopulationSource::Mesh;
    /// One file or several (a town spans mesh sheets 5031 and 5131), read as one population.
    std::vector<std::filesystem::path> files;
    std::filesystem::path boundaries;  ///< small areas: the boundary layer
    std::string key_field;             ///< small areas: KEY_CODE; layers: the id field
    std::string where;                 ///< layers, small-area boundaries: the features kept
    std::vector<demand::PopulationBand> bands;
    std::string elderly_band = "pop65";
};

enum class SurveyShape { District, Respondent };

struct SurveyConfig {
    SurveyShape shape = SurveyShape::District;
    std::filesystem::path file;
    demand::DistrictSurveyConfig district;
    demand::RespondentSurveyConfig respondent;
    double min_respondents = 30;
    [[nodiscard]] const std::vector<demand::NeedColumn>& needs() const {
        return shape == SurveyShape::District ? district.needs : respondent.needs;
    }
};

/// One kind of resource: salons, shops, and any other kind a user names.
struct ResourceConfig {
    std::string kind;
    std::filesystem::path file;
    std::string layer;
    std::string where;           ///< the rows kept (an OGR SQL condition), all when empty
    std::string need;            ///< the survey's need kind this resource serves
    std::string name_field;      ///< empty: no names
    std::string capacity_field;  ///< empty: capacity 1 each
    bool food_store = false;     ///< counts for the national yardstick
};

struct StreetsConfig {
    std::filesystem::path osm;
    std::filesystem::path network;  ///< a road line layer instead of osm
    std::string network_layer;
    std::filesystem::path dem;  ///< elevation model for the slopes; empty: level
};

struct TransitConfig {
    std::vector<std::filesystem::path> gtfs;  ///< empty: on foot only
    std::string departure;                    ///< YYYY-MM-DDTHH:MM, as written: a departure, or the deadline
    /// `departure` is a deadline (arrive_by = "..."): times count from the latest departure that
    /// arrives by it, over `window` deadlines up to it (1 by default).
    bool arrive_by = false;
    transit::Date date;                       ///< of the departure, checked by load_project
    Seconds departure_time{9 * 3600};         ///< since midnight of `date`
    int window = 120;                         ///< minutes
    int percentile = 50;
    double max_walk_to_stop = 800;  ///< metres
    int max_rides = 3;
    [[nodiscard]] bool enabled() const { return !gtfs.empty(); }
};

struct CandidatesConfig {
    std::filesystem::path file;
    std::string layer;
    std::string where;  ///< the rows kept (an OGR SQL condition), all when empty
    std::string name_field;
    std::optional<double> grid_m;  ///< instead of a file: points this far apart where people live
    std::vector<std::string> kinds;
    [[nodiscard]] bool enabled() const { return !file.empty() || grid_m.has_value(); }
};

struct Parameters {
    double threshold_min = 30;
    double walk_speed_kmh = 3.0;
    double max_snap_m = 500;
    std::size_t new_sites = 3;
    std::optional<double> no_car_share;  ///< share of people 65+ who cannot use a car
    std::string no_car_need;             ///< or a survey need kind giving that share per district
    double ilp_seconds = 60;
    /// How new sites are chosen: "mclp" (the most unmet need covered by new_sites sites), "lscp"
    /// (the fewest sites so that `cover_share` of the kind's need is within the threshold),
    /// "p-median" (the least need-weighted time to the nearest place), "capacitated" (the most
    /// need served, each place serving at most its capacity) or "backup" (need within reach of a
    /// second place counting again).
    std::string siting = "mclp";
    double cover_share = 0.9;
    /// Capacitated siting: people a new site can serve, and an existing place whose kind has no
    /// capacity_field.
    double site_capacity = 30;
    /// Graded access (E2SFCA and time-weighted places): how a place's weight falls with time,
    /// cut off at the threshold; the parameter defaults to half the threshold (Gaussian sd,
    /// logistic sd) or 0.1 per minute (exponential).
    std::string decay = "gaussian";
    std::optional<double> decay_parameter;
    /// Cumulative opportunities: places within each of these minutes, per point and district.
    std::vector<int> cutoffs_min{15, 30, 45};
};

struct Project {
    std::filesystem::path file;  ///< the project file
    std::string name;
    std::string crs;                       ///< empty: chosen from the districts' location
    std::vector<std::string> attribution;  ///< credits for the user's own data, added to the outputs
    DistrictsConfig districts;
    PopulationConfig population;
    std::optional<SurveyConfig> survey;
    std::vector<ResourceConfig> resources;
    StreetsConfig streets;
    TransitConfig transit;
    CandidatesConfig candidates;
    Parameters parameters;

    [[nodiscard]] const ResourceConfig* resource(std::string_view kind) const;
};

/// Reads and checks a project file: every key is known, every required key is there, values have
/// the right type and range, files exist, kinds and needs refer to each other consistently.
/// @throws InputError naming the file, the line, the key and what is wrong.
[[nodiscard]] Project load_project(const std::filesystem::path& file);

/// A commented project file to start from (`needmap init`).
[[nodiscard]] std::string_view project_template();

}  // namespace needmap::analysis::pipeline
