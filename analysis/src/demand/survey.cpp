#include "needmap/analysis/demand/survey.hpp"

#include "needmap/geo/error.hpp"
#include "needmap/geo/spatial_index.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <map>

namespace needmap::analysis::demand {
namespace {

Proportion make_proportion(double yes, double n, const SurveyOptions& options) {
    Proportion p;
    p.yes = yes;
    p.n = n;
    p.rate = yes / n;
    p.ci95 = wilson_interval(yes, n);
    p.small_sample = n < options.min_respondents;
    return p;
}

void list_small_samples(SurveyRates& rates, const Districts& districts) {
    for (std::size_t d = 0; d < rates.districts.size(); ++d)
        if (rates.districts[d] && rates.districts[d]->small_sample)
            rates.report.small_sample_districts.push_back(districts[d].name);
}

}  // namespace

Interval wilson_interval(double yes, double n, double z) {
    assert(n > 0 && yes >= 0 && yes <= n);
    const double p = yes / n;
    const double z2 = z * z;
    const double denominator = 1 + z2 / n;
    const double centre = (p + z2 / (2 * n)) / denominator;
    const double half = z / denominator * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

std::vector<std::string> SurveyReport::lines() const {
    std::vector<std::string> out;
    out.push_back(fmt::format("{} ({}): {} row(s)", source, encoding, rows));
    if (rows_unknown_key > 0)
        out.push_back(
            fmt::format("  {} row(s) with a district key that matches no district, left out", rows_unknown_key));
    if (rows_unlocated > 0)
        out.push_back(fmt::format("  {} respondent(s) without a location, left out", rows_unlocated));
    if (rows_outside > 0)
        out.push_back(fmt::format("  {} respondent(s) outside every district, left out", rows_outside));
    if (blank_cells > 0) out.push_back(fmt::format("  {} need cell(s) left blank", blank_cells));
    std::size_t blanks = 0;
    for (const std::size_t b : blank_answers) blanks += b;
    if (blanks > 0) out.push_back(fmt::format("  {} blank answer(s), counted as no answer", blanks));
    if (!small_sample_districts.empty()) {
        std::string names;
        for (const auto& n : small_sample_districts) names += (names.empty() ? "" : ", ") + n;
        out.push_back(fmt::format("  small sample (rates are noisy) in: {}", names));
    }
    if (!join.what.empty())
        for (const std::string& line : join.lines()) out.push_back("  " + line);
    return out;
}

SurveyRates survey_by_district(const DistrictSurveyTable& table, const Districts& districts,
                               const SurveyOptions& options) {
    std::vector<JoinKey> keys;
    keys.reserve(table.rows.size());
    for (const DistrictSurveyRow& row : table.rows) keys.push_back({row.key, row.line, 1});
    NameJoin join =
        join_to_districts(keys, districts, fmt::format("{} → districts ({})", table.source, districts.source));

    SurveyRates out;
    out.needs = table.needs;
    out.districts.resize(districts.size());
    out.report.source = table.source;
    out.report.encoding = table.encoding;
    out.report.rows = table.rows.size();
    out.report.blank_cells = table.blank_cells;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const DistrictSurveyRow& row = table.rows[r];
        const auto d = join.target_of_key[r];
        if (!d) {
            ++out.report.rows_unknown_key;
            continue;
        }
        if (out.districts[*d])
            throw geo::InputError(fmt::format("{} line {}: \"{}\" is district \"{}\", which line {} already gave",
                                              table.source, row.line, row.key, districts[*d].name,
                                              out.districts[*d]->line));
        DistrictNeeds needs;
        needs.respondents = row.respondents;
        needs.small_sample = row.respondents < options.min_respondents;
        needs.line = row.line;
        for (const auto& count : row.counts) {
            if (count && row.respondents > 0)
                needs.needs.push_back(make_proportion(*count, row.respondents, options));
            else
                needs.needs.emplace_back();
        }
        out.districts[*d] = std::move(needs);
    }
    out.report.join = std::move(join.report);
    list_small_samples(out, districts);
    return out;
}

SurveyRates aggregate_respondents(const RespondentTable& table, const Districts& districts,
                                  const SurveyOptions& options) {
    SurveyRates out;
    out.needs = table.needs;
    out.districts.resize(districts.size());
    out.report.source = table.source;
    out.report.encoding = table.encoding;
    out.report.rows = table.rows.size();
    out.report.blank_answers = table.blank_answers;

    // The district of each respondent, or nothing.
    std::vector<std::optional<std::size_t>> district_of(table.rows.size());
    std::map<std::string, std::size_t> key_index;  // district key -> index into `keys`
    std::vector<JoinKey> keys;
    std::vector<std::size_t> key_of_row(table.rows.size(), 0);
    // Built on first use: a table located by district key needs neither. A table holds one kind
    // of location, so one transformer serves every row.
    std::optional<geo::PolygonIndex> index;
    std::optional<geo::Transformer> to_metric;
    auto locate = [&](geo::Point p, const geo::Crs& crs) -> std::optional<std::size_t> {
        if (!index) index.emplace(districts.polygons());
        if (!to_metric) to_metric.emplace(crs, districts.crs);
        to_metric->transform(std::span(&p, 1));
        return std::isfinite(p.x) ? index->locate(p) : std::nullopt;
    };
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const Respondent& person = table.rows[r];
        if (const auto* key = std::get_if<std::string>(&person.location)) {
            const auto [it, fresh] = key_index.emplace(*key, keys.size());
            if (fresh)
                keys.push_back({*key, person.line, 1});
            else
                ++keys[it->second].rows;
            key_of_row[r] = it->second;
        } else if (const auto* cell = std::get_if<geo::MeshCode>(&person.location)) {
            const geo::Box b = cell->bounds();
            const geo::Point centre{(b.min_corner().x + b.max_corner().x) / 2,
                                    (b.min_corner().y + b.max_corner().y) / 2};
            district_of[r] = locate(centre, geo::jgd2011());
            if (!district_of[r]) ++out.report.rows_outside;
        } else if (const auto* point = std::get_if<geo::Point>(&person.location)) {
            district_of[r] = locate(*point, table.lon_lat_crs);
            if (!district_of[r]) ++out.report.rows_outside;
        } else {
            ++out.report.rows_unlocated;
        }
    }
    if (!keys.empty()) {
        NameJoin join =
            join_to_districts(keys, districts, fmt::format("{} → districts ({})", table.source, districts.source));
        for (std::size_t r = 0; r < table.rows.size(); ++r) {
            if (!std::holds_alternative<std::string>(table.rows[r].location)) continue;
            district_of[r] = join.target_of_key[key_of_row[r]];
            if (!district_of[r]) ++out.report.rows_unknown_key;
        }
        out.report.join = std::move(join.report);
    }

    const std::size_t needs = table.needs.size();
    std::vector<double> respondents(districts.size(), 0);
    std::vector<std::vector<double>> yes(districts.size(), std::vector<double>(needs, 0));
    std::vector<std::vector<double>> answered(districts.size(), std::vector<double>(needs, 0));
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        if (!district_of[r]) continue;
        const std::size_t d = *district_of[r];
        respondents[d] += 1;
        for (std::size_t k = 0; k < needs; ++k) {
            const auto& answer = table.rows[r].answers[k];
            if (!answer) continue;
            answered[d][k] += 1;
            if (*answer) yes[d][k] += 1;
        }
    }
    for (std::size_t d = 0; d < districts.size(); ++d) {
        if (respondents[d] == 0) continue;
        DistrictNeeds dn;
        dn.respondents = respondents[d];
        dn.small_sample = respondents[d] < options.min_respondents;
        for (std::size_t k = 0; k < needs; ++k) {
            if (answered[d][k] > 0)
                dn.needs.push_back(make_proportion(yes[d][k], answered[d][k], options));
            else
                dn.needs.emplace_back();
        }
        out.districts[d] = std::move(dn);
    }
    list_small_samples(out, districts);
    return out;
}

}  // namespace needmap::analysis::demand
