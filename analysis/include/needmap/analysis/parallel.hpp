#pragma once

// Many independent searches (one per origin, site or stop) spread over the machine's cores: each
// thread keeps its own search state and takes the next job until none is left.

#include "needmap/analysis/progress.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

namespace needmap::analysis {

/// Threads to use for `jobs` jobs: `requested`, or one per core when 0 (at most NEEDMAP_THREADS
/// where that is set); never more than the jobs.
[[nodiscard]] unsigned worker_count(unsigned requested, std::size_t jobs);

/// Runs `worker(w)` for w = 0 .. threads-1, each on its own thread (w = 0 on the calling one), and
/// returns when all have returned. An exception from a worker is rethrown here.
void run_workers(unsigned threads, const std::function<void(unsigned worker)>& worker);

/// Hands out jobs 0 .. count-1 to the threads that ask, and reports progress as they finish.
class JobQueue {
public:
    explicit JobQueue(std::size_t count, ProgressCallback progress = {}, std::string stage = {},
                      std::size_t report_every = 32);
    /// The next job, or nothing when all have been handed out or the progress callback threw
    /// (Cancelled, say) in any thread.
    [[nodiscard]] std::optional<std::size_t> next();
    /// Counts one job as finished; reports every `report_every` jobs, at least every
    /// kReportInterval and at the last, never a count below one already reported. What the
    /// progress callback throws is passed on.
    void finished();

    static constexpr std::chrono::milliseconds kReportInterval{20};

private:
    std::size_t m_count;
    ProgressCallback m_progress;
    std::string m_stage;
    std::size_t m_report_every;
    std::atomic<std::size_t> m_next{0};
    std::atomic<std::size_t> m_done{0};
    std::atomic<bool> m_stopped{false};
    std::atomic<std::int64_t> m_last_report;  ///< steady clock, nanoseconds
    std::mutex m_progress_mutex;
    std::size_t m_reported = 0;  ///< the last count reported, under m_progress_mutex
};

}  // namespace needmap::analysis
