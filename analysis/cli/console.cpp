#include "console.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <string_view>
#include <utility>
#include <unistd.h>

namespace needmap::cli {

namespace {

/// A stage's name as shown: the library names stages by English keys.
std::string shown(const std::string& stage, bool japanese) {
    if (!japanese) return stage;
    static const std::pair<std::string_view, std::string_view> kJapanese[] = {
        {"districts", "中学校区（圏域）"},
        {"population", "人口"},
        {"needs survey", "ニーズ調査"},
        {"demand points", "人口の代表点"},
        {"streets", "道路"},
        {"resources and candidates", "資源と候補地"},
        {"bus timetable", "バスの時刻表"},
        {"travel times", "所要時間"},
        {"access and new sites", "行けない人と新しい拠点"},
        {"base", "現状"},
    };
    for (const auto& [key, ja] : kJapanese)
        if (stage == key) return std::string(ja);
    if (stage.starts_with("writing ")) return stage.substr(8) + " に書き出し";
    return stage;
}

}  // namespace

Console::Console(const Common& common) : m_common(common), m_terminal(isatty(STDERR_FILENO) != 0) {}

void Console::stage(std::string name) {
    ++m_index;
    m_name = shown(name, m_common.japanese());
    m_start = std::chrono::steady_clock::now();
    if (m_common.quiet) return;
    if (m_total > 0)
        fmt::print(stderr, "[{}/{}] {} ...", m_index, m_total, m_name);
    else
        fmt::print(stderr, "{} ...", m_name);
    if (!m_terminal) std::fputc('\n', stderr);
    std::fflush(stderr);
}

void Console::done(const std::string& result) {
    if (m_common.quiet) return;
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    if (m_terminal) fmt::print(stderr, "\r\033[K");
    const std::string prefix = m_total > 0 ? fmt::format("[{}/{}] ", m_index, m_total) : std::string();
    const bool ja = m_common.japanese();
    const std::string said = result.empty() ? "" : fmt::format(fmt::runtime(ja ? "：{}" : ": {}"), result);
    fmt::print(stderr, "{}{}{}{}\n", prefix, m_name, said, fmt::format(fmt::runtime(ja ? "（{:.2f} 秒）" : " ({:.2f} s)"), s));
}

void Console::note(const std::string& line) const {
    if (!m_common.quiet) fmt::print(stderr, "      {}\n", line);
}

void Console::warn(const std::string& line) const {
    fmt::print(stderr, "{}{}\n", m_common.japanese() ? "注意：" : "WARNING: ", line);
}

analysis::ProgressCallback Console::progress() {
    if (m_common.quiet || !m_terminal) return {};
    return [this](const analysis::ProgressEvent& e) {
        const std::string prefix = m_total > 0 ? fmt::format("[{}/{}] ", m_index, m_total) : std::string();
        if (e.total > 0)
            fmt::print(stderr, "\r\033[K{}{} {}/{} ({:.0f}%)", prefix, e.stage, e.done, e.total,
                       100.0 * static_cast<double>(e.done) / static_cast<double>(e.total));
        else
            fmt::print(stderr, "\r\033[K{}{} {}", prefix, e.stage, e.done);
        std::fflush(stderr);
    };
}

}  // namespace needmap::cli
