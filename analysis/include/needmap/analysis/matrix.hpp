#pragma once

// Travel-time matrices, as r5r's travel_time_matrix: for each origin, the destinations reached
// within the time limit, with one time per requested percentile.

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace needmap::analysis {

/// A sparse origin × destination matrix. Row o holds entries row_begin[o] .. row_begin[o+1]-1,
/// in increasing destination order; entry k has percentiles.size() times starting at
/// seconds[k * percentiles.size()]. Pairs beyond the limit are absent; a percentile beyond it in a
/// pair that is present is NaN.
struct TravelTimeMatrix {
    std::vector<int> percentiles{50};
    std::vector<std::uint32_t> row_begin{0};
    std::vector<std::uint32_t> destination;
    std::vector<float> seconds;

    [[nodiscard]] std::size_t origin_count() const { return row_begin.size() - 1; }
    [[nodiscard]] std::size_t entry_count() const { return destination.size(); }

    /// Appends the next origin's row: its destinations, and their percentiles.size() times each.
    void add_row(std::span<const std::uint32_t> destinations, std::span<const float> times) {
        destination.insert(destination.end(), destinations.begin(), destinations.end());
        seconds.insert(seconds.end(), times.begin(), times.end());
        row_begin.push_back(static_cast<std::uint32_t>(destination.size()));
    }
};

/// Writes `from_id,to_id,travel_time_p50,...` with times in minutes to one decimal (empty for a
/// NaN percentile, one beyond the limit), atomically.
/// @throws InputError when the file cannot be written.
void write_matrix_csv(const std::filesystem::path& path, const TravelTimeMatrix& matrix,
                      std::span<const std::string> origin_ids, std::span<const std::string> destination_ids);

}  // namespace needmap::analysis
