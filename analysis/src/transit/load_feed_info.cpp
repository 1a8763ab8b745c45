// feed_info.txt: publisher and the dates the feed is valid for.

#include "detail/gtfs_file.hpp"

#include <fmt/format.h>

namespace needmap::analysis::transit::detail {

void load_feed_info(LoadContext& context) {
    auto file = GtfsFile::open(context, "feed_info.txt", /*required=*/false);
    if (!file) return;
    const std::size_t publisher = file->column("feed_publisher_name");
    const std::size_t version = file->column("feed_version");
    const std::size_t start = file->column("feed_start_date");
    const std::size_t end = file->column("feed_end_date");
    while (file->next()) {
        if (context.feed.feed_info) {
            file->skip("a second row; feed_info.txt has one");
            continue;
        }
        FeedInfo info;
        info.publisher_name = (*file)[publisher];
        info.version = (*file)[version];
        for (const auto& [column, date] : {std::pair{start, &info.start}, std::pair{end, &info.end}}) {
            const std::string_view text = (*file)[column];
            if (text.empty()) continue;
            *date = parse_gtfs_date(text);
            if (!*date)
                file->repair(fmt::format("{} \"{}\" is not a YYYYMMDD date; left out",
                                         column == start ? "feed_start_date" : "feed_end_date", text));
        }
        context.feed.feed_info = std::move(info);
    }
}

}  // namespace needmap::analysis::transit::detail
