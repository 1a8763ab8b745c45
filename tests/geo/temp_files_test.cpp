// Temporary files beside an output go when a signal stops the writer, and a killed writer's are
// removed by the next one; a running writer's are left alone.

#include "needmap/geo/atomic_file.hpp"
#include "needmap/geo/temp_files.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

using namespace needmap;

namespace {

/// Runs `body` in a child process and returns how it ended (waitpid's status).
template <typename Body>
int in_child(Body body) {
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        body();
        ::_exit(0);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    return status;
}

}  // namespace

TEST_CASE("SIGTERM, SIGINT or SIGHUP while writing: the temporary file and its companions go", "[geo]") {
    needmap::test::TempDir tmp;
    for (const int signal_number : {SIGTERM, SIGINT, SIGHUP}) {
        const auto temp = tmp / ".results.needmap-tmp-1.gpkg";
        const int status = in_child([&] {
            ::signal(signal_number, SIG_DFL);  // as in needmap, which handles none itself
            const geo::TempRegistration registered(temp);
            std::ofstream(temp) << "half a GeoPackage";
            std::ofstream(temp.string() + "-journal") << "journal";
            ::raise(signal_number);
        });
        CHECK(WIFSIGNALED(status));
        CHECK(WTERMSIG(status) == signal_number);  // stopped by the signal, as without needmap's handler
        CHECK_FALSE(std::filesystem::exists(temp));
        CHECK_FALSE(std::filesystem::exists(temp.string() + "-journal"));
    }
    // A Shapefile's folder of parts.
    const auto folder = tmp / ".roads.needmap-tmp-1";
    const int status = in_child([&] {
        ::signal(SIGTERM, SIG_DFL);
        std::filesystem::create_directories(folder);
        const geo::TempRegistration registered(folder, {"roads.shp", "roads.dbf"});
        std::ofstream(folder / "roads.shp") << "shp";
        std::ofstream(folder / "roads.dbf") << "dbf";
        ::raise(SIGTERM);
    });
    CHECK(WIFSIGNALED(status));
    CHECK_FALSE(std::filesystem::exists(folder));
}

TEST_CASE("a killed writer's temporary files are removed by the next; a running one's are kept", "[geo]") {
    needmap::test::TempDir tmp;
    const pid_t gone = ::fork();  // a process that has ended: its pid is free
    REQUIRE(gone >= 0);
    if (gone == 0) ::_exit(0);
    ::waitpid(gone, nullptr, 0);
    const auto stale = tmp / (".matrix.needmap-tmp-" + std::to_string(gone) + ".csv");
    const auto running = tmp / (".matrix.needmap-tmp-" + std::to_string(::getppid()) + ".csv");
    std::ofstream(stale) << "left by a killed run";
    std::ofstream(running) << "being written";
    geo::AtomicFile out(tmp / "matrix.csv");
    out.stream() << "from_id,to_id\n";
    out.commit();
    CHECK_FALSE(std::filesystem::exists(stale));
    CHECK(std::filesystem::exists(running));
    CHECK(std::filesystem::exists(tmp / "matrix.csv"));
}
