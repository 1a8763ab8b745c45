#include "needmap/analysis/matrix.hpp"

#include "needmap/geo/atomic_file.hpp"
#include "needmap/geo/csv.hpp"

#include <fmt/format.h>

#include <cmath>

namespace needmap::analysis {

void write_matrix_csv(const std::filesystem::path& path, const TravelTimeMatrix& matrix,
                      std::span<const std::string> origin_ids, std::span<const std::string> destination_ids) {
    geo::AtomicFile file(path);
    fmt::memory_buffer out;
    fmt::format_to(std::back_inserter(out), "from_id,to_id");
    for (const int p : matrix.percentiles) fmt::format_to(std::back_inserter(out), ",travel_time_p{:02d}", p);
    out.push_back('\n');
    const std::size_t np = matrix.percentiles.size();
    // Ids as RFC 4180 writes them (a comma, quote or line break in one is quoted), once each.
    std::vector<std::string> to_ids;
    to_ids.reserve(destination_ids.size());
    for (const auto& id : destination_ids) to_ids.push_back(geo::csv_field(id));
    for (std::size_t o = 0; o < matrix.origin_count(); ++o) {
        const std::string from_id = geo::csv_field(origin_ids[o]);
        for (std::uint32_t k = matrix.row_begin[o]; k < matrix.row_begin[o + 1]; ++k) {
            fmt::format_to(std::back_inserter(out), "{},{}", from_id, to_ids[matrix.destination[k]]);
            for (std::size_t p = 0; p < np; ++p) {
                const float s = matrix.seconds[k * np + p];
                if (std::isnan(s)) {  // this percentile is beyond the limit: left empty, as r5r's NA
                    out.push_back(',');
                    continue;
                }
                // Minutes to one decimal, rounded half up, without the cost of float formatting.
                const long tenths = std::lround(s / 6.0);
                fmt::format_to(std::back_inserter(out), ",{}.{}", tenths / 10, tenths % 10);
            }
            out.push_back('\n');
        }
        if (out.size() > (1 << 20)) {
            file.stream().write(out.data(), static_cast<std::streamsize>(out.size()));
            out.clear();
        }
    }
    file.stream().write(out.data(), static_cast<std::streamsize>(out.size()));
    file.commit();
}

}  // namespace needmap::analysis
