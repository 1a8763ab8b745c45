#pragma once

// Files read whole from a zip archive or a folder, the way GTFS feeds are shipped.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace needmap::geo {

class FileSource {
public:
    /// A zip archive (read through GDAL's /vsizip/) or a folder. When its files sit in one
    /// sub-folder (a zip of a folder), that sub-folder is taken as the root.
    /// @throws InputError when the path is missing or is neither a folder nor a readable zip.
    static FileSource open(const std::filesystem::path& path);
    /// Files held in memory, for tests and generated data; `label` names the source in messages.
    static FileSource from_memory(std::map<std::string, std::string> files, std::string label);

    /// The source as named in messages, e.g. "/data/feed.zip".
    [[nodiscard]] const std::string& label() const { return m_label; }
    /// File names relative to the root, sorted.
    [[nodiscard]] std::vector<std::string> names() const;
    [[nodiscard]] bool contains(std::string_view name) const;
    /// The whole file. @throws InputError naming the source and the file when it is absent or
    /// cannot be read.
    [[nodiscard]] std::string read(std::string_view name) const;
    /// The whole file, or nothing when it is absent.
    [[nodiscard]] std::optional<std::string> read_if_present(std::string_view name) const;

private:
    std::string m_label;
    std::string m_root;  ///< a folder or "/vsizip/<zip>/<sub-folder>"; empty for memory sources
    std::map<std::string, std::string> m_memory;
    std::vector<std::string> m_names;
};

}  // namespace needmap::geo
