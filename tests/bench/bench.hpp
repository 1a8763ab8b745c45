#pragma once

// A small benchmark harness: named cases, each timed over a few runs, printed as one table.

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace needmap::bench {

struct Row {
    std::string name;
    std::string figure;  ///< what was measured, with its unit: "0.21 s", "35 MiB"
    std::string target;  ///< the issue's target, or empty
    std::string note;
};

class Table {
public:
    void add(Row row) { m_rows.push_back(std::move(row)); }
    void print() const;

private:
    std::vector<Row> m_rows;
};

/// Seconds taken by f: the best of `runs` runs (the least disturbed by the rest of the machine).
double best_seconds(int runs, const std::function<void()>& f);

/// Peak resident memory of this process so far, in MiB (VmHWM).
double peak_rss_mib();

/// `../shared/data/<sub>` when it is there.
std::optional<std::filesystem::path> shared_data(const std::string& sub);

/// The `needmap` program next to this benchmark in the build tree.
std::string cli_path();

/// Each benchmark module adds its rows.
void bench_geo(Table& table);
void bench_network(Table& table);
void bench_siting(Table& table);
void bench_transit(Table& table);
void bench_pipeline(Table& table);
void bench_viewer(Table& table);  ///< where the viewer is built (NEEDMAP_BENCH_VIEWER)

}  // namespace needmap::bench
