#include "needmap/geo/crs.hpp"

#include "needmap/geo/error.hpp"

#include <fmt/format.h>
#include <proj.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>

namespace needmap::geo {
namespace {

struct ContextDeleter {
    void operator()(PJ_CONTEXT* ctx) const { proj_context_destroy(ctx); }
};
struct PjDeleter {
    void operator()(PJ* pj) const { proj_destroy(pj); }
};
using ContextPtr = std::unique_ptr<PJ_CONTEXT, ContextDeleter>;
using PjPtr = std::unique_ptr<PJ, PjDeleter>;

ContextPtr make_context() {
    ContextPtr ctx(proj_context_create());
    proj_log_level(ctx.get(), PJ_LOG_NONE);
    return ctx;
}

/// PROJ contexts must not be shared between threads: one per thread for the Crs calls.
PJ_CONTEXT* thread_context() {
    thread_local ContextPtr ctx = make_context();
    return ctx.get();
}

std::string last_error(PJ_CONTEXT* ctx) {
    const int code = proj_context_errno(ctx);
    return code == 0 ? std::string("unknown PROJ error") : proj_context_errno_string(ctx, code);
}

bool is_geographic_type(PJ_TYPE type) {
    return type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS || type == PJ_TYPE_GEOGRAPHIC_CRS;
}

std::optional<int> epsg_code(PJ_CONTEXT* ctx, const PJ* crs) {
    const char* auth = proj_get_id_auth_name(crs, 0);
    const char* code = proj_get_id_code(crs, 0);
    if (auth != nullptr && code != nullptr && std::string_view(auth) == "EPSG") return std::stoi(code);
    // ESRI-flavoured .prj files carry no id: ask PROJ which EPSG CRS this is.
    int* confidence = nullptr;
    PJ_OBJ_LIST* matches = proj_identify(ctx, crs, "EPSG", nullptr, &confidence);
    std::optional<int> found;
    if (matches != nullptr) {
        if (proj_list_get_count(matches) > 0 && confidence[0] >= 70) {
            PjPtr best(proj_list_get(ctx, matches, 0));
            if (const char* c = proj_get_id_code(best.get(), 0)) found = std::stoi(c);
        }
        proj_int_list_destroy(confidence);
        proj_list_destroy(matches);
    }
    return found;
}

PjPtr create(PJ_CONTEXT* ctx, const std::string& definition) {
    return PjPtr(proj_create(ctx, definition.c_str()));
}

}  // namespace

Crs Crs::from_user_input(std::string_view definition) {
    PJ_CONTEXT* ctx = thread_context();
    const std::string text(definition);
    PjPtr pj = create(ctx, text);
    if (!pj || !proj_is_crs(pj.get())) {
        const std::string shown = text.size() > 80 ? text.substr(0, 77) + "..." : text;
        throw InputError(
            fmt::format("not a coordinate reference system: \"{}\" ({}); give an EPSG code such "
                        "as EPSG:6668 or a WKT definition",
                        shown, pj ? "not a CRS" : last_error(ctx)));
    }
    Crs crs;
    const char* wkt = proj_as_wkt(ctx, pj.get(), PJ_WKT2_2019, nullptr);
    crs.m_wkt = wkt != nullptr ? wkt : text;
    crs.m_name = proj_get_name(pj.get()) != nullptr ? proj_get_name(pj.get()) : "";
    crs.m_epsg = epsg_code(ctx, pj.get());
    PJ_TYPE type = proj_get_type(pj.get());
    if (type == PJ_TYPE_BOUND_CRS) {
        PjPtr source(proj_get_source_crs(ctx, pj.get()));
        type = source ? proj_get_type(source.get()) : type;
    }
    crs.m_geographic = is_geographic_type(type);
    return crs;
}

Crs Crs::from_epsg(int code) {
    return from_user_input(fmt::format("EPSG:{}", code));
}

std::string Crs::label() const {
    if (empty()) return "unknown CRS";
    return m_epsg ? fmt::format("EPSG:{} ({})", *m_epsg, m_name) : m_name;
}

bool Crs::equivalent_to(const Crs& other) const {
    if (empty() || other.empty()) return empty() == other.empty();
    if (m_epsg && other.m_epsg) return *m_epsg == *other.m_epsg;
    PJ_CONTEXT* ctx = thread_context();
    PjPtr a = create(ctx, m_wkt);
    PjPtr b = create(ctx, other.m_wkt);
    return a && b &&
           proj_is_equivalent_to_with_ctx(ctx, a.get(), b.get(), PJ_COMP_EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS) != 0;
}

const Crs& jgd2011() {
    static const Crs crs = Crs::from_epsg(6668);
    return crs;
}

const Crs& wgs84() {
    static const Crs crs = Crs::from_epsg(4326);
    return crs;
}

// ---- Transformer ----

struct Transformer::Impl {
    ContextPtr ctx;
    PjPtr pj;
};

Transformer::Transformer(const Crs& from, const Crs& to) {
    if (from.empty() || to.empty())
        throw InputError(
            fmt::format("cannot transform coordinates from {} to {}: a layer has no CRS; add a .prj "
                        "file or give the CRS explicitly",
                        from.label(), to.label()));
    if (from.equivalent_to(to)) {
        m_identity = true;
        return;
    }
    m_impl = std::make_unique<Impl>();
    m_impl->ctx = make_context();
    PJ_CONTEXT* ctx = m_impl->ctx.get();
    PjPtr source = create(ctx, from.wkt());
    PjPtr target = create(ctx, to.wkt());
    PjPtr op(source && target ? proj_create_crs_to_crs_from_pj(ctx, source.get(), target.get(), nullptr, nullptr)
                              : nullptr);
    if (op) op.reset(proj_normalize_for_visualization(ctx, op.get()));
    if (!op)
        throw InputError(fmt::format("PROJ finds no way to transform coordinates from {} to {}: {}", from.label(),
                                     to.label(), last_error(ctx)));
    m_impl->pj = std::move(op);
}

Transformer::~Transformer() = default;
Transformer::Transformer(Transformer&&) noexcept = default;
Transformer& Transformer::operator=(Transformer&&) noexcept = default;

Point Transformer::operator()(Point p) const {
    if (m_identity) return p;
    PJ_COORD c = proj_coord(p.x, p.y, 0, 0);
    c = proj_trans(m_impl->pj.get(), PJ_FWD, c);
    if (!std::isfinite(c.xy.x) || !std::isfinite(c.xy.y) || c.xy.x == HUGE_VAL)
        throw InputError(
            fmt::format("coordinate ({}, {}) cannot be transformed: it lies outside the area where "
                        "its CRS is defined",
                        p.x, p.y));
    return {c.xy.x, c.xy.y};
}

void Transformer::transform(std::span<Point> points) const {
    if (m_identity || points.empty()) return;
    constexpr std::size_t stride = sizeof(Point);
    proj_trans_generic(m_impl->pj.get(), PJ_FWD, &points[0].x, stride, points.size(), &points[0].y, stride,
                       points.size(), nullptr, 0, 0, nullptr, 0, 0);
    for (Point& p : points) {
        if (!std::isfinite(p.x) || !std::isfinite(p.y) || p.x == HUGE_VAL)
            p = {std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()};
    }
}

// ---- choosing a metric CRS ----

namespace {

/// Prefecture seats (都道府県庁所在地), approximate, with the plane-rectangular zone (系) that
/// the 平成14年国土交通省告示第9号 assigns to the prefecture. Prefectures split between zones
/// (Hokkaido, Tokyo, Kagoshima, Okinawa) are refined by location in zone_for().
struct Prefecture {
    int code;
    double lon;
    double lat;
    int zone;
};
constexpr std::array<Prefecture, 47> kPrefectures{{
    {1, 141.347, 43.064, 12}, {2, 140.740, 40.824, 10}, {3, 141.153, 39.704, 10},  {4, 140.872, 38.269, 10},
    {5, 140.102, 39.719, 10}, {6, 140.363, 38.240, 10}, {7, 140.468, 37.750, 9},   {8, 140.447, 36.342, 9},
    {9, 139.884, 36.566, 9},  {10, 139.061, 36.391, 9}, {11, 139.649, 35.857, 9},  {12, 140.123, 35.605, 9},
    {13, 139.692, 35.690, 9}, {14, 139.643, 35.448, 9}, {15, 139.023, 37.902, 8},  {16, 137.211, 36.695, 7},
    {17, 136.626, 36.594, 7}, {18, 136.222, 36.065, 6}, {19, 138.568, 35.664, 8},  {20, 138.181, 36.651, 8},
    {21, 136.722, 35.391, 7}, {22, 138.383, 34.977, 8}, {23, 136.907, 35.180, 7},  {24, 136.509, 34.730, 6},
    {25, 135.868, 35.004, 6}, {26, 135.756, 35.021, 6}, {27, 135.520, 34.686, 6},  {28, 135.183, 34.691, 5},
    {29, 135.833, 34.685, 6}, {30, 135.168, 34.226, 6}, {31, 134.238, 35.504, 5},  {32, 133.051, 35.472, 3},
    {33, 133.935, 34.662, 5}, {34, 132.460, 34.397, 3}, {35, 131.471, 34.186, 3},  {36, 134.559, 34.066, 4},
    {37, 134.043, 34.340, 4}, {38, 132.766, 33.842, 4}, {39, 133.531, 33.560, 4},  {40, 130.418, 33.607, 2},
    {41, 130.299, 33.249, 2}, {42, 129.874, 32.745, 1}, {43, 130.742, 32.790, 2},  {44, 131.613, 33.238, 2},
    {45, 131.424, 31.911, 2}, {46, 130.558, 31.560, 2}, {47, 127.681, 26.212, 15},
}};

constexpr std::array<const char*, 20> kRoman{"",  "I",  "II",  "III",  "IV",  "V",  "VI",  "VII",  "VIII",  "IX",
                                             "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX"};

bool in_box(Point p, double lon0, double lat0, double lon1, double lat1) {
    return p.x >= lon0 && p.x <= lon1 && p.y >= lat0 && p.y <= lat1;
}

/// The prefecture a lon/lat point is taken to be in, or 0 outside Japan.
int prefecture_of(Point p) {
    // Hokkaido, but not the tip of Aomori's Shimokita peninsula across the strait.
    if (in_box(p, 139.3, 41.3, 146.0, 45.6) && !(p.y < 41.6 && p.x > 140.85)) return 1;
    if (in_box(p, 122.9, 24.0, 131.4, 27.0)) return 47;  // Okinawa and the Daito islands
    if (in_box(p, 128.3, 27.0, 130.3, 29.9)) return 46;  // Amami islands
    if (in_box(p, 138.9, 20.0, 154.5, 34.0)) return 13;  // Izu and Ogasawara islands
    int best = 0;
    double best_d2 = 1.5 * 1.5;  // within about 150 km of a prefectural seat
    for (const Prefecture& pref : kPrefectures) {
        const double dx = (p.x - pref.lon) * std::cos(pref.lat * std::numbers::pi / 180.0);
        const double dy = p.y - pref.lat;
        if (dx * dx + dy * dy < best_d2) {
            best_d2 = dx * dx + dy * dy;
            best = pref.code;
        }
    }
    return best;
}

int zone_for(int prefecture, Point p) {
    switch (prefecture) {
        case 1:  // Hokkaido: XI in the south-west (Oshima, Hiyama, Shiribeshi), XIII in the east
            if (p.x < 140.9 || (p.x < 141.1 && p.y > 42.7)) return 11;
            return p.x >= 142.8 ? 13 : 12;
        case 13:  // Tokyo: the Ogasawara islands have their own zones
            if (p.y < 21.0) return 18;
            if (p.x > 152.0) return 19;
            return p.y < 28.0 ? 14 : 9;
        case 46:  // Kagoshima: the islands west of 130°E are in zone I
            return (p.x < 130.0 || (p.y < 29.0 && p.x < 130.22)) ? 1 : 2;
        case 47:  // Okinawa: main island XV, Sakishima XVI, Daito XVII
            if (p.x < 126.0) return 16;
            return p.x > 130.0 ? 17 : 15;
        default:
            return kPrefectures[static_cast<std::size_t>(prefecture - 1)].zone;
    }
}

}  // namespace

MetricCrsChoice choose_metric_crs(Point lon_lat, int prefecture_code) {
    if (!std::isfinite(lon_lat.x) || !std::isfinite(lon_lat.y) || std::abs(lon_lat.y) > 90)
        throw InputError(
            fmt::format("cannot choose a metric CRS: ({}, {}) is not a longitude/latitude", lon_lat.x, lon_lat.y));
    const bool given = prefecture_code >= 1 && prefecture_code <= 47;
    if (const int pref = given ? prefecture_code : prefecture_of(lon_lat); pref != 0) {
        const int zone = zone_for(pref, lon_lat);
        Crs crs = Crs::from_epsg(6668 + zone);  // EPSG:6669 is zone I ... EPSG:6687 zone XIX
        return {crs, fmt::format("{}: JGD2011 plane-rectangular zone {} of prefecture {:02d} ({}), for the data's "
                                 "centre ({:.4f}°E, {:.4f}°N)",
                                 crs.label(), kRoman[static_cast<std::size_t>(zone)], pref,
                                 given ? "from the data's municipality codes" : "the nearest prefectural seat",
                                 lon_lat.x, lon_lat.y)};
    }
    const double lon = std::clamp(lon_lat.x, -180.0, 179.999999);
    const int utm = static_cast<int>(std::floor((lon + 180.0) / 6.0)) + 1;
    Crs crs = Crs::from_epsg((lon_lat.y >= 0 ? 32600 : 32700) + utm);
    return {crs, fmt::format("{}: UTM zone {}{} (outside Japan), chosen from the data's centre ({:.4f}°, {:.4f}°)",
                             crs.label(), utm, lon_lat.y >= 0 ? "N" : "S", lon_lat.x, lon_lat.y)};
}

}  // namespace needmap::geo
