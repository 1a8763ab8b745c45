#include "needmap/geo/mesh.hpp"

#include "needmap/geo/error.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>

namespace needmap::geo {
namespace {

// Cell size at each level in eighth-cell units, the same along both axes.
constexpr std::array<std::int64_t, 7> kSize{0, 640, 80, 8, 4, 2, 1};
constexpr std::array<int, 7> kDigits{0, 4, 6, 8, 9, 10, 11};
constexpr double kRowsPerDegree = 960.0;  // 1/960° = 3.75" of latitude
constexpr double kColsPerDegree = 640.0;  // 1/640° = 5.625" of longitude

int level_index(MeshLevel level) {
    return static_cast<int>(level);
}

}  // namespace

int digits_of(MeshLevel level) {
    return kDigits[static_cast<std::size_t>(level_index(level))];
}

std::string_view to_string(MeshLevel level) {
    switch (level) {
        case MeshLevel::First:
            return "1st (80 km)";
        case MeshLevel::Second:
            return "2nd (10 km)";
        case MeshLevel::Third:
            return "3rd (1 km)";
        case MeshLevel::Half:
            return "half (500 m)";
        case MeshLevel::Quarter:
            return "quarter (250 m)";
        case MeshLevel::Eighth:
            return "eighth (125 m)";
    }
    return "?";
}

std::optional<MeshCode> MeshCode::try_parse(std::string_view code, std::string* reason) {
    auto fail = [&](std::string why) -> std::optional<MeshCode> {
        if (reason != nullptr) *reason = std::move(why);
        return std::nullopt;
    };
    std::optional<MeshLevel> level;
    for (int l = 1; l <= 6; ++l)
        if (static_cast<int>(code.size()) == kDigits[static_cast<std::size_t>(l)]) level = static_cast<MeshLevel>(l);
    if (!level) return fail(fmt::format("{} characters; a mesh code has 4, 6, 8, 9, 10 or 11 digits", code.size()));
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (c < '0' || c > '9') return fail(fmt::format("character {} ('{}') is not a digit", i + 1, c));
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
        if ((i == 4 || i == 5) && c > '7')
            return fail(fmt::format("digit {} is {}; the 2nd-level digits run from 0 to 7", i + 1, c));
        if (i >= 8 && (c < '1' || c > '4'))
            return fail(fmt::format("digit {} is {}; a subdivision digit is 1 to 4", i + 1, c));
    }
    return MeshCode(value, *level);
}

MeshCode MeshCode::parse(std::string_view code) {
    std::string reason;
    if (auto m = try_parse(code, &reason)) return *m;
    throw InputError(fmt::format("\"{}\" is not a grid-square mesh code (JIS X 0410): {}", code, reason));
}

std::string MeshCode::to_string() const {
    return fmt::format("{:0{}}", m_code, digits_of(m_level));
}

MeshCode::Grid MeshCode::south_west() const {
    const std::string s = to_string();
    auto d = [&](std::size_t i) { return static_cast<std::int64_t>(s[i] - '0'); };
    Grid g{(d(0) * 10 + d(1)) * kSize[1], (d(2) * 10 + d(3)) * kSize[1]};
    const int levels = level_index(m_level);
    if (levels >= 2) {
        g.row += d(4) * kSize[2];
        g.col += d(5) * kSize[2];
    }
    if (levels >= 3) {
        g.row += d(6) * kSize[3];
        g.col += d(7) * kSize[3];
    }
    for (int l = 4; l <= levels; ++l) {  // 1 = SW, 2 = SE, 3 = NW, 4 = NE
        const std::int64_t q = d(static_cast<std::size_t>(l + 4)) - 1;
        g.row += (q / 2) * kSize[static_cast<std::size_t>(l)];
        g.col += (q % 2) * kSize[static_cast<std::size_t>(l)];
    }
    return g;
}

MeshCode MeshCode::from_grid(Grid g, MeshLevel level) {
    const int levels = level_index(level);
    std::uint64_t code = static_cast<std::uint64_t>((g.row / kSize[1]) * 100 + g.col / kSize[1]);
    if (levels >= 2)
        code = code * 100 +
               static_cast<std::uint64_t>(((g.row % kSize[1]) / kSize[2]) * 10 + (g.col % kSize[1]) / kSize[2]);
    if (levels >= 3)
        code = code * 100 +
               static_cast<std::uint64_t>(((g.row % kSize[2]) / kSize[3]) * 10 + (g.col % kSize[2]) / kSize[3]);
    for (int l = 4; l <= levels; ++l) {
        const auto parent_size = kSize[static_cast<std::size_t>(l - 1)];
        const auto size = kSize[static_cast<std::size_t>(l)];
        const std::int64_t south_north = (g.row % parent_size) / size;
        const std::int64_t west_east = (g.col % parent_size) / size;
        code = code * 10 + static_cast<std::uint64_t>(1 + south_north * 2 + west_east);
    }
    return MeshCode(code, level);
}

MeshCode MeshCode::containing(Point lon_lat, MeshLevel level) {
    // A tiny nudge so that a point exactly on a cell edge, which floating point may put a hair
    // below it, lands in the cell to its north or east.
    constexpr double kNudge = 1e-7;
    const double row = std::floor(lon_lat.y * kRowsPerDegree + kNudge);
    const double col = std::floor((lon_lat.x - 100.0) * kColsPerDegree + kNudge);
    if (!(row >= 0 && row < 100 * kSize[1] && col >= 0 && col < 100 * kSize[1]))
        throw InputError(
            fmt::format("({}, {}) lies outside the area grid-square mesh codes cover (0-66.67°N, "
                        "100-200°E); is it longitude, latitude in degrees?",
                        lon_lat.x, lon_lat.y));
    return from_grid({static_cast<std::int64_t>(row), static_cast<std::int64_t>(col)}, level);
}

Box MeshCode::bounds() const {
    const Grid g = south_west();
    const auto size = static_cast<double>(kSize[static_cast<std::size_t>(level_index(m_level))]);
    const double row = static_cast<double>(g.row);
    const double col = static_cast<double>(g.col);
    return Box({100.0 + col / kColsPerDegree, row / kRowsPerDegree},
               {100.0 + (col + size) / kColsPerDegree, (row + size) / kRowsPerDegree});
}

MultiPolygon MeshCode::polygon() const {
    const Box b = bounds();
    const Point sw = b.min_corner();
    const Point ne = b.max_corner();
    Polygon p;
    p.outer() = {sw, {ne.x, sw.y}, ne, {sw.x, ne.y}, sw};  // counter-clockwise
    return MultiPolygon{p};
}

std::optional<MeshCode> MeshCode::parent() const {
    if (m_level == MeshLevel::First) return std::nullopt;
    const auto parent_level = static_cast<MeshLevel>(level_index(m_level) - 1);
    const int drop = digits_of(m_level) - digits_of(parent_level);
    std::uint64_t code = m_code;
    for (int i = 0; i < drop; ++i) code /= 10;
    return MeshCode(code, parent_level);
}

std::vector<MeshCode> MeshCode::children() const {
    if (m_level == MeshLevel::Eighth) return {};
    const auto child_level = static_cast<MeshLevel>(level_index(m_level) + 1);
    const Grid g = south_west();
    const auto size = kSize[static_cast<std::size_t>(level_index(m_level))];
    const auto child = kSize[static_cast<std::size_t>(level_index(child_level))];
    std::vector<MeshCode> out;
    for (std::int64_t r = 0; r < size; r += child)
        for (std::int64_t c = 0; c < size; c += child) out.push_back(from_grid({g.row + r, g.col + c}, child_level));
    return out;
}

}  // namespace needmap::geo
