// The needs survey: a per-district table (first input byte even) or per-respondent rows (odd), with
// the sample town's column names.
#include "fuzz_support.hpp"

#include "needmap/analysis/demand/survey.hpp"
#include "needmap/geo/error.hpp"

#include <cmath>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace needmap;
    using namespace needmap::analysis::demand;
    if (size == 0) return 0;
    const bool respondents = (data[0] & 1) != 0;
    try {
        const auto file = fuzz::write_scratch("fuzz-survey.csv", fuzz::as_text(data + 1, size - 1));
        if (respondents) {
            RespondentSurveyConfig config;
            config.district_column = "日常生活圏域";
            config.needs = {{"買物困難", "買物困難"}, {"閉じこもり", "閉じこもり"}};
            auto table = read_respondent_survey(file, config);
            for (const auto& row : table.rows)
                if (row.answers.size() != table.needs.size()) __builtin_trap();
        } else {
            DistrictSurveyConfig config;
            config.key_column = "日常生活圏域";
            config.respondents_column = "回答者数";
            config.needs = {{"買物困難", "買物困難", NeedMeasure::Count},
                            {"通いの場参加意向", "通いの場参加意向", NeedMeasure::Percent}};
            auto table = read_district_survey(file, config);
            for (const auto& row : table.rows) {
                if (!(row.respondents > 0) || !std::isfinite(row.respondents)) __builtin_trap();
                for (const auto& count : row.counts)
                    if (count && !(*count >= 0 && *count <= row.respondents)) __builtin_trap();
            }
        }
    } catch (const geo::InputError&) {
    }
    return 0;
}
