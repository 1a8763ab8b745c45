#pragma once

#include "needmap/geo/temp_files.hpp"

#include <filesystem>
#include <fstream>
#include <memory>

namespace needmap::geo {

/// A file written under a temporary name next to its target and renamed into place by
/// commit(), so that a failed run never leaves a half-written file. Destroyed without commit(),
/// or stopped by a signal, it removes the temporary file and leaves any existing target untouched.
class AtomicFile {
public:
    /// Creates missing folders. @throws InputError when the file cannot be created.
    explicit AtomicFile(std::filesystem::path target);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    [[nodiscard]] std::ofstream& stream() { return m_stream; }
    /// Flushes, closes and renames into place. @throws InputError when any of it fails (disk full).
    void commit();

private:
    std::filesystem::path m_target;
    std::filesystem::path m_temp;
    std::unique_ptr<TempRegistration> m_registration;
    std::ofstream m_stream;
    bool m_committed = false;
};

}  // namespace needmap::geo
