#pragma once

// The temporary files needmap writes beside its outputs (".<name>.needmap-tmp-<pid>..."), removed
// when the process is stopped by SIGINT, SIGTERM or SIGHUP while writing, and, when a process was
// killed outright, by the next one that writes beside them.

#include <filesystem>
#include <string>
#include <vector>

namespace needmap::geo {

/// While alive, `path` (a file, or a folder holding `parts`) is removed if a stopping signal
/// comes; with a file, its SQLite companions (-journal, -wal, -shm) too. Registering puts the
/// handler in front of the signals' handlers, which it calls after (by default: the process stops).
class TempRegistration {
public:
    explicit TempRegistration(const std::filesystem::path& path, const std::vector<std::string>& parts = {});
    ~TempRegistration();
    TempRegistration(const TempRegistration&) = delete;
    TempRegistration& operator=(const TempRegistration&) = delete;

private:
    int m_slot = -1;  ///< none when all slots are taken (the file is then only removed on errors)
};

/// The name of a temporary file for `target`: ".<stem>.needmap-tmp-<pid><ext>" beside it.
[[nodiscard]] std::filesystem::path temp_path_for(const std::filesystem::path& target, const std::string& ext);

/// Removes temporary files beside `target` left by needmap processes that are no longer running.
void remove_stale_temps(const std::filesystem::path& target);

}  // namespace needmap::geo
