// A GTFS or GTFS-JP feed. The input holds the feed's files one after another, each starting with a
// line "--- <name>" (scripts/fuzz makes the seeds this way from real feeds).
#include "fuzz_support.hpp"

#include "needmap/analysis/transit/feed.hpp"
#include "needmap/geo/archive.hpp"
#include "needmap/geo/error.hpp"

#include <map>

namespace {

std::map<std::string, std::string> split_files(std::string_view text) {
    std::map<std::string, std::string> files;
    constexpr std::string_view marker = "--- ";
    std::string* current = nullptr;
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        const std::string_view line = text.substr(0, end == std::string_view::npos ? text.size() : end + 1);
        text.remove_prefix(line.size());
        if (line.starts_with(marker)) {
            std::string_view name = line.substr(marker.size());
            while (!name.empty() && (name.back() == '\n' || name.back() == '\r')) name.remove_suffix(1);
            current = &files[std::string(name)];
        } else if (current != nullptr) {
            current->append(line);
        }
    }
    return files;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace needmap;
    try {
        auto files = geo::FileSource::from_memory(split_files(fuzz::as_text(data, size)), "fuzz-feed");
        analysis::transit::Feed feed = analysis::transit::load_feed(files, "fuzz");
        // Every trip's stop times lie inside the feed's table and name stops that exist.
        for (const auto& trip : feed.trips) {
            if (std::size_t{trip.first_stop_time} + trip.stop_time_count > feed.stop_times.size()) __builtin_trap();
            for (const auto& st : feed.stop_times_of(trip))
                if (st.stop.value() >= feed.stops.size()) __builtin_trap();
        }
    } catch (const geo::InputError&) {
    }
    return 0;
}
