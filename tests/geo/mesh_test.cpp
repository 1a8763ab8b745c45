#include "needmap/geo/mesh.hpp"

#include "needmap/geo/error.hpp"

#include <catch2/catch.hpp>

#include <random>

using namespace needmap::geo;
using Catch::Detail::Approx;

namespace {
constexpr double kSecond = 1.0 / 3600.0;
constexpr double kMinute = 1.0 / 60.0;
}  // namespace

TEST_CASE("the 1 km cell 53394597 in Tokyo, by hand", "[mesh]") {
    // 53: 53 / 1.5 = 35°20'; 39: 139°E. 4,5: +4 x 5' = 35°40', +5 x 7'30" = 139°37'30".
    // 9,7: +9 x 30" = 35°44'30", +7 x 45" = 139°42'45". Cell 30" x 45".
    const MeshCode m = MeshCode::parse("53394597");
    CHECK(m.level() == MeshLevel::Third);
    const Box b = m.bounds();
    CHECK(b.min_corner().y == Approx(35.0 + 44 * kMinute + 30 * kSecond).epsilon(1e-12));
    CHECK(b.max_corner().y == Approx(35.0 + 45 * kMinute).epsilon(1e-12));
    CHECK(b.min_corner().x == Approx(139.0 + 42 * kMinute + 45 * kSecond).epsilon(1e-12));
    CHECK(b.max_corner().x == Approx(139.0 + 43 * kMinute + 30 * kSecond).epsilon(1e-12));
}

TEST_CASE("half, quarter and eighth cells split south-west first", "[mesh]") {
    // 533945974: the north-east half of 53394597 (digit 4 = NE): 15" x 22.5".
    const Box ne = MeshCode::parse("533945974").bounds();
    CHECK(ne.min_corner().y == Approx(35.0 + 44 * kMinute + 45 * kSecond));
    CHECK(ne.min_corner().x == Approx(139.0 + 42 * kMinute + 45 * kSecond + 22.5 * kSecond));
    // 5339459712: the south-east quarter of the south-west half: 7.5" x 11.25".
    const Box q = MeshCode::parse("5339459712").bounds();
    CHECK(q.min_corner().y == Approx(35.0 + 44 * kMinute + 30 * kSecond));
    CHECK(q.min_corner().x == Approx(139.0 + 42 * kMinute + 45 * kSecond + 11.25 * kSecond));
    CHECK(q.max_corner().y - q.min_corner().y == Approx(7.5 * kSecond));
    CHECK(q.max_corner().x - q.min_corner().x == Approx(11.25 * kSecond));
    const Box e = MeshCode::parse("53394597123").bounds();
    CHECK(e.max_corner().y - e.min_corner().y == Approx(3.75 * kSecond));
    CHECK(e.min_corner().y == Approx(q.min_corner().y + 3.75 * kSecond));  // 3 = NW of the quarter
    CHECK(e.min_corner().x == Approx(q.min_corner().x));
}

TEST_CASE("parents and children", "[mesh]") {
    const MeshCode m = MeshCode::parse("5339459712");
    CHECK(m.parent()->to_string() == "533945971");
    CHECK(m.parent()->parent()->to_string() == "53394597");
    CHECK(MeshCode::parse("533945").parent()->to_string() == "5339");
    CHECK_FALSE(MeshCode::parse("5339").parent().has_value());

    const auto halves = MeshCode::parse("53394597").children();
    REQUIRE(halves.size() == 4);
    CHECK(halves[0].to_string() == "533945971");
    CHECK(halves[3].to_string() == "533945974");
    CHECK(MeshCode::parse("5339").children().size() == 64);
    CHECK(MeshCode::parse("5339").children().front().to_string() == "533900");
    CHECK(MeshCode::parse("5339").children().back().to_string() == "533977");
    CHECK(MeshCode::parse("533945").children().size() == 100);
    CHECK(MeshCode::parse("53394597123").children().empty());
    for (const MeshCode& c : MeshCode::parse("533945").children()) CHECK(c.parent()->to_string() == "533945");
}

TEST_CASE("invalid codes are refused with a reason", "[mesh]") {
    CHECK_THROWS_WITH(MeshCode::parse("5339459"), Catch::Contains("7 characters"));
    CHECK_THROWS_WITH(MeshCode::parse("53394897"), Catch::Contains("digit 6 is 8") && Catch::Contains("0 to 7"));
    CHECK_THROWS_WITH(MeshCode::parse("533945975"), Catch::Contains("digit 9") && Catch::Contains("1 to 4"));
    CHECK_THROWS_WITH(MeshCode::parse("5339A597"), Catch::Contains("not a digit"));
    std::string reason;
    CHECK_FALSE(MeshCode::try_parse("", &reason).has_value());
    CHECK_FALSE(reason.empty());
    CHECK_THROWS_AS(MeshCode::containing({-51.2, -30.0}, MeshLevel::Third), InputError);
}

TEST_CASE("a point lies in the cell computed for it, at every level", "[mesh]") {
    std::mt19937 rng(42);
    std::uniform_real_distribution<double> lon(123.0, 146.0);
    std::uniform_real_distribution<double> lat(24.0, 46.0);
    for (int i = 0; i < 2000; ++i) {
        const Point p{lon(rng), lat(rng)};
        std::optional<MeshCode> previous;
        for (int l = 1; l <= 6; ++l) {
            const MeshCode m = MeshCode::containing(p, static_cast<MeshLevel>(l));
            const Box b = m.bounds();
            REQUIRE(p.x >= b.min_corner().x - 1e-12);
            REQUIRE(p.x < b.max_corner().x + 1e-12);
            REQUIRE(p.y >= b.min_corner().y - 1e-12);
            REQUIRE(p.y < b.max_corner().y + 1e-12);
            REQUIRE(static_cast<int>(m.to_string().size()) == digits_of(static_cast<MeshLevel>(l)));
            REQUIRE(MeshCode::parse(m.to_string()) == m);  // round trip
            if (previous) REQUIRE(m.parent() == previous);
            previous = m;
        }
    }
}

TEST_CASE("a point on a cell edge belongs to the cell north-east of it", "[mesh]") {
    // 35°45'N is the north edge of 53394597, whose row digit 9 is the top row of 2nd-level cell
    // 533945: the cell to its north is row 0 of 533955, i.e. 53395507.
    const Point on_edge{139.0 + 42 * kMinute + 50 * kSecond, 35.0 + 45 * kMinute};
    CHECK(MeshCode::containing(on_edge, MeshLevel::Third).to_string() == "53395507");
    const Point corner{139.0 + 42 * kMinute + 45 * kSecond, 35.0 + 44 * kMinute + 30 * kSecond};
    CHECK(MeshCode::containing(corner, MeshLevel::Third).to_string() == "53394597");
}

TEST_CASE("a mesh cell as a polygon", "[mesh]") {
    const MultiPolygon p = MeshCode::parse("53394597").polygon();
    REQUIRE(p.size() == 1);
    CHECK(p[0].outer().size() == 5);
    CHECK(area(p) == Approx(30 * kSecond * 45 * kSecond));
}
