// calendar_dates.txt: days a service runs (1) or does not run (2) against its calendar.txt pattern.

#include "detail/gtfs_file.hpp"

#include <fmt/format.h>

namespace needmap::analysis::transit::detail {

void load_calendar_dates(LoadContext& context, bool required) {
    auto file = GtfsFile::open(context, "calendar_dates.txt", required);
    if (!file) return;
    const std::size_t id = file->require("service_id");
    const std::size_t date = file->require("date");
    const std::size_t type = file->require("exception_type");
    while (file->next()) {
        const std::string_view service_id = (*file)[id];
        if (service_id.empty()) {
            file->skip("service_id is blank");
            continue;
        }
        const auto day = parse_gtfs_date((*file)[date]);
        if (!day) {
            file->skip(fmt::format("date \"{}\" is not a YYYYMMDD date", (*file)[date]));
            continue;
        }
        const std::string_view t = (*file)[type];
        if (t != "1" && t != "2") {
            file->skip(fmt::format("exception_type \"{}\" is not 1 (added) or 2 (removed)", t));
            continue;
        }
        context.feed.calendar_dates.push_back(
            {context.service(service_id), *day, t == "1" ? ExceptionType::Added : ExceptionType::Removed});
    }
}

}  // namespace needmap::analysis::transit::detail
