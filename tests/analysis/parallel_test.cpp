// Jobs spread over threads: each done once, progress counted to the end, errors not lost.

#include "needmap/analysis/parallel.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace needmap::analysis;

TEST_CASE("every job is handed out exactly once, and progress reaches the total", "[parallel]") {
    constexpr std::size_t kJobs = 1000;
    std::vector<std::atomic<int>> times_done(kJobs);
    std::vector<std::size_t> reported;
    JobQueue jobs(
        kJobs, [&](const ProgressEvent& e) { reported.push_back(e.done); }, "test", 100);
    std::atomic<unsigned> workers_seen{0};
    run_workers(4, [&](unsigned /*worker*/) {
        ++workers_seen;
        while (const auto job = jobs.next()) {
            ++times_done[*job];
            jobs.finished();
        }
    });
    CHECK(workers_seen == 4);
    for (std::size_t j = 0; j < kJobs; ++j) CHECK(times_done[j] == 1);
    // Calls are serialised, so plain push_back is safe. Every 100th job is due a report (these
    // jobs take far less than JobQueue::kReportInterval); one that comes after a higher count was
    // reported is left out, but the total always is reported last.
    REQUIRE(!reported.empty());
    CHECK(reported.size() <= 10);
    CHECK(reported.back() == kJobs);
    for (const std::size_t r : reported) CHECK(r % 100 == 0);
    for (std::size_t i = 1; i < reported.size(); ++i) CHECK(reported[i] > reported[i - 1]);
}

TEST_CASE("slow jobs report at least every JobQueue::kReportInterval", "[parallel]") {
    // Four jobs of 30 ms each on one thread, reports due every 100 jobs: each job ends more than
    // the interval after the last report, so each is reported.
    std::vector<std::size_t> reported;
    JobQueue jobs(
        4, [&](const ProgressEvent& e) { reported.push_back(e.done); }, "slow", 100);
    run_workers(1, [&](unsigned /*worker*/) {
        while (jobs.next()) {
            std::this_thread::sleep_for(JobQueue::kReportInterval + std::chrono::milliseconds(10));
            jobs.finished();
        }
    });
    CHECK(reported == std::vector<std::size_t>{1, 2, 3, 4});
}

TEST_CASE("threads: as asked, one per core by default, never more than the jobs", "[parallel]") {
    CHECK(worker_count(3, 100) == 3);
    CHECK(worker_count(8, 2) == 2);
    CHECK(worker_count(0, 1) == 1);
    CHECK(worker_count(0, 0) == 1);
    CHECK(worker_count(0, 1000) >= 1);
}

TEST_CASE("an exception on a worker thread reaches the caller", "[parallel]") {
    CHECK_THROWS_WITH(run_workers(3,
                                  [](unsigned worker) {
                                      if (worker == 2) throw std::runtime_error("worker 2 failed");
                                  }),
                      "worker 2 failed");
}
