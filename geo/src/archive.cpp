#include "needmap/geo/archive.hpp"

#include "detail/gdal.hpp"
#include "needmap/geo/error.hpp"

#include <cpl_vsi.h>
#include <fmt/format.h>

#include <algorithm>

namespace needmap::geo {
namespace fs = std::filesystem;

namespace {

/// File names (not folders) under `dir`, relative to it, recursively.
void list_files(const std::string& dir, const std::string& prefix, std::vector<std::string>& out) {
    char** entries = VSIReadDir(dir.c_str());
    if (entries == nullptr) return;
    for (char** e = entries; *e != nullptr; ++e) {
        const std::string name = *e;
        if (name == "." || name == "..") continue;
        const std::string full = dir + "/" + name;
        VSIStatBufL stat{};
        if (VSIStatL(full.c_str(), &stat) != 0) continue;
        if (VSI_ISDIR(stat.st_mode))
            list_files(full, prefix + name + "/", out);
        else
            out.push_back(prefix + name);
    }
    CSLDestroy(entries);
}

}  // namespace

FileSource FileSource::open(const fs::path& path) {
    detail::ensure_gdal_registered();
    detail::QuietErrors quiet;
    std::error_code ec;
    if (!fs::exists(path, ec)) throw InputError(fmt::format("{}: no such file or folder", path.string()));
    FileSource source;
    source.m_label = path.string();
    source.m_root = fs::is_directory(path, ec) ? path.string() : "/vsizip/" + path.string();
    std::vector<std::string> all;
    list_files(source.m_root, "", all);
    if (all.empty())
        throw InputError(fmt::format(
            "{}: {}", path.string(),
            fs::is_directory(path, ec) ? "the folder is empty" : "cannot be read as a zip archive (is it complete?)"));
    // A zip of a folder: every file under one sub-folder.
    const auto slash = all.front().find('/');
    if (slash != std::string::npos) {
        const std::string top = all.front().substr(0, slash + 1);
        if (std::all_of(all.begin(), all.end(), [&](const std::string& n) { return n.starts_with(top); })) {
            source.m_root += "/" + top.substr(0, top.size() - 1);
            for (auto& n : all) n = n.substr(top.size());
        }
    }
    std::sort(all.begin(), all.end());
    source.m_names = std::move(all);
    return source;
}

FileSource FileSource::from_memory(std::map<std::string, std::string> files, std::string label) {
    FileSource source;
    source.m_label = std::move(label);
    for (const auto& [name, bytes] : files) source.m_names.push_back(name);
    source.m_memory = std::move(files);
    return source;
}

std::vector<std::string> FileSource::names() const {
    return m_names;
}

bool FileSource::contains(std::string_view name) const {
    return std::binary_search(m_names.begin(), m_names.end(), name);
}

std::optional<std::string> FileSource::read_if_present(std::string_view name) const {
    if (!contains(name)) return std::nullopt;
    if (m_root.empty()) return m_memory.find(std::string(name))->second;
    const std::string full = m_root + "/" + std::string(name);
    VSILFILE* f = VSIFOpenL(full.c_str(), "rb");
    if (f == nullptr) throw InputError(fmt::format("{}: {} cannot be read", m_label, name));
    std::string bytes;
    char buffer[1 << 16];
    std::size_t n = 0;
    while ((n = VSIFReadL(buffer, 1, sizeof buffer, f)) > 0) bytes.append(buffer, n);
    const bool failed = VSIFEofL(f) == 0;  // stopped short of the end: a read error
    VSIFCloseL(f);
    if (failed) throw InputError(fmt::format("{}: {} cannot be read (is the archive complete?)", m_label, name));
    return bytes;
}

std::string FileSource::read(std::string_view name) const {
    if (auto bytes = read_if_present(name)) return std::move(*bytes);
    throw InputError(fmt::format("{}: has no {}", m_label, name));
}

}  // namespace needmap::geo
