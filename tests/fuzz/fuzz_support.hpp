#pragma once

// Shared by the libFuzzer targets: bytes into a file the path-taking readers can open, and the
// rule every target follows. A reader may refuse its input only with geo::InputError (the message a
// user sees); any other exception escapes the target, and libFuzzer reports it as a crash, as it
// does a sanitizer finding.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace needmap::fuzz {

/// The fuzzer's bytes as text.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

/// A folder of this process's own under the temporary directory, made on first use.
const std::filesystem::path& scratch_dir();

/// Writes `bytes` to `name` in scratch_dir() and returns its path.
std::filesystem::path write_scratch(std::string_view name, std::string_view bytes);

}  // namespace needmap::fuzz
