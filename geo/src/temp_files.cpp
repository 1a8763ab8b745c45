#include "needmap/geo/temp_files.hpp"

#include <fmt/format.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <mutex>
#include <signal.h>
#include <unistd.h>

namespace needmap::geo {
namespace {

// What the signal handler may touch: fixed arrays of C strings, no allocation, no locks.
constexpr int kSlots = 32;
constexpr int kPaths = 8;
constexpr std::size_t kLength = 1024;

struct Slot {
    std::atomic<bool> used{false};
    std::atomic<bool> ready{false};
    std::array<std::array<char, kLength>, kPaths> paths{};  ///< files to unlink, then a folder to rmdir
    bool folder = false;
};

std::array<Slot, kSlots> g_slots;

// The handlers there were before ours, per signal, to pass the signal on to.
std::array<struct sigaction, 3> g_previous{};
constexpr std::array<int, 3> kSignals{SIGINT, SIGTERM, SIGHUP};

extern "C" void remove_temps_and_stop(int signal_number) {
    for (Slot& slot : g_slots) {
        if (!slot.ready.load(std::memory_order_acquire)) continue;
        for (int i = 0; i < kPaths; ++i) {
            const char* path = slot.paths[static_cast<std::size_t>(i)].data();
            if (path[0] == '\0') continue;
            if (slot.folder && i == 0) continue;  // the folder goes last, once empty
            ::unlink(path);
        }
        if (slot.folder) ::rmdir(slot.paths[0].data());
    }
    // Then the signal does what it did before: the program's own handler, or the default (stop).
    for (std::size_t i = 0; i < kSignals.size(); ++i) {
        if (kSignals[i] != signal_number) continue;
        const auto previous = g_previous[i].sa_handler;
        if (previous == SIG_IGN) return;
        if (previous != SIG_DFL && previous != remove_temps_and_stop) {
            previous(signal_number);
            return;
        }
    }
    ::signal(signal_number, SIG_DFL);
    ::raise(signal_number);
}

/// Ours in front of whatever handles the stopping signals now (again, if another took them).
void install_handlers() {
    static std::mutex mutex;
    const std::lock_guard lock(mutex);
    for (std::size_t i = 0; i < kSignals.size(); ++i) {
        struct sigaction current {};
        ::sigaction(kSignals[i], nullptr, &current);
        if (current.sa_handler == remove_temps_and_stop) continue;
        struct sigaction action {};
        action.sa_handler = remove_temps_and_stop;
        sigemptyset(&action.sa_mask);
        ::sigaction(kSignals[i], &action, &g_previous[i]);
    }
}

void copy_path(std::array<char, kLength>& to, const std::string& from) {
    const std::size_t n = std::min(from.size(), kLength - 1);
    std::memcpy(to.data(), from.data(), n);
    to[n] = '\0';
}

}  // namespace

TempRegistration::TempRegistration(const std::filesystem::path& path, const std::vector<std::string>& parts) {
    install_handlers();
    for (int s = 0; s < kSlots; ++s) {
        bool expected = false;
        if (!g_slots[static_cast<std::size_t>(s)].used.compare_exchange_strong(expected, true)) continue;
        Slot& slot = g_slots[static_cast<std::size_t>(s)];
        for (auto& p : slot.paths) p[0] = '\0';
        const std::string base = path.string();
        copy_path(slot.paths[0], base);
        slot.folder = !parts.empty();
        if (slot.folder) {
            for (std::size_t i = 0; i < parts.size() && i + 1 < kPaths; ++i)
                copy_path(slot.paths[i + 1], (path / parts[i]).string());
        } else {
            int i = 1;
            for (const char* companion : {"-journal", "-wal", "-shm"}) copy_path(slot.paths[static_cast<std::size_t>(i++)], base + companion);
        }
        slot.ready.store(true, std::memory_order_release);
        m_slot = s;
        return;
    }
}

TempRegistration::~TempRegistration() {
    if (m_slot < 0) return;
    Slot& slot = g_slots[static_cast<std::size_t>(m_slot)];
    slot.ready.store(false, std::memory_order_release);
    slot.used.store(false, std::memory_order_release);
}

std::filesystem::path temp_path_for(const std::filesystem::path& target, const std::string& ext) {
    return target.parent_path() / fmt::format(".{}.needmap-tmp-{}{}", target.stem().string(), ::getpid(), ext);
}

void remove_stale_temps(const std::filesystem::path& target) {
    namespace fs = std::filesystem;
    const fs::path folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    const std::string prefix = fmt::format(".{}.needmap-tmp-", target.stem().string());
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.starts_with(prefix)) continue;
        const std::string rest = name.substr(prefix.size());
        const std::size_t digits = rest.find_first_not_of("0123456789");
        if (digits == 0) continue;
        const auto pid = static_cast<pid_t>(std::stol(rest.substr(0, digits)));
        if (pid == ::getpid()) continue;
        if (::kill(pid, 0) == 0 || errno != ESRCH) continue;  // that process is still running
        std::error_code ignored;
        fs::remove_all(it->path(), ignored);
    }
}

}  // namespace needmap::geo
