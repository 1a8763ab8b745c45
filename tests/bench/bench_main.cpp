#include "bench.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <string>

namespace needmap::bench {

void Table::print() const {
    std::size_t w[4] = {9, 6, 6, 4};
    for (const auto& r : m_rows) {
        w[0] = std::max(w[0], r.name.size());
        w[1] = std::max(w[1], r.figure.size());
        w[2] = std::max(w[2], r.target.size());
    }
    fmt::print("| {:<{}} | {:>{}} | {:>{}} | {} |\n", "benchmark", w[0], "figure", w[1], "target", w[2], "note");
    fmt::print("|{:-<{}}|{:->{}}|{:->{}}|{:-<{}}|\n", "", w[0] + 2, "", w[1] + 2, "", w[2] + 2, "", 6);
    for (const auto& r : m_rows)
        fmt::print("| {:<{}} | {:>{}} | {:>{}} | {} |\n", r.name, w[0], r.figure, w[1], r.target, w[2], r.note);
}

double best_seconds(int runs, const std::function<void()>& f) {
    double best = 1e300;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        f();
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    return best;
}

double peak_rss_mib() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
    return 0;
}

std::optional<std::filesystem::path> shared_data(const std::string& sub) {
    const char* env = std::getenv("NEEDMAP_SHARED_DATA");
    const auto root = env != nullptr ? std::filesystem::path(env)
                                     : std::filesystem::path(NEEDMAP_SOURCE_DIR) / ".." / "shared" / "data";
    if (std::filesystem::exists(root / sub)) return root / sub;
    return std::nullopt;
}

std::string cli_path() {
    return NEEDMAP_CLI;
}

}  // namespace needmap::bench

int main(int argc, char** argv) {
    // `needmap-bench [MODULE]...`: only those modules (geo, network, transit, siting, pipeline, viewer).
    const std::vector<std::string> only(argv + 1, argv + argc);
    const auto wanted = [&](const std::string& module) {
        return only.empty() || std::find(only.begin(), only.end(), module) != only.end();
    };
    needmap::bench::Table table;
    if (wanted("geo")) needmap::bench::bench_geo(table);
    if (wanted("network")) needmap::bench::bench_network(table);
    if (wanted("transit")) needmap::bench::bench_transit(table);
    if (wanted("siting")) needmap::bench::bench_siting(table);
    if (wanted("pipeline")) needmap::bench::bench_pipeline(table);
#ifdef NEEDMAP_BENCH_VIEWER
    if (wanted("viewer")) needmap::bench::bench_viewer(table);
#endif
    table.print();
    return 0;
}
