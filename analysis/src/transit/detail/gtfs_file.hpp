#pragma once

// Reading one GTFS file: columns by name, fields trimmed, problems reported by line.

#include "needmap/analysis/transit/feed.hpp"
#include "needmap/geo/csv.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace needmap::analysis::transit::detail {

/// Hash of strings that also accepts string_views, so lookups do not allocate.
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

/// Feed ids to indexes.
using IdIndex = std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>>;

/// Finds a feed id; nothing when unknown.
inline std::optional<std::uint32_t> find_id(const IdIndex& index, std::string_view id) {
    const auto it = index.find(id);
    if (it == index.end()) return std::nullopt;
    return it->second;
}

/// A feed being read: its tables so far, the id lookups the next files need, and the report.
struct LoadContext {
    const geo::FileSource& files;
    Feed feed;
    IdIndex stop_index;
    IdIndex route_index;
    IdIndex service_index;
    IdIndex trip_index;
    /// Trips left out for their stop times, so that frequencies.txt can say why it misses them.
    IdIndex dropped_trip_index;

    /// "<source> (feed "<name>")", the start of every InputError message.
    [[nodiscard]] std::string where() const;
    /// The index of a service_id, added when new.
    ServiceIndex service(std::string_view id);
};

/// Records of one GTFS file, fields found by column name.
class GtfsFile {
public:
    static constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);

    /// Opens `name`, or nothing when the feed lacks it (or it has no header row: noted in the
    /// report). @throws InputError when it cannot be read or decoded, or when `required` and absent.
    static std::optional<GtfsFile> open(LoadContext& context, std::string_view name, bool required);

    /// Column index, or kAbsent.
    [[nodiscard]] std::size_t column(std::string_view name) const;
    /// Column index. @throws InputError naming the feed, the file and the column.
    [[nodiscard]] std::size_t require(std::string_view name) const;

    /// Moves to the next record; false at the end.
    bool next();
    /// The field of the current record, trimmed; empty when the column is kAbsent or the row short.
    [[nodiscard]] std::string_view operator[](std::size_t column) const {
        return column < m_fields.size() ? geo::trim(m_fields[column]) : std::string_view{};
    }
    /// 1-based line of the current record.
    [[nodiscard]] std::size_t line() const { return m_reader.line(); }

    /// Counts the current row as skipped, with the message "<file> line <n>: <what>".
    void skip(const std::string& what);
    /// Counts the current row as kept with a repair.
    void repair(const std::string& what);
    /// Message prefix for the current row: "<file> line <n>".
    [[nodiscard]] std::string here() const;
    /// This file's report.
    [[nodiscard]] FileReport& report() const { return m_context->feed.report.files[m_report]; }

private:
    GtfsFile(LoadContext& context, std::string name, std::string bytes);

    LoadContext* m_context;
    std::string m_name;
    std::size_t m_report;  ///< index into the feed report's files
    geo::CsvReader m_reader;
    std::vector<std::string> m_header;
    std::vector<std::string_view> m_fields;
};

/// Parses an unsigned decimal integer; nothing when the text is anything else.
std::optional<std::uint32_t> parse_uint(std::string_view text);
/// Parses a decimal number; nothing when the text is anything else.
std::optional<double> parse_double(std::string_view text);

// One loader per file, in reading order (load_feed.cpp calls them).
void load_agency(LoadContext& context);
void load_stops(LoadContext& context);
void load_routes(LoadContext& context);
void load_calendar(LoadContext& context, bool required);
void load_calendar_dates(LoadContext& context, bool required);
void load_trips(LoadContext& context);
void load_stop_times(LoadContext& context);
void load_frequencies(LoadContext& context);
void load_transfers(LoadContext& context);
void load_feed_info(LoadContext& context);

/// Fills blank times of one trip's rows (in stop_sequence order) by distance between the timepoints
/// around them: shape_dist_traveled where every row of the gap gives it (increasing), else the
/// great-circle distance between consecutive stops. Returns how many rows were filled.
/// Preconditions: the first and last rows have times; a row has both times or neither.
std::size_t interpolate_trip(std::span<StopTime> rows, const std::vector<Stop>& stops);

/// Great-circle distance in metres between two WGS 84 lon/lat points (degrees), on a sphere of the
/// Earth's mean radius.
double haversine_meters(geo::Point a, geo::Point b);

}  // namespace needmap::analysis::transit::detail
