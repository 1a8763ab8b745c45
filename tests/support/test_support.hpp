#pragma once

// Helpers shared by needmap's test suites.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace needmap::test {

/// `../shared/data/<sub>` next to the source tree (or under $NEEDMAP_SHARED_DATA), or nothing
/// when it is absent, as in a user's own clone. Prints "SKIPPED: ..." in that case, which CTest
/// reports as a skipped test.
std::optional<std::filesystem::path> shared_data(std::string_view sub);

/// A fresh folder, removed with everything in it when the object goes.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }
    [[nodiscard]] std::filesystem::path operator/(std::string_view name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

/// Writes bytes to a file, creating folders as needed.
void write_file(const std::filesystem::path& path, std::string_view bytes);
/// Reads a whole file as bytes.
std::string read_file(const std::filesystem::path& path);

}  // namespace needmap::test

/// Declares `var` as the path of `../shared/data/<sub>`, or ends the test case (reported as
/// skipped by CTest) when that data is absent.
#define NEEDMAP_SHARED_DATA(var, sub)                           \
    const auto var##_found = ::needmap::test::shared_data(sub); \
    if (!var##_found) return;                                   \
    const std::filesystem::path& var = *var##_found
