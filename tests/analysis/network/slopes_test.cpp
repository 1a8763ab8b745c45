// Walking on slopes, by hand: Tobler's function normalised to the level, a 5% gradient edge in
// both directions, steps left as they are, a model in another CRS, and models that cannot serve.

#include "needmap/analysis/network/slopes.hpp"
#include "needmap/analysis/network/walk_matrix.hpp"
#include "needmap/analysis/network/walk_search.hpp"
#include "needmap/geo/crs.hpp"
#include "needmap/geo/error.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <gdal.h>
#include <ogr_srs_api.h>

#include <cmath>
#include <functional>

using namespace needmap;
using namespace needmap::analysis;
using namespace needmap::analysis::network;
using Catch::Detail::Approx;

namespace {

constexpr int kZone = 6675;  // JGD2011 / Japan Plane Rectangular CS VII, metres

/// A GeoTIFF of `columns` x `rows` cells of `cell` units from (x0, y0) at the top left, each
/// holding height(cell centre), in the CRS `epsg`.
void write_dem(const std::filesystem::path& path, int epsg, double x0, double y0, double cell, int columns, int rows,
               const std::function<float(double, double)>& height, double no_data = -9999) {
    GDALAllRegister();
    GDALDriverH driver = GDALGetDriverByName("GTiff");
    GDALDatasetH ds = GDALCreate(driver, path.string().c_str(), columns, rows, 1, GDT_Float32, nullptr);
    double transform[6] = {x0, cell, 0, y0, 0, -cell};
    GDALSetGeoTransform(ds, transform);
    OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(srs, epsg);
    GDALSetSpatialRef(ds, srs);
    OSRDestroySpatialReference(srs);
    GDALRasterBandH band = GDALGetRasterBand(ds, 1);
    GDALSetRasterNoDataValue(band, no_data);
    std::vector<float> values;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < columns; ++c) values.push_back(height(x0 + (c + 0.5) * cell, y0 - (r + 0.5) * cell));
    REQUIRE(GDALRasterIO(band, GF_Write, 0, 0, columns, rows, values.data(), columns, rows, GDT_Float32, 0, 0) ==
            CE_None);
    GDALClose(ds);
}

/// A 1,000 m street from (0, 0) east to (1000, 0), then 100 m of steps on to (1100, 0).
WalkNetwork street_and_steps() {
    std::vector<geo::Point> nodes{{0, 0}, {1000, 0}, {1100, 0}};
    std::vector<Edge> edges(2);
    edges[0] = {NodeId(0), NodeId(1), 0, 3, 1000, 10000, 10000};
    edges[1] = {NodeId(1), NodeId(2), 3, 2, 100, 2000, 2000};  // steps: twice their length
    std::vector<geo::Point> points{{0, 0}, {500, 0}, {1000, 0}, {1000, 0}, {1100, 0}};
    std::vector<float> efforts{0, 5000, 10000, 0, 2000};
    return WalkNetwork(geo::Crs::from_epsg(kZone), std::move(nodes), std::move(edges), std::move(points),
                       std::move(efforts));
}

}  // namespace

TEST_CASE("Tobler's function, normalised to the level", "[network][slopes]") {
    CHECK(tobler_factor(0) == Approx(1));
    // 6 exp(-3.5 x 0.05) km/h on the level; the fastest at a 5% descent, 6 km/h.
    CHECK(tobler_factor(-0.05) == Approx(std::exp(-0.175)));
    CHECK(tobler_factor(0.05) == Approx(std::exp(0.175)));
    // A 10% descent is as slow as the level; a 10% climb is exp(0.35) times the level effort.
    CHECK(tobler_factor(-0.1) == Approx(1));
    CHECK(tobler_factor(0.1) == Approx(std::exp(0.35)));
}

TEST_CASE("a 5% slope: up costs exp(0.175) times the level, down exp(-0.175) for Tobler's hikers, steps stay as "
          "they are",
          "[network][slopes]") {
    needmap::test::TempDir dir;
    // The ground rises 5 m every 100 m eastwards: 0 m at x = 0, 50 m at x = 1000.
    write_dem(dir / "dem.tif", kZone, -100, 100, 10, 130, 20, [](double x, double) { return 0.05 * x; });
    const geo::Raster dem = geo::Raster::read(dir / "dem.tif");
    CHECK(dem.sample({500, 0}).value() == Approx(25));
    const WalkNetwork level = street_and_steps();
    SlopeReport report;
    SlopeOptions hikers;
    hikers.downhill_gain = true;
    const WalkNetwork hill = with_slopes(level, dem, report, hikers);
    const Edge& street = hill.edge(EdgeId(0));
    CHECK(street.effort == std::lround(10000 * std::exp(0.175)));        // 1,191.2 m uphill
    CHECK(street.effort_back == std::lround(10000 * std::exp(-0.175)));  // 839.5 m downhill
    CHECK(hill.edge(EdgeId(1)).effort == 2000);  // the steps
    CHECK(hill.edge(EdgeId(1)).effort_back == 2000);
    CHECK(hill.sloped());
    CHECK(report.edges == 1);
    CHECK(report.steepest == Approx(0.05).margin(1e-6));
    CHECK(report.samples_no_data == 0);

    // Searches both ways between the ends, from a point 100 m in from each end.
    const Snap west = hill.snap({100, 5}, 50);
    const Snap east = hill.snap({900, 5}, 50);
    WalkSearch search(hill);
    search.run(west, 100000);
    const double up = 800 * 10 * std::exp(0.175) + 50;  // and 5 m onto the street at the far end
    CHECK(search.effort_to(east) == Approx(up + 50).margin(2));
    search.run(east, 100000);
    const double down = 800 * 10 * std::exp(-0.175) + 100;
    CHECK(search.effort_to(west) == Approx(down).margin(2));
    // Searched towards a place, the walk is the one *to* it.
    search.run(east, 100000, Direction::To);
    CHECK(search.effort_to(west) == Approx(up + 50).margin(2));
    // On the level nothing changes in either direction.
    const Snap level_west = level.snap({100, 5}, 50);
    const Snap level_east = level.snap({900, 5}, 50);
    WalkSearch flat(level);
    flat.run(level_west, 100000);
    CHECK(flat.effort_to(level_east) == 8100);
    flat.run(level_east, 100000, Direction::To);
    CHECK(flat.effort_to(level_west) == 8100);

    // The walk matrix gives the same times whichever side it searches from.
    WalkOptions walk;
    walk.speed_kmh = 3.6;
    walk.max_minutes = 60;
    const std::vector<Snap> one{west};
    const std::vector<Snap> two{west, east};
    const auto from_origin = walk_matrix(hill, one, std::vector<Snap>{east}, walk);
    const auto from_destination = walk_matrix(hill, two, std::vector<Snap>{east}, walk);
    REQUIRE(from_origin.seconds.size() == 1);
    CHECK(from_origin.seconds[0] == Approx((up + 50) / 10).margin(0.2));
    CHECK(from_destination.seconds[0] == Approx(from_origin.seconds[0]).margin(0.01));

    // Older walkers (the default) go down no faster than on the level; up is the same.
    const WalkNetwork careful = with_slopes(level, dem, report);
    CHECK(careful.edge(EdgeId(0)).effort == std::lround(10000 * std::exp(0.175)));
    CHECK(careful.edge(EdgeId(0)).effort_back == 10000);
}

TEST_CASE("a model in another CRS is sampled through it; one elsewhere or without data is refused",
          "[network][slopes]") {
    needmap::test::TempDir dir;
    const WalkNetwork level = street_and_steps();
    // The same 5% ground, as a lon/lat grid (JGD2011, EPSG:6668) of 0.0001 degree cells.
    const geo::Transformer to_zone(geo::jgd2011(), geo::Crs::from_epsg(kZone));
    const geo::Transformer to_lonlat(geo::Crs::from_epsg(kZone), geo::jgd2011());
    const geo::Point corner = to_lonlat({-200, 200});
    write_dem(dir / "lonlat.tif", 6668, corner.x, corner.y, 0.0001, 150, 40,
              [&](double lon, double lat) { return static_cast<float>(0.05 * to_zone({lon, lat}).x); });
    SlopeReport report;
    SlopeOptions hikers;
    hikers.downhill_gain = true;
    const WalkNetwork hill = with_slopes(level, geo::Raster::read(dir / "lonlat.tif"), report, hikers);
    CHECK(hill.edge(EdgeId(0)).effort == Approx(10000 * std::exp(0.175)).epsilon(0.005));
    CHECK(hill.edge(EdgeId(0)).effort_back == Approx(10000 * std::exp(-0.175)).epsilon(0.005));

    // A model 50 km away.
    write_dem(dir / "far.tif", kZone, 50000, 50000, 10, 20, 20, [](double, double) { return 1.0F; });
    CHECK_THROWS_WITH(with_slopes(level, geo::Raster::read(dir / "far.tif"), report),
                      Catch::Contains("covers none of the streets"));
    // A model over the town whose cells are all no-data.
    write_dem(dir / "empty.tif", kZone, -100, 100, 10, 130, 20, [](double, double) { return -9999.0F; });
    CHECK_THROWS_WITH(with_slopes(level, geo::Raster::read(dir / "empty.tif"), report),
                      Catch::Contains("no data under any of the streets"));
    // Half the street without data: those stretches count as level, and are counted.
    write_dem(dir / "half.tif", kZone, -100, 100, 10, 130, 20,
              [](double x, double) { return x < 500 ? 0.05F * static_cast<float>(x) : -9999.0F; });
    const WalkNetwork half = with_slopes(level, geo::Raster::read(dir / "half.tif"), report);
    CHECK(report.samples_no_data > 0);
    CHECK(half.edge(EdgeId(0)).effort < std::lround(10000 * std::exp(0.175)));
    CHECK(half.edge(EdgeId(0)).effort > 10000);
    // Not a raster at all.
    needmap::test::write_file(dir / "dem.txt", "not a raster");
    CHECK_THROWS_AS(geo::Raster::read(dir / "dem.txt"), geo::InputError);
}
