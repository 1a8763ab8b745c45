// transfers.txt: minimum times (or bans) for changing between two stops.

#include "detail/gtfs_file.hpp"

#include <fmt/format.h>

namespace needmap::analysis::transit::detail {

void load_transfers(LoadContext& context) {
    auto file = GtfsFile::open(context, "transfers.txt", /*required=*/false);
    if (!file) return;
    const std::size_t from_column = file->require("from_stop_id");
    const std::size_t to_column = file->require("to_stop_id");
    const std::size_t type_column = file->require("transfer_type");
    const std::size_t time_column = file->column("min_transfer_time");
    const std::array<std::size_t, 4> specific_columns = {file->column("from_trip_id"), file->column("to_trip_id"),
                                                         file->column("from_route_id"), file->column("to_route_id")};
    while (file->next()) {
        bool specific = false;
        for (const std::size_t c : specific_columns) specific = specific || !(*file)[c].empty();
        if (specific) {
            file->skip("a trip- or route-specific transfer; only stop-to-stop transfers are used");
            continue;
        }
        const std::string_view type_text = (*file)[type_column];
        const auto type = type_text.empty() ? std::optional<std::uint32_t>(0) : parse_uint(type_text);
        if (!type || *type > 3) {
            file->skip(fmt::format("transfer_type \"{}\" is not 0 to 3", type_text));
            continue;
        }
        const auto from = find_id(context.stop_index, (*file)[from_column]);
        const auto to = find_id(context.stop_index, (*file)[to_column]);
        if (!from || !to) {
            file->skip(fmt::format("{} \"{}\" is not in stops.txt", from ? "to_stop_id" : "from_stop_id",
                                   (*file)[from ? to_column : from_column]));
            continue;
        }
        const auto& stops = context.feed.stops;
        const bool from_ok =
            stops[*from].location_type == LocationType::Stop || stops[*from].location_type == LocationType::Station;
        if (!from_ok ||
            (stops[*to].location_type != LocationType::Stop && stops[*to].location_type != LocationType::Station)) {
            file->skip(fmt::format("{} \"{}\" is neither a stop nor a station (location_type 0 or 1)",
                                   from_ok ? "to_stop_id" : "from_stop_id",
                                   (*file)[from_ok ? to_column : from_column]));
            continue;
        }
        Transfer transfer{FeedStopIndex(*from), FeedStopIndex(*to), static_cast<TransferType>(*type), std::nullopt};
        if (const std::string_view t = (*file)[time_column]; !t.empty()) {
            const auto seconds = parse_uint(t);
            if (!seconds) {
                file->skip(fmt::format("min_transfer_time \"{}\" is not a number of seconds", t));
                continue;
            }
            transfer.min_transfer_time = Seconds(static_cast<std::int32_t>(*seconds));
        }
        context.feed.transfers.push_back(transfer);
    }
}

}  // namespace needmap::analysis::transit::detail
