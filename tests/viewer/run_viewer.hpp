#pragma once

// Runs needmap-viewer (or any command) as a user would, for the tests of its command line.

#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>
#include <utility>

namespace needmap::test {

/// The exit status and what the command printed on stdout and stderr.
inline std::pair<int, std::string> run_command(const std::string& command) {
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string out;
    std::array<char, 4096> buffer{};
    while (const std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) out.append(buffer.data(), n);
    const int status = pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

/// needmap-viewer with these arguments.
inline std::pair<int, std::string> run_viewer(const std::string& args) {
    return run_command(std::string(NEEDMAP_VIEWER) + " " + args);
}

/// What a command printed on stdout (poppler-utils' pdfinfo and pdftotext, installed by
/// scripts/setup); it must succeed.
inline std::string output_of(const std::string& command) {
    FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string text;
    std::array<char, 4096> buffer{};
    while (const std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) text.append(buffer.data(), n);
    REQUIRE(pclose(pipe) == 0);
    return text;
}

}  // namespace needmap::test
