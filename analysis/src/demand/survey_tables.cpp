// Loaders of the two needs-survey table shapes: values are parsed and checked here, so that the
// aggregation in survey.cpp works from clean numbers.

#include "needmap/analysis/demand/survey.hpp"
#include "needmap/geo/csv.hpp"
#include "needmap/geo/error.hpp"
#include "needmap/geo/layer.hpp"
#include "needmap/geo/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace needmap::analysis::demand {
namespace {

std::optional<double> parse_number(std::string_view text) {
    return geo::to_double(geo::Value(std::string(text)));
}

/// Width-folded, trimmed, ASCII lower-cased: the form answers are compared in.
std::string answer_form(std::string_view text) {
    std::string s(geo::trim(geo::fold_width(geo::trim(text))));
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

std::string list_of(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "" : "/") + v;
    return out;
}

void check_needs(const std::vector<NeedColumn>& needs, const std::string& source) {
    if (needs.empty()) throw geo::InputError(fmt::format("{}: no need kinds were configured for the survey", source));
}

}  // namespace

DistrictSurveyTable read_district_survey(const std::filesystem::path& csv, const DistrictSurveyConfig& config) {
    geo::CsvReader reader = geo::CsvReader::open(csv);
    const geo::CsvTable table = geo::read_csv_table(reader);
    check_needs(config.needs, table.source);
    const std::size_t key = table.require_column(config.key_column);
    const std::size_t respondents = table.require_column(config.respondents_column);
    std::vector<std::size_t> columns;
    for (const NeedColumn& need : config.needs) columns.push_back(table.require_column(need.column));

    DistrictSurveyTable out;
    out.source = table.source;
    out.encoding = table.encoding_note;
    for (const NeedColumn& need : config.needs) out.needs.push_back(need.need);
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const auto& cells = table.rows[r];
        const std::size_t line = table.lines[r];
        auto fail = [&](std::size_t column, std::string_view value, std::string_view expected) {
            return geo::InputError(fmt::format("{} line {}: {} is \"{}\"; expected {}", table.source, line,
                                               table.header[column], value, expected));
        };
        DistrictSurveyRow row;
        row.key = std::string(geo::trim(cells[key]));
        row.line = line;
        const std::string_view n_text = geo::trim(cells[respondents]);
        const auto n = parse_number(n_text);
        if (!n || *n < 0) throw fail(respondents, n_text, "a number of respondents, 0 or more");
        row.respondents = *n;
        for (std::size_t k = 0; k < columns.size(); ++k) {
            std::string text(geo::trim(geo::fold_width(geo::trim(cells[columns[k]]))));
            if (text.empty()) {
                ++out.blank_cells;
                row.counts.emplace_back();
                continue;
            }
            const NeedMeasure measure = config.needs[k].measure;
            if (measure == NeedMeasure::Percent && text.ends_with('%')) text.pop_back();
            const auto value = parse_number(text);
            switch (measure) {
                case NeedMeasure::Count:
                    if (!value || *value < 0 || *value > row.respondents)
                        throw fail(columns[k], text,
                                   fmt::format("a count of people from 0 to the {} respondents ({})", row.respondents,
                                               table.header[respondents]));
                    row.counts.emplace_back(*value);
                    break;
                case NeedMeasure::Rate:
                    if (!value || *value < 0 || *value > 1) throw fail(columns[k], text, "a rate from 0 to 1");
                    row.counts.emplace_back(*value * row.respondents);
                    break;
                case NeedMeasure::Percent:
                    if (!value || *value < 0 || *value > 100)
                        throw fail(columns[k], text, "a percentage from 0 to 100");
                    row.counts.emplace_back(*value / 100 * row.respondents);
                    break;
            }
        }
        out.rows.push_back(std::move(row));
    }
    return out;
}

RespondentTable read_respondent_survey(const std::filesystem::path& csv, const RespondentSurveyConfig& config) {
    geo::CsvReader reader = geo::CsvReader::open(csv);
    const geo::CsvTable table = geo::read_csv_table(reader);
    check_needs(config.needs, table.source);
    const int ways = (config.district_column.empty() ? 0 : 1) + (config.mesh_column.empty() ? 0 : 1) +
                     (config.lon_column.empty() && config.lat_column.empty() ? 0 : 1);
    if (ways != 1)
        throw geo::InputError(
            fmt::format("{}: respondents must be located by exactly one of a district column, a "
                        "mesh code column, or longitude and latitude columns ({} given)",
                        table.source, ways));
    if (config.lon_column.empty() != config.lat_column.empty())
        throw geo::InputError(fmt::format("{}: give both a longitude and a latitude column, or neither", table.source));

    std::optional<std::size_t> district, mesh, lon, lat;
    if (!config.district_column.empty()) district = table.require_column(config.district_column);
    if (!config.mesh_column.empty()) mesh = table.require_column(config.mesh_column);
    if (!config.lon_column.empty()) {
        lon = table.require_column(config.lon_column);
        lat = table.require_column(config.lat_column);
    }
    std::vector<std::size_t> columns;
    for (const NeedColumn& need : config.needs) columns.push_back(table.require_column(need.column));
    std::vector<std::string> yes, no;
    for (const auto& v : config.yes_values) yes.push_back(answer_form(v));
    for (const auto& v : config.no_values) no.push_back(answer_form(v));

    RespondentTable out;
    out.source = table.source;
    out.encoding = table.encoding_note;
    out.lon_lat_crs = config.lon_lat_crs.empty() ? geo::wgs84() : config.lon_lat_crs;
    for (const NeedColumn& need : config.needs) out.needs.push_back(need.need);
    out.blank_answers.assign(columns.size(), 0);
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const auto& cells = table.rows[r];
        Respondent person;
        person.line = table.lines[r];
        auto fail = [&](std::size_t column, std::string_view value, std::string_view expected) {
            return geo::InputError(fmt::format("{} line {}: {} is \"{}\"; expected {}", table.source, person.line,
                                               table.header[column], value, expected));
        };
        if (district) {
            const std::string_view key = geo::trim(cells[*district]);
            if (!key.empty()) person.location = std::string(key);
        } else if (mesh) {
            const std::string code(geo::trim(geo::fold_width(geo::trim(cells[*mesh]))));
            std::string reason;
            if (!code.empty()) {
                const auto cell = geo::MeshCode::try_parse(code, &reason);
                if (!cell) throw fail(*mesh, code, fmt::format("a mesh code ({})", reason));
                person.location = *cell;
            }
        } else {
            const std::string_view x = geo::trim(cells[*lon]);
            const std::string_view y = geo::trim(cells[*lat]);
            if (!x.empty() || !y.empty()) {
                const auto px = parse_number(x);
                const auto py = parse_number(y);
                if (!px) throw fail(*lon, x, "a longitude in degrees");
                if (!py) throw fail(*lat, y, "a latitude in degrees");
                person.location = geo::Point{*px, *py};
            }
        }
        for (std::size_t k = 0; k < columns.size(); ++k) {
            const std::string answer = answer_form(cells[columns[k]]);
            if (answer.empty()) {
                ++out.blank_answers[k];
                person.answers.emplace_back();
            } else if (std::find(yes.begin(), yes.end(), answer) != yes.end()) {
                person.answers.emplace_back(true);
            } else if (std::find(no.begin(), no.end(), answer) != no.end()) {
                person.answers.emplace_back(false);
            } else {
                throw fail(columns[k], geo::trim(cells[columns[k]]),
                           fmt::format("a yes ({}) or a no ({}), or blank for no answer", list_of(config.yes_values),
                                       list_of(config.no_values)));
            }
        }
        out.rows.push_back(std::move(person));
    }
    return out;
}

}  // namespace needmap::analysis::demand
