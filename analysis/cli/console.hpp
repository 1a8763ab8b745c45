#pragma once

// What the command line prints on stderr while it works: one line per stage, and a live counter
// on long stages when stderr is a terminal.

#include "commands.hpp"
#include "needmap/analysis/progress.hpp"

#include <chrono>
#include <string>

namespace needmap::cli {

class Console {
public:
    explicit Console(const Common& common);

    /// Starts a stage: "[2/5] walking network".
    void stage(std::string name);
    /// Ends the current stage with a one-line result and the time it took.
    void done(const std::string& result);
    /// Prints a note (a warning, a count) under the current stage.
    void note(const std::string& line) const;
    /// Prints a warning even when quiet: something the user must not miss.
    void warn(const std::string& line) const;
    /// A progress callback that redraws a counter on a terminal, and prints nothing otherwise.
    [[nodiscard]] analysis::ProgressCallback progress();

    void set_stage_count(int n) { m_total = n; }

private:
    const Common& m_common;
    bool m_terminal;
    int m_index = 0;
    int m_total = 0;
    std::string m_name;
    std::chrono::steady_clock::time_point m_start;
};

}  // namespace needmap::cli
