#include "gtfs_text.hpp"

#include <map>

namespace needmap::test {

geo::FileSource gtfs_from_text(std::string_view text, std::string label) {
    std::map<std::string, std::string> files;
    std::string* current = nullptr;
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
        if (line.starts_with("# ")) {
            std::string_view name = line.substr(2);
            while (!name.empty() && (name.back() == ' ' || name.back() == '\r')) name.remove_suffix(1);
            current = &files[std::string(name)];
            continue;
        }
        if (current == nullptr) continue;
        current->append(line);
        current->push_back('\n');
    }
    return geo::FileSource::from_memory(std::move(files), std::move(label));
}

}  // namespace needmap::test
