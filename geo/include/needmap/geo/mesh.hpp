#pragma once

// JIS X 0410 grid-square mesh codes (地域メッシュ), as used by e-Stat's mesh statistics. Cells are
// defined in JGD2011 geographic coordinates (EPSG:6668), longitude/latitude in degrees.

#include "needmap/geo/geometry.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace needmap::geo {

enum class MeshLevel {
    First = 1,    ///< 4 digits, 40' x 1°, about 80 km
    Second = 2,   ///< 6 digits, 5' x 7'30", about 10 km
    Third = 3,    ///< 8 digits, 30" x 45", about 1 km (基準地域メッシュ)
    Half = 4,     ///< 9 digits, about 500 m
    Quarter = 5,  ///< 10 digits, about 250 m
    Eighth = 6,   ///< 11 digits, about 125 m
};

/// Number of digits of a code at that level.
[[nodiscard]] int digits_of(MeshLevel level);
/// "1st (80 km)", "quarter (250 m)", ...
[[nodiscard]] std::string_view to_string(MeshLevel level);

/// One grid-square cell: a code that knows its level.
class MeshCode {
public:
    /// @throws InputError naming the code and the reason when it is not a valid mesh code (wrong
    /// length, a non-digit, a 2nd-level digit above 7, a subdivision digit outside 1-4).
    static MeshCode parse(std::string_view code);
    /// As parse(), but returns nothing and sets `reason` instead of throwing.
    static std::optional<MeshCode> try_parse(std::string_view code, std::string* reason = nullptr);

    /// The cell at `level` containing a JGD2011 lon/lat point. A point on a cell's south or west
    /// edge belongs to that cell. @throws InputError outside the range mesh codes cover
    /// (latitude 0-66.67°N, longitude 100-200°E).
    static MeshCode containing(Point lon_lat, MeshLevel level);

    [[nodiscard]] MeshLevel level() const { return m_level; }
    [[nodiscard]] std::uint64_t value() const { return m_code; }
    /// The code with its leading zeros, e.g. "53394597".
    [[nodiscard]] std::string to_string() const;

    /// Cell bounds in JGD2011 degrees (x = longitude, y = latitude).
    [[nodiscard]] Box bounds() const;
    /// The cell as a polygon in JGD2011 degrees.
    [[nodiscard]] MultiPolygon polygon() const;
    /// The cell one level coarser, or nothing for a 1st-level cell.
    [[nodiscard]] std::optional<MeshCode> parent() const;
    /// The cells one level finer (64 for a 1st-level cell, 100 for a 2nd, 4 for the others;
    /// none for an eighth cell), south-west first.
    [[nodiscard]] std::vector<MeshCode> children() const;

    friend bool operator==(const MeshCode&, const MeshCode&) = default;
    friend auto operator<=>(const MeshCode& a, const MeshCode& b) { return a.m_code <=> b.m_code; }

private:
    MeshCode(std::uint64_t code, MeshLevel level) : m_code(code), m_level(level) {}
    /// South-west corner in units of an eighth cell (1/960° of latitude, 1/640° of longitude,
    /// longitude counted from 100°E).
    struct Grid {
        std::int64_t row;
        std::int64_t col;
    };
    [[nodiscard]] Grid south_west() const;
    static MeshCode from_grid(Grid g, MeshLevel level);

    std::uint64_t m_code = 0;
    MeshLevel m_level = MeshLevel::First;
};

}  // namespace needmap::geo
