// A real `needmap run` stopped by SIGINT, SIGTERM or SIGHUP at moments spread over its run: it
// leaves either nothing or a whole results file, never a half-written file or a temporary one.

#include "needmap/analysis/pipeline/results_io.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <thread>
#include <unistd.h>
#include <sys/wait.h>

namespace {

namespace fs = std::filesystem;

const fs::path kProject = fs::path(NEEDMAP_SOURCE_DIR) / "datasets" / "sample-town" / "project.toml";

/// Starts `needmap run` writing to `output`, its console to /dev/null.
pid_t start_run(const fs::path& output) {
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        const int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, STDOUT_FILENO);
        ::dup2(null, STDERR_FILENO);
        ::execl(NEEDMAP_CLI, NEEDMAP_CLI, "run", kProject.c_str(), "-q", "-o", output.c_str(), nullptr);
        ::_exit(127);
    }
    return pid;
}

int wait_for(pid_t pid) {
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    return status;
}

}  // namespace

TEST_CASE("a run stopped by a signal at any moment leaves nothing or a whole results file", "[integration][cli]") {
    needmap::test::TempDir tmp;
    // How long an undisturbed run takes here.
    const auto start = std::chrono::steady_clock::now();
    REQUIRE(wait_for(start_run(tmp / "whole.gpkg")) == 0);
    const auto took = std::chrono::steady_clock::now() - start;
    fs::remove(tmp / "whole.gpkg");

    const int signals[] = {SIGINT, SIGTERM, SIGHUP};
    int stopped = 0;
    for (int k = 1; k <= 19; ++k) {
        const int signal_number = signals[k % 3];
        const fs::path dir = tmp / std::to_string(k);
        fs::create_directory(dir);
        const pid_t pid = start_run(dir / "out.gpkg");
        std::this_thread::sleep_for(took * k / 20);
        ::kill(pid, signal_number);
        const int status = wait_for(pid);
        INFO("signal " << signal_number << " at " << k * 5 << "% of the run");
        std::vector<std::string> left;
        for (const auto& entry : fs::directory_iterator(dir)) left.push_back(entry.path().filename().string());
        if (WIFSIGNALED(status)) {
            ++stopped;
            CHECK(WTERMSIG(status) == signal_number);
            // Stopped before the end: no output, or the whole one if the signal came after its rename.
            CHECK((left.empty() || left == std::vector<std::string>{"out.gpkg"}));
        } else {
            CHECK(WEXITSTATUS(status) == 0);  // finished before the signal
            CHECK(left == std::vector<std::string>{"out.gpkg"});
        }
        if (fs::exists(dir / "out.gpkg")) CHECK_NOTHROW(needmap::analysis::pipeline::read_results(dir / "out.gpkg"));
    }
    CHECK(stopped >= 10);  // most signals land while it runs
}
