#include "ascii_network.hpp"

#include <fmt/format.h>

#include <fstream>
#include <stdexcept>

namespace needmap::test {

namespace {
constexpr double kOriginNorth = -111000.0;  // about 35°N in zone VI, whose origin is 36°N 136°E
}

AsciiMap::AsciiMap(std::string_view drawing, double spacing_m) : m_spacing(spacing_m) {
    int row = 0;
    int col = 0;
    for (const char c : drawing) {
        if (c == '\n') {
            ++row;
            col = 0;
            continue;
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            if (!m_cells.emplace(c, std::make_pair(col, row)).second)
                throw std::invalid_argument(std::string("node drawn twice: ") + c);
        }
        ++col;
    }
}

geo::Point AsciiMap::at(double x_m, double y_m) const {
    return {x_m, kOriginNorth + y_m};
}

geo::Point AsciiMap::position(char node) const {
    const auto [col, row] = m_cells.at(node);
    return at(col * m_spacing, -row * m_spacing);
}

geo::Point AsciiMap::lon_lat(geo::Point metric) const {
    return geo::Transformer(crs(), geo::wgs84())(metric);
}

void AsciiMap::write_osm(const std::filesystem::path& path, const std::vector<AsciiWay>& ways) const {
    std::ofstream out(path);
    out << "<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\" generator=\"needmap-test\">\n";
    for (const auto& [name, cell] : m_cells) {
        const geo::Point ll = lon_lat(position(name));
        out << fmt::format("  <node id=\"{}\" version=\"1\" lat=\"{:.7f}\" lon=\"{:.7f}\"/>\n", static_cast<int>(name),
                           ll.y, ll.x);
    }
    int id = 1;
    for (const auto& way : ways) {
        out << fmt::format("  <way id=\"{}\" version=\"1\">\n", id++);
        for (const char n : way.nodes) out << fmt::format("    <nd ref=\"{}\"/>\n", static_cast<int>(n));
        for (const auto& [k, v] : way.tags) out << fmt::format("    <tag k=\"{}\" v=\"{}\"/>\n", k, v);
        out << "  </way>\n";
    }
    out << "</osm>\n";
}

void AsciiMap::write_lines(const std::filesystem::path& path, const std::vector<AsciiWay>& ways) const {
    std::ofstream out(path);
    out << R"({"type":"FeatureCollection","features":[)";
    for (std::size_t i = 0; i < ways.size(); ++i) {
        // Parts separated by '|' make a MultiLineString.
        std::vector<std::string> parts;
        std::string part;
        for (const char n : ways[i].nodes) {
            if (n == '|') {
                parts.push_back(part);
                part.clear();
                continue;
            }
            const geo::Point ll = lon_lat(position(n));
            part += fmt::format("{}[{:.9f},{:.9f}]", part.empty() ? "" : ",", ll.x, ll.y);
        }
        parts.push_back(part);
        std::string geometry;
        if (parts.size() == 1) {
            geometry = fmt::format(R"({{"type":"LineString","coordinates":[{}]}})", parts[0]);
        } else {
            std::string lines;
            for (const auto& p : parts) lines += fmt::format("{}[{}]", lines.empty() ? "" : ",", p);
            geometry = fmt::format(R"({{"type":"MultiLineString","coordinates":[{}]}})", lines);
        }
        const auto hw = ways[i].tags.find("highway");
        out << fmt::format(R"({}{{"type":"Feature","properties":{{"highway":"{}"}},"geometry":{}}})", i == 0 ? "" : ",",
                           hw == ways[i].tags.end() ? "" : hw->second, geometry);
    }
    out << "]}\n";
}

}  // namespace needmap::test
