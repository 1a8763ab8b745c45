#include "needmap/geo/crs.hpp"

#include "needmap/geo/error.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

using namespace needmap::geo;
using Catch::Detail::Approx;

namespace {

/// Length of the meridian from the equator to latitude `phi_deg` on an ellipsoid (the usual
/// series in e², as in Snyder, Map Projections: A Working Manual, eq. 3-21).
double meridian_arc(double phi_deg, double a, double inverse_flattening) {
    const double f = 1.0 / inverse_flattening;
    const double e2 = f * (2 - f);
    const double e4 = e2 * e2;
    const double e6 = e4 * e2;
    const double phi = phi_deg * std::numbers::pi / 180.0;
    return a * ((1 - e2 / 4 - 3 * e4 / 64 - 5 * e6 / 256) * phi -
                (3 * e2 / 8 + 3 * e4 / 32 + 45 * e6 / 1024) * std::sin(2 * phi) +
                (15 * e4 / 256 + 45 * e6 / 1024) * std::sin(4 * phi) - (35 * e6 / 3072) * std::sin(6 * phi));
}

}  // namespace

TEST_CASE("CRS from EPSG codes and WKT", "[crs]") {
    const Crs jgd = Crs::from_epsg(6668);
    CHECK(jgd.is_geographic());
    CHECK(jgd.epsg() == 6668);
    const Crs zone9 = Crs::from_user_input("EPSG:6677");
    CHECK_FALSE(zone9.is_geographic());
    CHECK(zone9.name() == "JGD2011 / Japan Plane Rectangular CS IX");
    const Crs again = Crs::from_user_input(zone9.wkt());
    CHECK(again.epsg() == 6677);
    CHECK(again.equivalent_to(zone9));
    CHECK_FALSE(zone9.equivalent_to(jgd));
    CHECK_THROWS_WITH(Crs::from_user_input("EPSG:99999999"), Catch::Contains("EPSG:99999999"));
    CHECK_THROWS_AS(Crs::from_user_input("not a crs"), InputError);
}

TEST_CASE("a zone's origin maps to (0, 0), in lon/lat order whatever the authority's axis order", "[crs]") {
    // Plane-rectangular zone IX has its origin at 36°N 139°50'E and no false easting/northing.
    const Transformer to_zone9(jgd2011(), Crs::from_epsg(6677));
    const Point origin = to_zone9({139.0 + 50.0 / 60.0, 36.0});
    CHECK(origin.x == Approx(0).margin(1e-6));
    CHECK(origin.y == Approx(0).margin(1e-6));
    // 1' of latitude north of the origin, on the central meridian: the arc length times 0.9999.
    const double arc =
        meridian_arc(36.0 + 1.0 / 60.0, 6378137.0, 298.257222101) - meridian_arc(36.0, 6378137.0, 298.257222101);
    const Point north = to_zone9({139.0 + 50.0 / 60.0, 36.0 + 1.0 / 60.0});
    CHECK(north.x == Approx(0).margin(1e-6));
    CHECK(north.y == Approx(0.9999 * arc).margin(0.001));
    // And back.
    const Transformer back(Crs::from_epsg(6677), jgd2011());
    const Point ll = back(north);
    CHECK(ll.x == Approx(139.0 + 50.0 / 60.0).epsilon(1e-12));
    CHECK(ll.y == Approx(36.0 + 1.0 / 60.0).epsilon(1e-12));
}

TEST_CASE("UTM in the southern hemisphere", "[crs]") {
    // Porto Alegre's zone 22S has its central meridian at 51°W: easting 500 km there, northing
    // 10,000 km less the scaled meridian arc.
    const Transformer t(wgs84(), Crs::from_epsg(32722));
    const Point p = t({-51.0, -30.0});
    CHECK(p.x == Approx(500000.0).margin(0.001));
    CHECK(p.y == Approx(10000000.0 - 0.9996 * meridian_arc(30.0, 6378137.0, 298.257223563)).margin(0.01));
}

TEST_CASE("transforming many points at once agrees with one at a time", "[crs]") {
    const Transformer t(wgs84(), Crs::from_epsg(6674));
    std::vector<Point> pts{{135.5, 34.7}, {135.6, 34.8}, {136.2, 35.1}};
    std::vector<Point> one;
    for (const auto& p : pts) one.push_back(t(p));
    t.transform(pts);
    for (std::size_t i = 0; i < pts.size(); ++i) {
        CHECK(pts[i].x == Approx(one[i].x));
        CHECK(pts[i].y == Approx(one[i].y));
    }
    CHECK(Transformer(jgd2011(), Crs::from_epsg(6668)).is_identity());
}

TEST_CASE("a metric CRS is chosen from the data's location", "[crs]") {
    struct Case {
        const char* place;
        Point lon_lat;
        int epsg;
    };
    // Zones from the 平成14年国土交通省告示第9号 table (zone I = EPSG:6669 ... XIX = 6687).
    const Case cases[] = {
        {"宇部市 (山口県, III)", {131.25, 33.95}, 6671},   {"大東市 (大阪府, VI)", {135.62, 34.71}, 6674},
        {"愛荘町 (滋賀県, VI)", {136.23, 35.17}, 6674},    {"佐野市 (栃木県, IX)", {139.58, 36.31}, 6677},
        {"高松市 (香川県, IV)", {134.05, 34.34}, 6672},    {"札幌市 (北海道, XII)", {141.35, 43.06}, 6680},
        {"函館市 (北海道, XI)", {140.73, 41.77}, 6679},    {"釧路市 (北海道, XIII)", {144.38, 42.98}, 6681},
        {"那覇市 (沖縄県, XV)", {127.68, 26.21}, 6683},    {"石垣市 (沖縄県, XVI)", {124.16, 24.34}, 6684},
        {"奄美市 (鹿児島県, I)", {129.49, 28.38}, 6669},   {"鹿児島市 (鹿児島県, II)", {130.56, 31.56}, 6670},
        {"小笠原村 (東京都, XIV)", {142.19, 27.09}, 6682}, {"Porto Alegre (UTM 22S)", {-51.2, -30.05}, 32722},
        {"Busan (UTM 52N)", {129.04, 35.10}, 32652},
    };
    for (const Case& c : cases) {
        INFO(c.place);
        const MetricCrsChoice choice = choose_metric_crs(c.lon_lat);
        CHECK(choice.crs.epsg() == c.epsg);
        CHECK_FALSE(choice.crs.is_geographic());
        CHECK_THAT(choice.reason, Catch::Contains(std::to_string(c.epsg)));
    }
    // 尼崎市 (兵庫県) is nearer Osaka's seat than Kobe's; its prefecture code gives zone V.
    CHECK(choose_metric_crs({135.41, 34.73}).crs.epsg() == 6674);
    CHECK(choose_metric_crs({135.41, 34.73}, 28).crs.epsg() == 6673);
    // 大間町 (青森県, X) faces Hokkaido across the strait.
    CHECK(choose_metric_crs({140.91, 41.52}).crs.epsg() == 6678);
}
