#include "test_support.hpp"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>

namespace needmap::test {
namespace fs = std::filesystem;

std::optional<fs::path> shared_data(std::string_view sub) {
    const char* env = std::getenv("NEEDMAP_SHARED_DATA");
    const fs::path root = env != nullptr ? fs::path(env) : fs::path(NEEDMAP_SOURCE_DIR) / ".." / "shared" / "data";
    const fs::path dir = root / sub;
    std::error_code ec;
    if (fs::exists(dir, ec)) return fs::weakly_canonical(dir);
    std::cout << "SKIPPED: real data " << dir.string()
              << " is absent (it is in CI; a user's own clone has no ../shared)\n";
    return std::nullopt;
}

TempDir::TempDir() {
    std::random_device rd;
    for (int attempt = 0; attempt < 100; ++attempt) {
        fs::path candidate = fs::temp_directory_path() / ("needmap-test-" + std::to_string(rd()));
        if (fs::create_directory(candidate)) {
            m_path = candidate;
            return;
        }
    }
    throw std::runtime_error("cannot create a temporary folder");
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
}

void write_file(const fs::path& path, std::string_view bytes) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return std::move(s).str();
}

}  // namespace needmap::test
