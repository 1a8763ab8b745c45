#include "needmap/analysis/parallel.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <thread>
#include <vector>

namespace needmap::analysis {

namespace {

std::int64_t now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

}  // namespace

unsigned worker_count(unsigned requested, std::size_t jobs) {
    // NEEDMAP_THREADS caps what "one per core" means (a shared machine, or a check that the
    // results do not depend on the threads).
    unsigned cores = std::max(1U, std::thread::hardware_concurrency());
    if (const char* env = std::getenv("NEEDMAP_THREADS")) {
        char* end = nullptr;
        const long n = std::strtol(env, &end, 10);
        if (end != env && *end == '\0' && n >= 1 && n <= 1024) cores = static_cast<unsigned>(n);
    }
    return static_cast<unsigned>(
        std::min<std::size_t>(requested == 0 ? cores : requested, std::max<std::size_t>(jobs, 1)));
}

void run_workers(unsigned threads, const std::function<void(unsigned worker)>& worker) {
    std::vector<std::exception_ptr> errors(std::max(1U, threads));
    auto guarded = [&](unsigned w) {
        try {
            worker(w);
        } catch (...) {
            errors[w] = std::current_exception();
        }
    };
    {
        std::vector<std::jthread> others;
        for (unsigned w = 1; w < errors.size(); ++w) others.emplace_back(guarded, w);
        guarded(0);
    }  // joins
    for (const auto& e : errors)
        if (e) std::rethrow_exception(e);
}

JobQueue::JobQueue(std::size_t count, ProgressCallback progress, std::string stage, std::size_t report_every)
    : m_count(count),
      m_progress(std::move(progress)),
      m_stage(std::move(stage)),
      m_report_every(std::max<std::size_t>(report_every, 1)),
      m_last_report(now_ns()) {}

std::optional<std::size_t> JobQueue::next() {
    if (m_stopped.load(std::memory_order_relaxed)) return std::nullopt;
    const std::size_t job = m_next++;
    if (job >= m_count) return std::nullopt;
    return job;
}

void JobQueue::finished() {
    const std::size_t done = ++m_done;
    if (!m_progress) return;
    // Every report_every jobs, and at least every kReportInterval, so that a cancel flag checked
    // by the callback stops even slow jobs soon.
    const std::int64_t now = now_ns();
    const bool due = done % m_report_every == 0 || done == m_count ||
                     now - m_last_report.load(std::memory_order_relaxed) >= std::chrono::nanoseconds(kReportInterval).count();
    if (due) {
        m_last_report.store(now, std::memory_order_relaxed);
        // Threads reach here out of order: a count below one already reported would move a
        // progress bar backwards, or end it short of the total.
        const std::scoped_lock lock(m_progress_mutex);
        if (done <= m_reported) return;
        m_reported = done;
        try {
            m_progress({m_stage, done, m_count});
        } catch (...) {  // cancelled: the other threads take no new job
            m_stopped = true;
            throw;
        }
    }
}

}  // namespace needmap::analysis
