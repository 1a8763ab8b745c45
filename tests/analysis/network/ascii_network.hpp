#pragma once

// Walking networks drawn as text for tests (after OSRM's feature files): each letter is an OSM
// node on a grid whose cells are `spacing_m` apart, north up. The drawing becomes a real .osm
// file, so that tests go through the real OSM reader.

#include "needmap/geo/crs.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace needmap::test {

struct AsciiWay {
    std::string nodes;                        ///< letters in order, e.g. "abc"
    std::map<std::string, std::string> tags;  ///< e.g. {{"highway", "footway"}}
};

class AsciiMap {
public:
    /// Places the drawing near 136°E 35°N, in JGD2011 plane-rectangular zone VI (EPSG:6674),
    /// the CRS the loader chooses there.
    AsciiMap(std::string_view drawing, double spacing_m);

    /// Metric position of a point `x_m` east and `y_m` north of the drawing's top-left corner.
    [[nodiscard]] geo::Point at(double x_m, double y_m) const;
    /// Metric position of a node.
    [[nodiscard]] geo::Point position(char node) const;
    /// Longitude/latitude of a metric position.
    [[nodiscard]] geo::Point lon_lat(geo::Point metric) const;
    [[nodiscard]] static geo::Crs crs() { return geo::Crs::from_epsg(6674); }

    /// Writes the nodes and ways as OSM XML.
    void write_osm(const std::filesystem::path& path, const std::vector<AsciiWay>& ways) const;
    /// Writes the ways as a GeoJSON line layer (lon/lat), with a "highway" property.
    void write_lines(const std::filesystem::path& path, const std::vector<AsciiWay>& ways) const;

private:
    double m_spacing;
    std::map<char, std::pair<int, int>> m_cells;  ///< column, row
};

}  // namespace needmap::test
