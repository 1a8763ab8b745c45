#include "poa_project.hpp"

#include "needmap/geo/csv.hpp"
#include "test_support.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>

namespace needmap::test {

std::filesystem::path write_poa_project(const std::filesystem::path& poa, const std::filesystem::path& dir,
                                        int window_minutes, int districts_per_side) {
    geo::CsvReader reader = geo::CsvReader::open(poa / "poa_hexgrid.csv");
    const geo::CsvTable grid = geo::read_csv_table(reader);
    const auto id = grid.require_column("id");
    const auto lon = grid.require_column("lon");
    const auto lat = grid.require_column("lat");
    const auto population = grid.require_column("population");
    const auto health = grid.require_column("healthcare");
    std::string cells = "id,lon,lat,population\n";
    std::string care = "id,lon,lat,capacity\n";
    double x0 = 1e9, x1 = -1e9, y0 = 1e9, y1 = -1e9;
    for (const auto& row : grid.rows) {
        const double x = std::stod(row[lon]);
        const double y = std::stod(row[lat]);
        x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
        if (!row[population].empty() && std::stoi(row[population]) > 0)
            cells += fmt::format("{},{},{},{}\n", row[id], row[lon], row[lat], row[population]);
        if (!row[health].empty() && std::stoi(row[health]) > 0)
            care += fmt::format("{},{},{},{}\n", row[id], row[lon], row[lat], row[health]);
    }
    write_file(dir / "cells.csv", cells);
    write_file(dir / "care.csv", care);
    x0 -= 0.01, x1 += 0.01, y0 -= 0.01, y1 += 0.01;
    auto square = [](double a, double b, double c, double d) {
        return fmt::format("[[[{0},{1}],[{2},{1}],[{2},{3}],[{0},{3}],[{0},{1}]]]", a, b, c, d);
    };
    // Two by two: the quadrants, named as before; otherwise cells named by row and column.
    static const char* const kQuadrants[2][2][2] = {{{"SW", "Sudoeste"}, {"SE", "Sudeste"}},
                                                    {{"NW", "Noroeste"}, {"NE", "Nordeste"}}};
    std::string features;
    const int n = districts_per_side;
    for (int row = n - 1; row >= 0; --row)  // north first
        for (int col = 0; col < n; ++col) {
            const double a = x0 + (x1 - x0) * col / n, c = x0 + (x1 - x0) * (col + 1) / n;
            const double b = y0 + (y1 - y0) * row / n, d = y0 + (y1 - y0) * (row + 1) / n;
            const std::string district = n == 2 ? kQuadrants[row][col][0] : fmt::format("D{:02}{:02}", row, col);
            const std::string name = n == 2 ? kQuadrants[row][col][1] : fmt::format("Distrito {}-{}", row + 1, col + 1);
            features += fmt::format(
                R"({}{{"type":"Feature","properties":{{"id":"{}","name":"{}"}},"geometry":{{"type":"Polygon","coordinates":{}}}}})",
                features.empty() ? "" : ",\n", district, name, square(a, b, c, d));
        }
    write_file(dir / "districts.geojson", "{\"type\":\"FeatureCollection\",\"features\":[\n" + features + "]}");
    write_file(dir / "project.toml", fmt::format(R"(
[project]
name = "Porto Alegre health care"
[districts]
file = "districts.geojson"
id_field = "id"
name_field = "name"
[population]
type = "layer"
file = "cells.csv"
key_field = "id"
elderly_band = "population"
[population.bands]
population = "population"
[[resources]]
kind = "health"
file = "care.csv"
capacity_field = "capacity"
[streets]
osm = "{0}/poa_osm.pbf"
[transit]
gtfs = ["{0}/poa_eptc.zip", "{0}/poa_trensurb.zip"]
departure = "2019-05-13T14:00"
window = {1}
[candidates]
file = "cells.csv"
[parameters]
threshold = 30
walk_speed = 3.6
new_sites = 5
)",
                                                 poa.string(), window_minutes));
    return dir / "project.toml";
}

}  // namespace needmap::test
