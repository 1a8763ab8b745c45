#include "needmap/analysis/pipeline/sites.hpp"

#include "needmap/geo/csv.hpp"
#include "needmap/geo/error.hpp"
#include "needmap/geo/layer_io.hpp"
#include "needmap/geo/spatial_index.hpp"

#include <boost/geometry/algorithms/covered_by.hpp>
#include <fmt/format.h>

#include <array>
#include <cmath>
#include <numbers>
#include <initializer_list>
#include <optional>
#include <string_view>

namespace needmap::analysis::pipeline {

std::vector<Site> read_sites(const SiteSource& source, const std::string& kind, const geo::Crs& metric,
                             std::vector<std::string>& notes, std::vector<std::string>& warnings) {
    const std::filesystem::path& file = source.file;
    const std::string& name_field = source.name_field;
    const std::string& capacity_field = source.capacity_field;
    geo::ReadOptions read;
    read.layer = source.layer;
    read.where = source.where;
    geo::Layer layer = geo::read_layer(file, read);
    if (layer.geometry_kind == geo::GeometryKind::None || layer.geometry_kind == geo::GeometryKind::Lines)
        throw geo::InputError(
            fmt::format("{}: has no points; give a point layer or a CSV with latitude and "
                        "longitude (緯度, 経度) columns",
                        file.string()));
    const bool has_name = !name_field.empty();
    const bool has_capacity = !capacity_field.empty();
    const std::size_t name = has_name ? layer.require_field(name_field) : 0;
    const std::size_t capacity = has_capacity ? layer.require_field(capacity_field) : 0;
    const std::optional<std::size_t> id = layer.field_index("id");
    // The open-data columns residents need, under their Japanese or English names.
    const auto column = [&](std::initializer_list<std::string_view> names) -> std::optional<std::size_t> {
        for (const auto n : names)
            if (const auto i = layer.field_index(n)) return i;
        return std::nullopt;
    };
    const auto address = column({"住所", "address"});
    const auto days = column({"利用可能曜日", "開催日", "開催曜日", "availableDate", "availableDay"});
    const auto start = column({"開始時間", "startTime"});
    const auto end = column({"終了時間", "endTime"});
    const auto opening = column({"営業時間", "開館時間", "openingHours"});  // one text, when start and end are not apart
    for (const auto& n : layer.report.notes) notes.push_back(fmt::format("{}: {}", file.filename().string(), n));
    for (const auto& w : layer.report.warnings) warnings.push_back(fmt::format("{}: {}", file.filename().string(), w));
    layer = geo::reproject(std::move(layer), metric);
    const bool csv = layer.report.driver == "CSV";

    std::vector<Site> sites;
    std::vector<std::string> bad_capacity;  // every row, said at once
    for (const auto& f : layer.features) {
        const auto position = geo::centroid(f.geometry);
        if (!position) continue;  // counted in the layer's report
        Site s;
        s.kind = kind;
        s.origin = fmt::format("{} {} {}", file.filename().string(), csv ? "line" : "feature", f.fid);
        s.id = id ? geo::to_text(f.values[*id]) : std::string();
        if (s.id.empty()) s.id = fmt::format("{}-{}", kind, sites.size() + 1);
        s.name = has_name ? std::string(geo::trim(geo::to_text(f.values[name]))) : std::string();  // open data pads some
        if (s.name.empty()) s.name = s.id;
        if (has_capacity) {
            const auto c = geo::to_double(f.values[capacity]);
            if (geo::is_null(f.values[capacity]) || geo::to_text(f.values[capacity]).empty()) {
                s.capacity = 1;
            } else if (!c || *c < 0) {
                bad_capacity.push_back(fmt::format("{}: {} \"{}\" is not a number of places (0 or more)", s.origin,
                                                   capacity_field, geo::to_text(f.values[capacity])));
            } else {
                s.capacity = *c;
                s.capacity_stated = true;
            }
        }
        s.position = *position;
        const auto text = [&](std::optional<std::size_t> i) { return i ? geo::to_text(f.values[*i]) : std::string(); };
        s.address = text(address);
        s.days = text(days);
        if (const std::string from = text(start), to = text(end); !from.empty() || !to.empty())
            s.hours = from + "〜" + to;
        else
            s.hours = text(opening);
        sites.push_back(std::move(s));
    }
    if (!bad_capacity.empty()) {
        std::string text;
        for (std::size_t i = 0; i < bad_capacity.size() && i < 20; ++i) text += (i ? "\n" : "") + bad_capacity[i];
        if (bad_capacity.size() > 20) text += fmt::format("\n... and {} more rows", bad_capacity.size() - 20);
        throw geo::InputError(fmt::format("{}\nfix these rows, or leave the value empty for the default", text));
    }
    return sites;
}

std::vector<Site> grid_candidates(const demand::Population& population, std::size_t elderly_band, double spacing_m) {
    std::vector<Site> out;
    for (const auto& unit : population.units) {
        if (unit.people[elderly_band] <= 0) continue;
        std::vector<geo::Point> inside;
        if (const auto* polygons = std::get_if<geo::MultiPolygon>(&unit.geometry)) {
            const auto box = geo::envelope(unit.geometry);
            for (double x = std::ceil(box->min_corner().x / spacing_m) * spacing_m; x <= box->max_corner().x;
                 x += spacing_m)
                for (double y = std::ceil(box->min_corner().y / spacing_m) * spacing_m; y <= box->max_corner().y;
                     y += spacing_m)
                    if (boost::geometry::covered_by(geo::Point{x, y}, *polygons)) inside.push_back({x, y});
        }
        if (inside.empty()) inside.push_back(*geo::centroid(unit.geometry));
        for (const auto& p : inside) {
            Site s;
            s.kind = "candidate";
            s.id = fmt::format("grid-{}", out.size() + 1);
            s.name = fmt::format("grid point in {}", unit.id);
            s.position = p;
            s.origin = s.name;
            out.push_back(std::move(s));
        }
    }
    // A point on the edge between two units is generated twice: keep one.
    std::sort(out.begin(), out.end(), [](const Site& a, const Site& b) {
        return a.position.x != b.position.x ? a.position.x < b.position.x : a.position.y < b.position.y;
    });
    out.erase(
        std::unique(out.begin(), out.end(), [](const Site& a, const Site& b) { return a.position == b.position; }),
        out.end());
    for (std::size_t i = 0; i < out.size(); ++i) out[i].id = fmt::format("grid-{}", i + 1);
    return out;
}

void name_by_nearest_place(std::vector<Site>& candidates, const std::vector<Site>& places, const geo::Crs& metric,
                           double within_m) {
    static constexpr std::array<const char*, 8> kDirections{"東", "北東", "北", "北西", "西", "南西", "南", "南東"};
    const geo::Transformer to_lon_lat(metric, geo::wgs84());
    for (Site& c : candidates) {
        const Site* nearest = nullptr;
        double best = within_m;
        for (const Site& p : places) {
            const double d = std::hypot(p.position.x - c.position.x, p.position.y - c.position.y);
            if (d <= best && !p.name.empty()) {
                best = d;
                nearest = &p;
            }
        }
        if (nearest != nullptr && best < 50) {
            c.name = fmt::format("{}のそば", nearest->name);
        } else if (nearest != nullptr) {
            // The compass point of the candidate seen from the place (grid north, as on the map).
            const double angle = std::atan2(c.position.y - nearest->position.y, c.position.x - nearest->position.x);
            const auto octant = static_cast<std::size_t>(std::lround(angle / (std::numbers::pi / 4)) + 8) % 8;
            c.name = fmt::format("{}の{} {:.0f} m", nearest->name, kDirections[octant], std::round(best / 10) * 10);
        } else {
            geo::Point p = c.position;
            to_lon_lat.transform(std::span(&p, 1));
            c.name = fmt::format("北緯{:.4f} 東経{:.4f}", p.y, p.x);
        }
        c.origin = c.name;
    }
}

void place_sites(std::vector<Site>& sites, const demand::Districts& districts, const network::WalkNetwork& streets,
                 double max_snap_m) {
    const geo::PolygonIndex index(districts.polygons());
    for (Site& s : sites) {
        s.district = index.locate(s.position);
        s.snap = streets.snap(s.position, max_snap_m);
    }
}

}  // namespace needmap::analysis::pipeline
