// calendar.txt: the weekdays each service runs, between two dates.

#include "detail/gtfs_file.hpp"

#include <fmt/format.h>

namespace needmap::analysis::transit::detail {

void load_calendar(LoadContext& context, bool required) {
    auto file = GtfsFile::open(context, "calendar.txt", required);
    if (!file) return;
    const std::size_t id = file->require("service_id");
    constexpr std::array<std::string_view, 7> kDays = {"monday", "tuesday",  "wednesday", "thursday",
                                                       "friday", "saturday", "sunday"};
    std::array<std::size_t, 7> day_columns{};
    for (std::size_t d = 0; d < 7; ++d) day_columns[d] = file->require(kDays[d]);
    const std::size_t start = file->require("start_date");
    const std::size_t end = file->require("end_date");

    std::vector<bool> seen;
    while (file->next()) {
        const std::string_view service_id = (*file)[id];
        if (service_id.empty()) {
            file->skip("service_id is blank");
            continue;
        }
        CalendarEntry entry;
        bool ok = true;
        for (std::size_t d = 0; d < 7 && ok; ++d) {
            const std::string_view flag = (*file)[day_columns[d]];
            if (flag != "0" && flag != "1") {
                file->skip(fmt::format("{} \"{}\" is not 0 or 1", kDays[d], flag));
                ok = false;
            }
            entry.weekdays[d] = flag == "1";
        }
        if (!ok) continue;
        const auto first = parse_gtfs_date((*file)[start]);
        const auto last = parse_gtfs_date((*file)[end]);
        if (!first || !last) {
            file->skip(fmt::format("{} \"{}\" is not a YYYYMMDD date", first ? "end_date" : "start_date",
                                   (*file)[first ? end : start]));
            continue;
        }
        if (*last < *first) {
            file->skip(fmt::format("end_date {} is before start_date {}", last->to_string(), first->to_string()));
            continue;
        }
        entry.service = context.service(service_id);
        if (seen.size() <= entry.service.value()) seen.resize(entry.service.value() + 1, false);
        if (seen[entry.service.value()]) {
            file->skip(fmt::format("service_id \"{}\" appears a second time", service_id));
            continue;
        }
        seen[entry.service.value()] = true;
        entry.start = *first;
        entry.end = *last;
        context.feed.calendar.push_back(entry);
    }
}

}  // namespace needmap::analysis::transit::detail
