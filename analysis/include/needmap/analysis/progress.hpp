#pragma once

// Progress and cancellation of long jobs, in plain C++: the CLI prints progress on stderr, the
// viewer adapts the same callbacks to signals and a Cancel button.

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>
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

/// Thrown by a job asked to stop.
struct Cancelled {};

/// What a long job tells its user as it goes, and how the user stops it: the CLI prints it on
/// stderr, the viewer shows it and sets the cancel flag from its Cancel button. Called from the
/// job's thread (progress from its workers, serialised).
class Feedback {
public:
    virtual ~Feedback() = default;
    /// A stage starts, e.g. "streets".
    virtual void stage(const std::string& /*name*/) {}
    /// The stage ends, with one line of what it found.
    virtual void done(const std::string& /*result*/) {}
    virtual void note(const std::string& /*line*/) {}
    /// Something the user must not miss (shown even when quiet).
    virtual void warn(const std::string& /*line*/) {}
    /// Progress within a stage.
    virtual void report(const ProgressEvent& /*event*/) {}
    /// Whether the lines for people (results, warnings) are wanted in Japanese; stage names stay
    /// keys ("streets") for the caller to show in its language.
    [[nodiscard]] virtual bool japanese() const { return false; }

    /// The job stops, throwing Cancelled, soon after `flag` is set (it must outlive the job).
    void cancel_with(const CancelFlag* flag) { m_cancel = flag; }
    [[nodiscard]] bool cancelled() const { return m_cancel != nullptr && m_cancel->load(); }
    /// @throws Cancelled when asked to stop.
    void check() const {
        if (cancelled()) throw Cancelled{};
    }
    /// A callback for the searches: reports progress, and throws Cancelled when asked to stop
    /// (the JobQueue then stops all its threads).
    [[nodiscard]] ProgressCallback progress() {
        return [this](const ProgressEvent& e) {
            check();
            report(e);
        };
    }

private:
    const CancelFlag* m_cancel = nullptr;
};

}  // namespace needmap::analysis
