#include "console.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <unistd.h>

namespace needmap::cli {

Console::Console(const Common& common) : m_common(common), m_terminal(isatty(STDERR_FILENO) != 0) {}

void Console::stage(std::string name) {
    ++m_index;
    m_name = std::move(name);
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
    fmt::print(stderr, "{}{}: {} ({:.2f} s)\n", prefix, m_name, result, s);
}

void Console::note(const std::string& line) const {
    if (!m_common.quiet) fmt::print(stderr, "      {}\n", line);
}

void Console::warn(const std::string& line) const {
    fmt::print(stderr, "WARNING: {}\n", line);
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
