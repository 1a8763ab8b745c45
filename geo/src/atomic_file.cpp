#include "needmap/geo/atomic_file.hpp"

#include "needmap/geo/error.hpp"

#include <fmt/format.h>

#include <unistd.h>

namespace needmap::geo {
namespace fs = std::filesystem;

AtomicFile::AtomicFile(fs::path target) : m_target(std::move(target)) {
    std::error_code ec;
    if (const fs::path dir = m_target.parent_path(); !dir.empty()) {
        fs::create_directories(dir, ec);
        if (ec)
            throw InputError(
                fmt::format("{}: cannot create the folder {} ({})", m_target.string(), dir.string(), ec.message()));
    }
    remove_stale_temps(m_target);
    m_temp = temp_path_for(m_target, m_target.extension().string());
    m_registration = std::make_unique<TempRegistration>(m_temp);
    m_stream.open(m_temp, std::ios::binary | std::ios::trunc);
    if (!m_stream) throw InputError(fmt::format("{}: cannot be written", m_target.string()));
}

AtomicFile::~AtomicFile() {
    if (m_committed) return;
    m_stream.close();
    std::error_code ec;
    fs::remove(m_temp, ec);
}

void AtomicFile::commit() {
    m_stream.flush();
    const bool ok = static_cast<bool>(m_stream);
    m_stream.close();
    if (!ok || m_stream.fail())
        throw InputError(fmt::format("{}: cannot be written (is the disk full?)", m_target.string()));
    std::error_code ec;
    fs::rename(m_temp, m_target, ec);
    if (ec) throw InputError(fmt::format("{}: cannot be written ({})", m_target.string(), ec.message()));
    m_committed = true;
}

}  // namespace needmap::geo
