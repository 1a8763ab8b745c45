// 宇部市 end to end, from the files as they are published (skipped where ../shared/data lacks them):
// the e-Stat 500 m mesh table as its zip (Shift_JIS, a label row, "*" for suppressed cells), the
// 校区 ふれあいセンター from the prefecture's open-data list of evacuation sites, and an OSMnx walking
// network. Ube's junior-high districts are not openly published, so the test makes one district:
// a box over central Ube drawn along the 500 m mesh lines (so that each cell is wholly in or out).
// Its older people must equal the mesh table's own sum over the cells in the box, computed here
// from the table's text with the mesh code worked out by hand.

#include "../cli_run.hpp"
#include "needmap/analysis/pipeline/results_io.hpp"
#include "needmap/geo/csv.hpp"
#include "needmap/geo/layer_io.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <cpl_vsi.h>
#include <fmt/format.h>

#include <array>
#include <cmath>
#include <string>

using namespace needmap;
using needmap::test::TempDir;
using needmap::test::write_file;

namespace {

// The box: latitudes 33.925-34.0 and longitudes 131.225-131.325, on 500 m mesh lines (15" of
// latitude, 22.5" of longitude), inside the walking network's extent.
constexpr double kSouth = 33.925, kNorth = 34.0, kWest = 131.225, kEast = 131.325;

/// The centre of a 9-digit 500 m mesh cell (JIS X 0410): 1st-level 40' x 1 deg, 2nd 5' x 7.5',
/// 3rd 30" x 45", then the quarter: 1 south-west, 2 south-east, 3 north-west, 4 north-east.
std::pair<double, double> cell_centre(const std::string& code) {
    const auto digit = [&](std::size_t i) { return code[i] - '0'; };
    double lat = (digit(0) * 10 + digit(1)) / 1.5 + digit(4) * 5.0 / 60 + digit(6) * 30.0 / 3600;
    double lon = 100 + digit(2) * 10 + digit(3) + digit(5) * 7.5 / 60 + digit(7) * 45.0 / 3600;
    const int quarter = digit(8);
    if (quarter >= 3) lat += 15.0 / 3600;
    if (quarter % 2 == 0) lon += 22.5 / 3600;
    return {lat + 7.5 / 3600, lon + 11.25 / 3600};
}

/// The bytes of the one member of a zip, through GDAL's zip reader.
std::string unzip_one(const std::filesystem::path& zip, const std::string& member) {
    VSILFILE* f = VSIFOpenL(("/vsizip/" + zip.string() + "/" + member).c_str(), "rb");
    REQUIRE(f != nullptr);
    std::string bytes;
    std::array<char, 65536> buffer{};
    while (const std::size_t n = VSIFReadL(buffer.data(), 1, buffer.size(), f)) bytes.append(buffer.data(), n);
    VSIFCloseL(f);
    return bytes;
}

/// A GeoJSON polygon of the box south..north x west..east, its edges through every 500 m mesh
/// corner (15" of latitude, 22.5" of longitude) so that they run along the mesh lines and each
/// cell is wholly in or out.
std::string mesh_box_geojson(double south, double north, double west, double east, const std::string& properties) {
    std::string ring;
    const auto corner = [&](double lon, double lat) { ring += fmt::format("{}[{:.9f},{:.9f}]", ring.empty() ? "" : ",", lon, lat); };
    for (double lon = west; lon < east - 1e-9; lon += 22.5 / 3600) corner(lon, south);
    for (double lat = south; lat < north - 1e-9; lat += 15.0 / 3600) corner(east, lat);
    for (double lon = east; lon > west + 1e-9; lon -= 22.5 / 3600) corner(lon, north);
    for (double lat = north; lat > south + 1e-9; lat -= 15.0 / 3600) corner(west, lat);
    corner(west, south);
    return R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":)" + properties +
           R"(,"geometry":{"type":"Polygon","coordinates":[[)" + ring + "]]}}]}";
}

}  // namespace

TEST_CASE("宇部市: the mesh zip, the prefecture's list and an OSMnx network, run in one go", "[realdata][pipeline]") {
    NEEDMAP_SHARED_DATA(town, "ube-town");
    NEEDMAP_SHARED_DATA(walk, "ube-osm-walk");
    TempDir tmp;
    const auto zip = town / "population" / "tblT001141H5031.zip";

    // The mesh table's own 65+ (T001141019) over the cells in the box; "*" holds no number.
    geo::CsvReader reader(unzip_one(zip, "tblT001141H5031.txt"), "tblT001141H5031.txt");
    const geo::CsvTable table = geo::read_csv_table(reader);  // the first row: codes
    const std::size_t key = table.require_column("KEY_CODE");
    const std::size_t older = table.require_column("T001141019");
    double expected = 0;
    std::size_t cells = 0;
    for (std::size_t r = 1; r < table.rows.size(); ++r) {  // row 0 is the Japanese label row
        const auto& row = table.rows[r];
        const auto [lat, lon] = cell_centre(row[key]);
        if (lat < kSouth || lat > kNorth || lon < kWest || lon > kEast) continue;
        ++cells;
        if (row[older] != "*" && !row[older].empty()) expected += std::stod(row[older]);
    }
    REQUIRE(cells > 150);  // of the box's 16 x 18; the table leaves out cells where nobody lives

    // The district: the box, along the mesh lines.
    write_file(tmp / "district.geojson", mesh_box_geojson(kSouth, kNorth, kWest, kEast,
                                                          R"({"id":"ube-centre","name":"宇部市中心部（試験用の区域）"})"));

    // The 校区 ふれあいセンター of 宇部市 (市区町村コード 35202) from the prefecture-wide list, as a
    // planner filters it: the rows of the city whose name says ふれあいセンター.
    geo::CsvReader sites_reader = geo::CsvReader::open(town / "facilities" / "yamaguchi_shitei_kinkyu_hinan_basho_H291201.csv");
    const geo::CsvTable sites = geo::read_csv_table(sites_reader);
    const std::size_t name = sites.require_column("名称");
    const std::size_t lat = sites.require_column("緯度");
    const std::size_t lon = sites.require_column("経度");
    std::size_t code = sites.header.size();
    for (std::size_t c = 0; c < sites.header.size(); ++c)
        if (sites.header[c].find("市区町村コード") != std::string::npos) code = c;
    REQUIRE(code < sites.header.size());
    std::string centres = "名称,緯度,経度\n";
    std::size_t n_centres = 0;
    for (const auto& row : sites.rows)
        if (row[code].starts_with("35202") && row[name].find("ふれあいセンター") != std::string::npos) {
            centres += geo::csv_field(row[name]) + "," + row[lat] + "," + row[lon] + "\n";
            ++n_centres;
        }
    CHECK(n_centres == 23);  // 23 of the 24 校区 (厚南 is not in the list), as the data's notes say
    write_file(tmp / "centres.csv", centres);

    write_file(tmp / "project.toml", fmt::format(R"(
[project]
name = "宇部市 中心部（試験）"
[districts]
file = "district.geojson"
id_field = "id"
name_field = "name"
[population]
type = "mesh"
file = "{}"
elderly_band = "pop65"
[population.bands]
pop_total = "T001141001"
pop65 = "T001141019"
pop75 = "T001141022"
[[resources]]
kind = "salon"
file = "centres.csv"
name_field = "名称"
[streets]
network = "{}"
[candidates]
grid = 500
kinds = ["salon"]
[parameters]
threshold = 30
walk_speed = 3.0
)",
                                                 zip.string(), (walk / "ube_walk_edges_osm_only.gpkg").string()));
    const auto run = needmap::test::run_needmap("run -q " + (tmp / "project.toml").string() + " -o " + (tmp / "ube.gpkg").string());
    INFO(run.output);
    REQUIRE(run.status == 0);
    const auto results = analysis::pipeline::read_results(tmp / "ube.gpkg");
    REQUIRE(results.districts.size() == 1);
    CHECK(results.districts[0].people[results.elderly_band] == Approx(expected).epsilon(1e-6));
    // The streets are OpenStreetMap's (through OSMnx): the attribution says so.
    bool osm = false;
    for (const auto& a : results.info.attributions) osm = osm || a.find("OpenStreetMap") != std::string::npos;
    CHECK(osm);
    // A grid over the mesh sheet (80 x 80 km) gives candidates only inside the district.
    REQUIRE_FALSE(results.candidates.empty());
    for (const auto& c : results.candidates) CHECK(c.district.has_value());
    CHECK(results.candidates.size() < 2 * cells);
    // Every ふれあいセンター in the box is a place; a share of older people is beyond 30 minutes.
    const auto& salon = results.kinds.at(0);
    CHECK(salon.districts[0].uncovered_people > 0);
    CHECK(salon.districts[0].uncovered_people < salon.districts[0].elderly);
}

TEST_CASE("宇部市 as the README sets it up: districts from the ふれあいセンター of the prefecture's list, two mesh "
          "sheets",
          "[realdata][pipeline]") {
    NEEDMAP_SHARED_DATA(town, "ube-town");
    NEEDMAP_SHARED_DATA(walk, "ube-osm-walk");
    TempDir tmp;
    // A stand-in for the municipal boundary (N03): a box across the two sheets' edge at 34°N,
    // along the mesh lines.
    constexpr double south = 33.95, north = 34.05, west = 131.2, east = 131.3;
    write_file(tmp / "boundary.geojson", mesh_box_geojson(south, north, west, east, "{}"));
    // The mesh tables' own 65+ over the cells in the box, from both zips as published.
    double expected = 0;
    for (const std::string sheet : {"5031", "5131"}) {
        const std::string member = "tblT001141H" + sheet + ".txt";
        geo::CsvReader reader(unzip_one(town / "population" / ("tblT001141H" + sheet + ".zip"), member), member);
        const geo::CsvTable table = geo::read_csv_table(reader);
        const std::size_t key = table.require_column("KEY_CODE");
        const std::size_t older = table.require_column("T001141019");
        for (std::size_t r = 1; r < table.rows.size(); ++r) {  // row 0: the labels
            const auto [lat, lon] = cell_centre(table.rows[r][key]);
            if (lat > south && lat < north && lon > west && lon < east && table.rows[r][older] != "*")
                expected += std::stod(table.rows[r][older]);
        }
    }
    REQUIRE(expected > 10000);

    const auto data = [&](const std::string& p) { return (town / p).string(); };
    const std::string list = data("facilities/yamaguchi_shitei_kinkyu_hinan_basho_H291201.csv");
    const auto project = [&](const std::string& population_files) {
        return fmt::format(R"toml(
[project]
name = "宇部市"
[districts]
centres = "{0}"
where = "市区町村コード = 35202 AND 名称 LIKE '%ふれあいセンター%'"
name_field = "名称"
boundary = "boundary.geojson"
[population]
type = "mesh"
file = [{1}]
[population.bands]
pop_total = "T001141001"
pop65 = "T001141019"
pop75 = "T001141022"
[[resources]]
kind = "salon"
file = "{0}"
where = "市区町村コード = 35202 AND (名称 LIKE '%集会所%' OR 名称 LIKE '%ふれあいセンター%')"
name_field = "名称"
[streets]
network = "{2}"
)toml",
                           list, population_files, (walk / "ube_walk_edges_osm_only.gpkg").string());
    };
    write_file(tmp / "ube.toml", project(fmt::format("\"{}\", \"{}\"", data("population/tblT001141H5031.zip"),
                                                     data("population/tblT001141H5131.zip"))));
    const auto run = needmap::test::run_needmap("run " + (tmp / "ube.toml").string() + " -o " + (tmp / "ube.gpkg").string());
    INFO(run.output);
    REQUIRE(run.status == 0);
    CHECK_THAT(run.output, Catch::Contains("where 市区町村コード = 35202 AND 名称 LIKE '%ふれあいセンター%': 23 of 1667 "
                                           "rows kept"));
    CHECK_THAT(run.output, Catch::Contains("WARNING: the districts are approximate"));
    CHECK_THAT(run.output, !Catch::Contains("which no population file covers"));
    // Districts drawn where few older people live are marked, not read as findings.
    CHECK_THAT(run.output, Catch::Contains("* fewer than 100 older people: its shares are too small a base"));
    const auto results = analysis::pipeline::read_results(tmp / "ube.gpkg");
    double older = 0;
    for (const auto& d : results.districts) older += d.people[results.elderly_band];
    CHECK(results.districts.size() >= 5);
    CHECK(older == Approx(expected).epsilon(1e-6));
    CHECK(results.info.approximate_districts);  // kept in run_summary for the map to say so

    // The same from `needmap init`, given the files as downloaded and the town's code: the only edit
    // is the one the README and init's own notes name, narrowing the centres to the ふれあいセンター.
    const auto init = needmap::test::run_needmap(fmt::format(
        "init --centres {0} --boundary {1} --population {2} --population {3} --resource salon={0} --streets {4} "
        "--municipality 35202 {5}",
        list, (tmp / "boundary.geojson").string(), data("population/tblT001141H5031.zip"),
        data("population/tblT001141H5131.zip"), (walk / "ube_walk_edges_osm_only.gpkg").string(),
        (tmp / "drafted.toml").string()));
    INFO(init.output);
    REQUIRE(init.status == 0);
    std::string drafted = needmap::test::read_file(tmp / "drafted.toml");
    CHECK_THAT(drafted, Catch::Contains("name = \"宇部市 "));            // from the list's 市区町村名
    CHECK_THAT(drafted, Catch::Contains("pop65 = \"T001141019\""));     // SOURCES.txt: T001141019 = 65+
    CHECK_THAT(init.output, Catch::Contains("1667 places, 115 kept by where"));  // SOURCES.txt: 115 in 宇部市
    const std::string where = "where = \"市区町村コード = 35202\"";
    const auto at = drafted.find(where);  // the first: the centres'
    REQUIRE(at != std::string::npos);
    drafted.replace(at, where.size(), "where = \"市区町村コード = 35202 AND 名称 LIKE '%ふれあいセンター%'\"");
    write_file(tmp / "drafted.toml", drafted);
    const auto drafted_run = needmap::test::run_needmap("run -q " + (tmp / "drafted.toml").string() + " -o " +
                                                        (tmp / "drafted.gpkg").string());
    INFO(drafted_run.output);
    REQUIRE(drafted_run.status == 0);
    const auto drafted_results = analysis::pipeline::read_results(tmp / "drafted.gpkg");
    double drafted_older = 0;
    for (const auto& d : drafted_results.districts) drafted_older += d.people[drafted_results.elderly_band];
    CHECK(drafted_results.districts.size() == results.districts.size());
    CHECK(drafted_older == Approx(expected).epsilon(1e-6));

    // With the southern sheet alone, the districts north of 34°N are said to miss their people.
    write_file(tmp / "one-sheet.toml", project(fmt::format("\"{}\"", data("population/tblT001141H5031.zip"))));
    const auto one = needmap::test::run_needmap("run -q " + (tmp / "one-sheet.toml").string() + " -o " +
                                                (tmp / "one.gpkg").string());
    REQUIRE(one.status == 0);
    CHECK_THAT(one.output, Catch::Contains("reaches into mesh sheet 5131, which no population file covers"));
}
