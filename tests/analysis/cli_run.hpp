#pragma once

// Runs the `needmap` command line (NEEDMAP_CLI) as a user would, for the CLI tests.

#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace needmap::test {

struct Run {
    int status = -1;
    std::string output;  ///< stdout and stderr together
};

/// `needmap <args>`, with its exit status and everything it printed, in English whatever the
/// locale of the machine running the tests (`--lang ja` asks for Japanese).
inline Run run_needmap(const std::string& args) {
    Run r;
    const std::string command = "env -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 " + std::string(NEEDMAP_CLI) + " " + args + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::array<char, 4096> buffer{};
    while (const std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) r.output.append(buffer.data(), n);
    const int raw = pclose(pipe);
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    return r;
}

}  // namespace needmap::test
