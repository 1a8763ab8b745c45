#pragma once

// Progress and cancellation of long jobs, in plain C++: the CLI prints progress on stderr, the
// viewer adapts the same callbacks to signals and a Cancel button.

#include <atomic>
#include <cstddef>
#include <functional>
#include <string_view>

namespace needmap::analysis {

struct ProgressEvent {
    std::string_view stage;  ///< what is running, e.g. "walk matrix"
    std::size_t done = 0;    ///< units finished so far
    std::size_t total = 0;   ///< units in all, 0 when unknown
};

/// Called from the working thread (or threads: calls are serialised by the caller) as work
/// advances; must return quickly.
using ProgressCallback = std::function<void(const ProgressEvent&)>;

/// Set from any thread to ask a running job to stop; the job checks it between units of work
/// and throws Cancelled.
using CancelFlag = std::atomic<bool>;

struct Cancelled {};

}  // namespace needmap::analysis
