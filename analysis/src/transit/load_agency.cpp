// agency.txt: who runs the feed's routes. Optional here: nothing else depends on it.

#include "detail/gtfs_file.hpp"

namespace needmap::analysis::transit::detail {

void load_agency(LoadContext& context) {
    auto file = GtfsFile::open(context, "agency.txt", /*required=*/false);
    if (!file) return;
    const std::size_t id = file->column("agency_id");
    const std::size_t name = file->column("agency_name");
    const std::size_t url = file->column("agency_url");
    const std::size_t timezone = file->column("agency_timezone");
    while (file->next()) {
        Agency agency;
        agency.id = (*file)[id];
        agency.name = (*file)[name];
        agency.url = (*file)[url];
        agency.timezone = (*file)[timezone];
        context.feed.agencies.push_back(std::move(agency));
    }
}

}  // namespace needmap::analysis::transit::detail
