#pragma once

// The elderly needs survey (介護予防・日常生活圏域ニーズ調査): rates of each need kind per district,
// each with its 95% Wilson score interval, from a per-district table or from per-respondent rows.
// The need kinds (買物困難, 閉じこもり, ...) and their columns come from the caller's config.

#include "needmap/analysis/demand/district_names.hpp"
#include "needmap/analysis/demand/districts.hpp"
#include "needmap/geo/crs.hpp"
#include "needmap/geo/geometry.hpp"
#include "needmap/geo/mesh.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace needmap::analysis::demand {

/// How a per-district table gives a need.
enum class NeedMeasure {
    Count,    ///< people who have the need (0 <= count <= respondents)
    Rate,     ///< a fraction, 0..1
    Percent,  ///< a percentage, 0..100 (a trailing % is accepted)
};

struct NeedColumn {
    std::string need;                          ///< the need kind, e.g. "買物困難"; names the outputs
    std::string column;                        ///< the CSV column holding it
    NeedMeasure measure = NeedMeasure::Count;  ///< per-district tables only
};

/// A table with one row per district.
struct DistrictSurveyConfig {
    std::string key_column;          ///< district id or name, matched as join_names does
    std::string respondents_column;  ///< number of respondents in the district
    std::vector<NeedColumn> needs;
};

/// A table with one row per (anonymised) respondent, located by exactly one of: a district key,
/// a JIS X 0410 mesh code (its cell centre), or longitude and latitude.
struct RespondentSurveyConfig {
    std::string district_column;
    std::string mesh_column;
    std::string lon_column;
    std::string lat_column;
    geo::Crs lon_lat_crs;           ///< of lon/lat; WGS 84 when empty
    std::vector<NeedColumn> needs;  ///< `measure` is not used: each answer is yes, no or blank
    /// Accepted answers, compared after width folding, trimming and lower-casing ASCII.
    std::vector<std::string> yes_values = {"1", "yes", "y", "true", "はい", "有", "あり", "○"};
    std::vector<std::string> no_values = {"0", "no", "n", "false", "いいえ", "無", "なし", "×"};
};

struct DistrictSurveyRow {
    std::string key;
    std::size_t line = 0;
    double respondents = 0;
    /// Per need: people with the need (a rate times the respondents, so possibly fractional);
    /// nothing where the cell is blank.
    std::vector<std::optional<double>> counts;
};

/// A per-district table as read, values checked.
struct DistrictSurveyTable {
    std::string source;
    std::string encoding;  ///< e.g. "CP932 (detected)"
    std::vector<std::string> needs;
    std::vector<DistrictSurveyRow> rows;
    std::size_t blank_cells = 0;  ///< need cells left blank
};

/// @throws InputError naming the file, line, column and value for: a respondent count that is not
/// a positive number, a count that is not a number, negative, or above the row's respondents, a
/// rate outside 0..1 (a percentage outside 0..100); naming the file for a missing column.
[[nodiscard]] DistrictSurveyTable read_district_survey(const std::filesystem::path& csv,
                                                       const DistrictSurveyConfig& config);

/// Where a respondent lives, as given: a district key, a mesh cell, or a lon/lat point.
using RespondentLocation = std::variant<std::monostate, std::string, geo::MeshCode, geo::Point>;

struct Respondent {
    std::size_t line = 0;
    RespondentLocation location;               ///< monostate when the cell is blank
    std::vector<std::optional<bool>> answers;  ///< per need; nothing for a blank answer
};

struct RespondentTable {
    std::string source;
    std::string encoding;
    std::vector<std::string> needs;
    geo::Crs lon_lat_crs;
    std::vector<Respondent> rows;
    std::vector<std::size_t> blank_answers;  ///< per need
};

/// @throws InputError naming the file, line, column and value for an answer that is neither a yes
/// nor a no value, a mesh code that is not one, or a longitude/latitude that is not a number;
/// naming the file for a missing column or a config that does not give exactly one location.
[[nodiscard]] RespondentTable read_respondent_survey(const std::filesystem::path& csv,
                                                     const RespondentSurveyConfig& config);

/// z for a two-sided 95% interval.
inline constexpr double kZ95 = 1.959963984540054;

struct Interval {
    double low = 0;
    double high = 0;
};

/// The Wilson score interval of a proportion `yes / n`: with p = yes/n,
/// centre = (p + z²/2n) / (1 + z²/n), half-width = z / (1 + z²/n) * sqrt(p(1-p)/n + z²/4n²).
/// Precondition: 0 <= yes <= n, n > 0.
[[nodiscard]] Interval wilson_interval(double yes, double n, double z = kZ95);

/// One need's rate in one district.
struct Proportion {
    double yes = 0;  ///< people with the need
    double n = 0;    ///< people who answered
    double rate = 0;
    Interval ci95;
    bool small_sample = false;  ///< n below SurveyOptions::min_respondents
};

struct DistrictNeeds {
    double respondents = 0;
    bool small_sample = false;                     ///< respondents below SurveyOptions::min_respondents
    std::vector<std::optional<Proportion>> needs;  ///< per need kind; nothing without answers
    std::size_t line = 0;                          ///< the row of a per-district table (0 for respondents)
};

struct SurveyOptions {
    /// Districts (and rates) with fewer respondents are flagged small_sample.
    double min_respondents = 30;
};

struct SurveyReport {
    std::string source;
    std::string encoding;
    std::size_t rows = 0;
    std::size_t rows_unknown_key = 0;        ///< keys that matched no district (see join)
    std::size_t rows_unlocated = 0;          ///< respondents with a blank location
    std::size_t rows_outside = 0;            ///< mesh cells or points in no district
    std::vector<std::size_t> blank_answers;  ///< per need
    std::size_t blank_cells = 0;             ///< per-district tables: need cells left blank
    JoinReport join;
    std::vector<std::string> small_sample_districts;  ///< names, for the report

    [[nodiscard]] std::vector<std::string> lines() const;
};

/// Survey rates per district, indexed like the Districts they were joined to.
struct SurveyRates {
    std::vector<std::string> needs;
    std::vector<std::optional<DistrictNeeds>> districts;  ///< nothing where the survey has no row
    SurveyReport report;
};

/// Joins a per-district table to the districts. Unknown keys are reported and counted.
/// @throws InputError naming the file and both lines when two rows join the same district.
[[nodiscard]] SurveyRates survey_by_district(const DistrictSurveyTable& table, const Districts& districts,
                                             const SurveyOptions& options = {});

/// Counts respondents per district: by key (join_names), or by locating the mesh cell centre or
/// the point in the districts (point in polygon, in the districts' metric CRS). Respondents with
/// an unknown key, a blank location, or outside every district are counted, not fatal.
[[nodiscard]] SurveyRates aggregate_respondents(const RespondentTable& table, const Districts& districts,
                                                const SurveyOptions& options = {});

}  // namespace needmap::analysis::demand
