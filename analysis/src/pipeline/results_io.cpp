#include "needmap/analysis/pipeline/results_io.hpp"

#include "needmap/analysis/network/loaders.hpp"
#include "needmap/analysis/pipeline/map_style.hpp"
#include "needmap/analysis/pipeline/results_schema.hpp"
#include "needmap/geo/error.hpp"
#include "needmap/geo/layer_io.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <tuple>

namespace needmap::analysis::pipeline {
namespace {

namespace s = schema;
constexpr double kInf = std::numeric_limits<double>::infinity();

geo::Value number(double v) {
    return std::isfinite(v) ? geo::Value(v) : geo::Value();
}
geo::Value number(std::optional<double> v) {
    return v ? number(*v) : geo::Value();
}
geo::Value integer(std::int64_t v) {
    return geo::Value(v);
}

/// A layer built field by field from the schema.
class Builder {
public:
    Builder(std::string_view name, const geo::Crs& crs, geo::GeometryKind kind) {
        m_layer.name = std::string(name);
        m_layer.crs = crs;
        m_layer.geometry_kind = kind;
    }
    std::size_t add(std::string name, geo::FieldType type) {
        m_layer.fields.push_back({std::move(name), type});
        return m_layer.fields.size() - 1;
    }
    /// Adds the fields, named "<prefix>_<name>" when a prefix is given; returns the first index.
    template <std::size_t N>
    std::size_t add(const std::array<s::Field, N>& fields, std::string_view prefix = {}) {
        const std::size_t first = m_layer.fields.size();
        for (const auto& f : fields)
            add(prefix.empty() ? std::string(f.name) : s::field(prefix, f.name), f.type);
        return first;
    }
    std::vector<geo::Value>& row(geo::Geometry geometry = {}) {
        m_layer.features.push_back({static_cast<std::int64_t>(m_layer.features.size() + 1), std::move(geometry),
                                    std::vector<geo::Value>(m_layer.fields.size())});
        return m_layer.features.back().values;
    }
    std::vector<geo::Value>& values(std::size_t feature) { return m_layer.features[feature].values; }
    geo::Layer take() { return std::move(m_layer); }

private:
    geo::Layer m_layer;
};

geo::Layer districts_layer(const Results& r) {
    Builder b(s::kDistricts, r.crs, geo::GeometryKind::Polygons);
    const std::size_t id = b.add(s::kDistrictFields);
    for (const auto& band : r.bands) b.add(band, geo::FieldType::Real);
    const std::size_t points = b.add(s::kDistrictCountFields);
    const std::size_t needs = points + s::kDistrictCountFields.size();
    for (const auto& need : r.needs) b.add(s::kDistrictNeedFields, need);
    std::vector<std::size_t> kind_first;
    std::vector<std::size_t> walk_first;
    for (const auto& k : r.kinds) {
        kind_first.push_back(b.add(s::kDistrictKindFields, k.kind));
        for (const int c : r.info.cutoffs_min) b.add(s::field(k.kind, s::reach_field(c)), geo::FieldType::Real);
        walk_first.push_back(k.walk_access ? b.add(s::kDistrictKindWalkFields, k.kind) : 0);
    }
    const bool yardstick = std::any_of(r.districts.begin(), r.districts.end(), [](const auto& d) { return d.yardstick; });
    const std::size_t maff = yardstick ? b.add(s::kYardstickFields) : 0;
    std::vector<std::vector<std::int64_t>> ranks;
    for (const auto& k : r.kinds) ranks.push_back(k.gap_ranks());

    for (std::size_t d = 0; d < r.districts.size(); ++d) {
        const DistrictInfo& info = r.districts[d];
        auto& v = b.row(info.geometry);
        v[id] = info.id;
        v[id + 1] = info.name;
        for (std::size_t band = 0; band < r.bands.size(); ++band) v[id + 2 + band] = info.people[band];
        v[points] = integer(static_cast<std::int64_t>(info.points));
        v[points + 1] = number(info.respondents);
        if (info.small_sample) v[points + 2] = integer(*info.small_sample ? 1 : 0);
        for (std::size_t n = 0; n < r.needs.size(); ++n) {
            const std::size_t at = needs + n * s::kDistrictNeedFields.size();
            if (const auto& rate = info.rates[n]) {
                v[at] = rate->rate;
                v[at + 1] = rate->low;
                v[at + 2] = rate->high;
                v[at + 3] = rate->n;
            }
            v[at + 4] = number(info.need_weights[n]);
        }
        for (std::size_t k = 0; k < r.kinds.size(); ++k) {
            const KindResult& kind = r.kinds[k];
            const DistrictKindAccess& a = kind.districts[d];
            const std::size_t at = kind_first[k];
            v[at + 0] = a.need;
            v[at + 1] = a.uncovered_people;
            v[at + 2] = a.uncovered_share();
            v[at + 3] = a.uncovered_need;
            v[at + 4] = a.uncovered_need_share();
            v[at + 5] = integer(ranks[k][d]);
            v[at + 6] = number(a.median_min);
            v[at + 7] = number(a.p90_min);
            v[at + 8] = integer(static_cast<std::int64_t>(a.resources_inside));
            v[at + 9] = a.sfca_per_1000;
            v[at + 10] = a.e2sfca_per_1000;
            for (std::size_t c = 0; c < a.reach_share.size(); ++c) v[at + s::kDistrictKindFields.size() + c] = a.reach_share[c];
            if (kind.walk_access) {
                const DistrictKindAccess& w = kind.walk_districts[d];
                v[walk_first[k] + 0] = w.uncovered_people;
                v[walk_first[k] + 1] = w.uncovered_share();
                v[walk_first[k] + 2] = w.uncovered_need;
                v[walk_first[k] + 3] = number(w.median_min);
                v[walk_first[k] + 4] = number(w.p90_min);
            }
        }
        if (yardstick && info.yardstick) {
            const Yardstick& y = *info.yardstick;
            v[maff + 0] = y.people65;
            v[maff + 1] = y.far;
            v[maff + 2] = y.no_car_share;
            v[maff + 3] = y.people();
            v[maff + 4] = y.share();
        }
    }
    return b.take();
}

geo::Layer points_layer(const Results& r) {
    Builder b(s::kPoints, r.crs, geo::GeometryKind::Points);
    const std::size_t id = b.add(s::kPointFields);
    const std::size_t bands = id + s::kPointFields.size();
    for (const auto& band : r.bands) b.add(band, geo::FieldType::Real);
    const std::size_t weights = bands + r.bands.size();
    for (const auto& need : r.needs) b.add(s::kPointNeedFields, need);
    std::vector<std::size_t> kind_first;
    std::vector<std::size_t> walk_first;
    for (const auto& k : r.kinds) {
        kind_first.push_back(b.add(s::kPointKindFields, k.kind));
        for (const int c : r.info.cutoffs_min) b.add(s::field(k.kind, s::within_field(c)), geo::FieldType::Integer);
        walk_first.push_back(k.walk_access ? b.add(s::kPointKindWalkFields, k.kind) : 0);
    }
    for (std::size_t i = 0; i < r.points.size(); ++i) {
        const PointInfo& p = r.points[i];
        auto& v = b.row(p.position);
        const DistrictInfo& d = r.districts[p.district.value()];
        v[id] = p.id;
        v[id + 1] = p.unit_id;
        v[id + 2] = d.id;
        v[id + 3] = d.name;
        v[id + 4] = p.share;
        for (std::size_t band = 0; band < r.bands.size(); ++band) v[bands + band] = p.people[band];
        for (std::size_t n = 0; n < r.needs.size(); ++n) v[weights + n] = number(p.weights[n]);
        for (std::size_t k = 0; k < r.kinds.size(); ++k) {
            const KindAccess& a = r.kinds[k].access;
            v[kind_first[k] + 0] = number(static_cast<double>(a.nearest_min[i]));
            v[kind_first[k] + 1] = integer(a.within[i]);
            v[kind_first[k] + 2] = integer(a.covered[i]);
            v[kind_first[k] + 3] = a.sfca[i];
            v[kind_first[k] + 4] = a.weighted[i];
            v[kind_first[k] + 5] = a.e2sfca[i];
            for (std::size_t c = 0; c < a.within_cutoff.size(); ++c)
                v[kind_first[k] + s::kPointKindFields.size() + c] = integer(a.within_cutoff[c][i]);
            if (const auto& w = r.kinds[k].walk_access) {
                v[walk_first[k] + 0] = number(static_cast<double>(w->nearest_min[i]));
                v[walk_first[k] + 1] = integer(w->covered[i]);
            }
        }
    }
    return b.take();
}

void place_values(const Results& r, const PlaceInfo& p, std::size_t no, std::vector<geo::Value>& v) {
    v[0] = integer(static_cast<std::int64_t>(no + 1));
    v[1] = p.id;
    v[2] = p.kind;
    v[3] = p.name;
    v[4] = p.capacity;
    if (p.district) {
        v[5] = r.districts[p.district->value()].id;
        v[6] = r.districts[p.district->value()].name;
    }
    v[7] = integer(p.food_store ? 1 : 0);
    v[8] = integer(p.added ? 1 : 0);
    v[9] = std::string(network::key_of(p.snap));
    v[10] = number(p.snap_m);
    v[11] = p.address;
    v[12] = p.days;
    v[13] = p.hours;
}

geo::Layer places_layer(const Results& r) {
    Builder b(s::kPlaces, r.crs, geo::GeometryKind::Points);
    b.add(s::kPlaceFields);
    for (std::size_t j = 0; j < r.places.size(); ++j) place_values(r, r.places[j], j, b.row(r.places[j].position));
    return b.take();
}

geo::Layer candidates_layer(const Results& r) {
    Builder b(s::kCandidates, r.crs, geo::GeometryKind::Points);
    b.add(s::kPlaceFields);
    const std::size_t first = b.add(s::kRankFields);
    const std::size_t nc = r.candidates.size();
    bool any = false;
    for (const KindResult& k : r.kinds) {
        if (!k.siting) continue;
        any = true;
        const SitingOutcome& so = *k.siting;
        std::vector<std::size_t> rank_of(nc, 0);
        for (std::size_t i = 0; i < so.result.chosen.size(); ++i) rank_of[so.result.chosen[i]] = i + 1;
        std::vector<std::size_t> order(nc);
        for (std::size_t c = 0; c < nc; ++c) order[c] = c;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t c) {
            const std::size_t ra = rank_of[a] == 0 ? SIZE_MAX : rank_of[a];
            const std::size_t rc = rank_of[c] == 0 ? SIZE_MAX : rank_of[c];
            return ra != rc ? ra < rc : so.alone[a] > so.alone[c];
        });
        for (const std::size_t c : order) {
            auto& v = b.row(r.candidates[c].position);
            place_values(r, r.candidates[c], c, v);
            v[first] = k.kind;
            if (const std::size_t rank = rank_of[c]; rank > 0) {
                v[first + 1] = integer(static_cast<std::int64_t>(rank));
                v[first + 2] = so.result.gain[rank - 1];
                v[first + 3] = so.cumulative[rank - 1];
                v[first + 4] = so.uncovered_need > 0 ? so.cumulative[rank - 1] / so.uncovered_need : 0.0;
                v[first + 5] = so.district_gains[rank - 1];
            }
            v[first + 6] = so.alone[c];
            v[first + 7] = so.result.method_note;
        }
    }
    if (!any)  // candidates without a ranking: listed once
        for (std::size_t c = 0; c < nc; ++c) place_values(r, r.candidates[c], c, b.row(r.candidates[c].position));
    return b.take();
}

geo::Layer service_areas_layer(const Results& r) {
    Builder b(s::kServiceAreas, r.crs, geo::GeometryKind::Polygons);
    b.add(s::kServiceAreaFields);
    for (const KindResult& k : r.kinds) {
        auto& v = b.row(k.service_area);
        v = {k.kind, r.info.threshold_min, r.info.walk_speed_kmh, k.service_area_km2};
    }
    return b.take();
}

/// The run summary, one item a row.
class Summary {
public:
    Summary() : m_builder(s::kSummary, geo::Crs(), geo::GeometryKind::None) { m_builder.add(s::kSummaryFields); }
    void text(std::string section, std::string key, std::string label, std::string value) {
        m_builder.row() = {std::move(section), std::move(key), std::move(label), std::move(value), geo::Value()};
    }
    void number(std::string section, std::string key, std::string label, double value, std::string shown = {}) {
        if (shown.empty()) shown = fmt::format("{}", value);
        m_builder.row() = {std::move(section), std::move(key), std::move(label), std::move(shown), geo::Value(value)};
    }
    geo::Layer take() { return m_builder.take(); }

private:
    Builder m_builder;
};

/// What a siting model's objective counts.
std::string_view objective_words(std::string_view siting) {
    if (siting == "p-median") return "need-weighted minutes saved";
    if (siting == "capacitated") return "need newly served within capacities";
    if (siting == "backup") return "need newly within reach, counted up to twice";
    return "need newly covered";
}

geo::Layer summary_layer(const Results& r) {
    const RunInfo& i = r.info;
    Summary s;
    s.number("run", "schema_version", "results schema version", s::kVersion);
    s.text("run", "project", "project", i.project);
    s.text("run", "project_file", "project file", i.project_file);
    s.text("run", "needmap_version", "needmap", i.needmap_version);
    s.text("run", "mode", "mode", i.mode);
    s.text("run", "crs", "CRS", i.crs_reason);
    if (i.approximate_districts)
        s.number("run", "approximate_districts", "districts drawn from centre points (approximate)", 1);
    if (!i.scenario.empty() || !i.modifications.empty()) s.text("scenario", "name", "scenario", i.scenario);
    for (const auto& m : i.modifications) s.text("scenario", "modification", "modification", m);
    for (const auto& [k, v] : i.inputs) s.text("input", k, k, v);
    s.number("parameter", "threshold_min", "threshold (min)", i.threshold_min);
    s.number("parameter", "walk_speed_kmh", "walking speed (km/h)", i.walk_speed_kmh);
    s.number("parameter", "max_snap_m", "max snap distance (m)", i.max_snap_m);
    s.number("parameter", "new_sites", "new sites per kind", static_cast<double>(i.new_sites));
    s.number("parameter", "limit_min", "travel times computed up to (min)", i.limit_min);
    if (i.slopes) s.number("parameter", "slopes", "walking slower uphill, from an elevation model (Tobler)", 1);
    if (i.transit) {
        s.text("parameter", "departure", i.arrive_by ? "arrive by" : "departure", i.departure);
        if (i.arrive_by) s.number("parameter", "arrive_by", "times count from the latest departure that arrives by then", 1);
        s.number("parameter", "window_min", "window (min)", i.window_min);
        s.number("parameter", "percentile", "percentile", i.percentile);
        s.number("parameter", "max_walk_to_stop_m", "max walk to a stop (m)", i.max_walk_to_stop_m);
        s.number("parameter", "max_rides", "max rides", i.max_rides);
    }
    s.text("parameter", "decay", "graded access (E2SFCA): weight by time", i.decay);
    for (const int c : i.cutoffs_min)
        s.number("parameter", "cutoff_min", "cumulative opportunities: places within (min)", c);
    s.text("parameter", "siting", "how new sites are chosen (mclp: most need by new_sites; lscp: fewest for cover_share)",
           i.siting);
    if (i.siting == "lscp") s.number("parameter", "cover_share", "share of the need to bring within the threshold", i.cover_share);
    for (std::size_t b = 0; b < r.bands.size(); ++b) s.number("model", "band", r.bands[b], static_cast<double>(b), r.bands[b]);
    s.number("model", "elderly_band", "band of older people", static_cast<double>(r.elderly_band),
             r.bands.empty() ? "" : r.bands[r.elderly_band]);
    for (std::size_t n = 0; n < r.needs.size(); ++n) s.number("model", "need", r.needs[n], static_cast<double>(n), r.needs[n]);
    for (std::size_t k = 0; k < r.kinds.size(); ++k) {
        const KindResult& kind = r.kinds[k];
        s.number("model", "kind", kind.kind, static_cast<double>(k), kind.kind);
        s.text("model", "need:" + kind.kind, kind.kind + ": need it serves", kind.need);
        s.number("model", "food_store:" + kind.kind, kind.kind + ": food store", kind.food_store ? 1 : 0);
    }
    s.number("count", "districts", "districts", static_cast<double>(r.districts.size()));
    s.number("count", "demand_points", "demand points", static_cast<double>(r.points.size()));
    s.number("count", "places", "places", static_cast<double>(r.places.size()));
    s.number("count", "candidates", "candidates", static_cast<double>(r.candidates.size()));
    for (const KindResult& k : r.kinds) {
        if (!k.siting) continue;
        const auto& so = *k.siting;
        s.text("siting", "method:" + k.kind, k.kind, so.result.method_note);
        s.number("siting", "exact:" + k.kind, k.kind + ": solved exactly (ILP)", so.result.method == siting::Method::Ilp ? 1 : 0);
        s.number("siting", "optimal:" + k.kind, k.kind + ": proven optimal", so.result.optimal ? 1 : 0);
        s.number("siting", "uncovered_need:" + k.kind, k.kind + ": need no place covers", so.uncovered_need,
                 fmt::format("{:.1f}", so.uncovered_need));
        s.number("siting", "objective:" + k.kind, fmt::format("{}: objective ({})", k.kind, objective_words(r.info.siting)), so.result.objective,
                 fmt::format("{:.1f}", so.result.objective));
        s.number("siting", "bound:" + k.kind, k.kind + ": upper bound", so.result.bound,
                 fmt::format("{:.1f}", so.result.bound));
        s.number("siting", "gap:" + k.kind, k.kind + ": gap", so.result.gap(), fmt::format("{:.2f}%", 100 * so.result.gap()));
    }
    for (std::size_t k = 0; k < r.kinds.size(); ++k) {  // derived from the points: not read back
        const Equity e = equity(r, KindId(static_cast<std::uint32_t>(k)));
        const std::string& kind = r.kinds[k].kind;
        s.number("equity", "gini:" + kind, kind + ": Gini of minutes to the nearest (ジニ係数)", e.gini, fmt::format("{:.3f}", e.gini));
        s.number("equity", "palma:" + kind, kind + ": Palma ratio, farthest 10% over nearest 40% (パルマ比)", e.palma,
                 fmt::format("{:.2f}", e.palma));
        s.number("equity", "fgt0:" + kind, kind + ": share beyond the threshold (FGT 0)", e.fgt0, fmt::format("{:.4f}", e.fgt0));
        s.number("equity", "fgt1:" + kind, kind + ": mean relative excess (FGT 1)", e.fgt1, fmt::format("{:.4f}", e.fgt1));
        s.number("equity", "fgt2:" + kind, kind + ": severity of the excess (FGT 2)", e.fgt2, fmt::format("{:.4f}", e.fgt2));
        for (std::size_t b = 0; b < r.bands.size(); ++b)
            s.number("equity", "beyond:" + kind + ":" + r.bands[b], kind + ": share of " + r.bands[b] + " beyond the threshold",
                     e.beyond_by_band[b], fmt::format("{:.4f}", e.beyond_by_band[b]));
    }
    if (!i.yardstick_note.empty()) s.text("yardstick", "note", "農水省 食料品アクセス困難人口", i.yardstick_note);
    for (const auto& w : i.warnings) s.text("warning", "warning", "", w);
    for (const auto& [stage, seconds] : i.timings)
        s.number("time (s)", stage, stage, seconds, fmt::format("{:.2f}", seconds));
    for (const auto& a : i.attributions) s.text("attribution", "attribution", "", a);
    return s.take();
}

geo::Layer bus_stops_layer(const Results& r) {
    Builder b(s::kBusStops, r.crs, geo::GeometryKind::Points);
    b.add(s::kBusStopFields);
    for (const BusStop& stop : r.bus_stops) {
        auto& v = b.row(stop.position);
        v[0] = stop.id;
        v[1] = stop.name;
    }
    return b.take();
}

geo::Layer bus_routes_layer(const Results& r) {
    Builder b(s::kBusRoutes, r.crs, geo::GeometryKind::Lines);
    b.add(s::kBusRouteFields);
    for (const BusRoute& route : r.bus_routes) {
        auto& v = b.row(route.line);
        v[0] = route.id;
        v[1] = route.name;
        v[2] = integer(static_cast<std::int64_t>(route.trips));
    }
    return b.take();
}

geo::Layer changes_layer(const Results& r, std::span<const Change> changes) {
    Builder b(s::kChanges, geo::Crs(), geo::GeometryKind::None);
    b.add(s::kChangeFields);
    for (const Change& c : changes) {
        const DistrictInfo& d = r.districts[c.district.value()];
        b.row() = {d.id,
                   d.name,
                   r.kinds[c.kind.value()].kind,
                   c.people_before,
                   c.people_after,
                   c.people_after - c.people_before,
                   c.need_before,
                   c.need_after,
                   c.need_after - c.need_before};
    }
    return b.take();
}

// ---- reading ----

geo::Layer read(const std::filesystem::path& path, std::string_view name) {
    geo::ReadOptions options;
    options.layer = std::string(name);
    options.allow_empty = true;
    return geo::read_layer(path, options);
}

/// The most a count in a results file can be: more is a damaged file.
constexpr std::size_t kMaxCount = 1'000'000'000;

/// A small whole number as read from a file, or -1 for what cannot be one (NaN, infinity, huge).
int as_int(double v) {
    return std::isfinite(v) && std::abs(v) < 1e6 ? static_cast<int>(v) : -1;
}

/// Minutes as stored in memory: beyond float's range is infinity (a damaged file), not UB.
float as_float(double v) {
    return std::abs(v) <= std::numeric_limits<float>::max() || std::isnan(v) ? static_cast<float>(v)
                                                                              : std::numeric_limits<float>::infinity();
}

/// Fields of a layer read back by name.
class Reader {
public:
    explicit Reader(const geo::Layer& layer) : m_layer(layer) {}
    [[nodiscard]] std::size_t at(std::string_view name) const { return m_layer.require_field(name); }
    [[nodiscard]] std::size_t at(std::string_view prefix, std::string_view name) const {
        return m_layer.require_field(s::field(prefix, name));
    }
    [[nodiscard]] bool has(std::string_view name) const { return m_layer.field_index(name).has_value(); }
    [[nodiscard]] static double real(const geo::Feature& f, std::size_t field, double null = kInf) {
        return geo::to_double(f.values[field]).value_or(null);
    }
    [[nodiscard]] static std::optional<double> maybe(const geo::Feature& f, std::size_t field) {
        return geo::to_double(f.values[field]);
    }
    [[nodiscard]] static std::string text(const geo::Feature& f, std::size_t field) {
        return geo::to_text(f.values[field]);
    }
    /// A whole number from `min` to `max` (a count, or a place's number): a file that says
    /// otherwise was damaged or edited, and is refused rather than read out of bounds.
    [[nodiscard]] std::size_t whole(const geo::Feature& f, std::string_view name, std::size_t min,
                                    std::size_t max) const {
        const double v = real(f, at(name), 0);
        if (!(v >= static_cast<double>(min) && v <= static_cast<double>(max) && v == std::floor(v)))
            throw geo::InputError(fmt::format("{}: layer {} feature {}: {} = {} is not a whole number from {} to {}; "
                                              "the file is damaged or was edited: run needmap run again",
                                              m_layer.source, m_layer.name, f.fid, name, v, min, max));
        return static_cast<std::size_t>(v);
    }

private:
    const geo::Layer& m_layer;
};

/// A run_summary row: section, key, value, number.
using SummaryRow = std::tuple<std::string, std::string, std::string, std::optional<double>>;

PlaceInfo read_place(const Reader& in, const geo::Feature& f, const Results& r) {
    PlaceInfo p;
    p.id = Reader::text(f, in.at("id"));
    p.kind = Reader::text(f, in.at("kind"));
    p.name = Reader::text(f, in.at("name"));
    p.capacity = Reader::real(f, in.at("capacity"), 0);
    if (const auto d = r.find_district(Reader::text(f, in.at("district_id"))); d && !geo::is_null(f.values[in.at("district_id")]))
        p.district = d;
    p.food_store = Reader::real(f, in.at("food_store"), 0) != 0;
    p.added = Reader::real(f, in.at("added"), 0) != 0;
    const std::string snap = Reader::text(f, in.at("snap"));
    p.snap = snap == "ok" ? network::SnapStatus::Ok : snap == "island" ? network::SnapStatus::Island : network::SnapStatus::TooFar;
    p.snap_m = Reader::maybe(f, in.at("snap_m"));
    p.address = Reader::text(f, in.at("address"));
    p.days = Reader::text(f, in.at("days"));
    p.hours = Reader::text(f, in.at("hours"));
    if (const auto* pt = std::get_if<geo::Point>(&f.geometry)) p.position = *pt;
    return p;
}

}  // namespace

void write_results(const Results& r, const std::filesystem::path& path, std::span<const Change> changes) {
    std::vector<geo::Layer> layers;
    layers.push_back(districts_layer(r));
    layers.push_back(points_layer(r));
    layers.push_back(places_layer(r));
    layers.push_back(candidates_layer(r));
    layers.push_back(service_areas_layer(r));
    if (r.info.transit) {
        layers.push_back(bus_stops_layer(r));
        layers.push_back(bus_routes_layer(r));
    }
    if (!changes.empty()) layers.push_back(changes_layer(r, changes));
    layers.push_back(summary_layer(r));
    // QGIS shows each field by its Japanese label (the GeoPackage's field alias).
    const s::RunNames names = run_names(r);
    for (geo::Layer& layer : layers) {
        const std::vector<s::NamedField> named = s::layer_fields(layer.name, names);
        for (geo::Field& field : layer.fields) {
            const auto it =
                std::find_if(named.begin(), named.end(), [&](const auto& n) { return n.name == field.name; });
            assert(it != named.end() && "every field of a results layer is in the schema");
            if (it != named.end()) field.alias = it->label;
        }
    }
    // QGIS opens the districts shaded as needmap's viewer shows them, one style per kind.
    geo::WriteOptions write;
    for (const KindResult& k : r.kinds)
        write.styles.push_back({std::string(s::kDistricts), k.kind + " gap",
                                fmt::format("{}：{}分を超える高齢者の割合 / share of older people beyond {} min (needmap)",
                                            k.kind, r.info.threshold_min, r.info.threshold_min),
                                districts_gap_qml(s::field(k.kind, "gap_share"), "name"), write.styles.empty()});
    // Every other layer looks as in needmap's map too: points by minutes to the nearest place of
    // each kind, places by kind, the ranked sites numbered, service areas translucent.
    std::vector<std::string> kinds;
    for (const KindResult& k : r.kinds) kinds.push_back(k.kind);
    for (const KindResult& k : r.kinds)
        write.styles.push_back({std::string(s::kPoints), k.kind + " minutes",
                                fmt::format("{}：最寄りまでの分数 / minutes to the nearest (needmap)", k.kind),
                                points_minutes_qml(s::field(k.kind, "minutes"), r.info.threshold_min),
                                k.kind == r.kinds.front().kind});
    write.styles.push_back({std::string(s::kPlaces), "places by kind", "種類別の資源と名称 / places by kind, named (needmap)",
                            places_qml("kind", kinds, "name"), true});
    write.styles.push_back({std::string(s::kCandidates), "ranked sites", "新しい拠点の候補（順位） / ranked new sites numbered (needmap)",
                            candidates_qml("rank"), true});
    write.styles.push_back({std::string(s::kServiceAreas), "service areas", "徒歩で基準時間以内の範囲 / within the threshold on foot (needmap)",
                            service_areas_qml("kind", kinds), true});
    std::erase_if(write.styles, [&](const geo::LayerStyle& style) {  // styles only for the layers written
        return std::none_of(layers.begin(), layers.end(), [&](const geo::Layer& l) { return l.name == style.layer; });
    });
    geo::write_layers(path, layers, write);
}

schema::RunNames run_names(const Results& r) {
    schema::RunNames names{r.bands, r.needs, {}, r.info.threshold_min, r.info.cutoffs_min};
    for (const KindResult& k : r.kinds) names.kinds.push_back(k.kind);
    return names;
}

std::optional<schema::RunNames> read_run_names(const std::filesystem::path& path) {
    const auto layers = geo::list_layers(path);
    if (std::find(layers.begin(), layers.end(), s::kSummary) == layers.end()) return std::nullopt;
    const geo::Layer summary = read(path, s::kSummary);
    const Reader in(summary);
    if (!in.has("section") || !in.has("key") || !in.has("value") || !in.has("number")) return std::nullopt;
    schema::RunNames names;
    std::optional<double> version;
    for (const auto& f : summary.features) {
        const std::string section = Reader::text(f, in.at("section"));
        const std::string key = Reader::text(f, in.at("key"));
        if (section == "run" && key == "schema_version") version = Reader::maybe(f, in.at("number"));
        if (section == "parameter" && key == "threshold_min")
            names.threshold_min = Reader::real(f, in.at("number"), names.threshold_min);
        if (section == "parameter" && key == "cutoff_min")
            names.cutoffs_min.push_back(static_cast<int>(Reader::real(f, in.at("number"), 0)));
        if (section != "model") continue;
        const std::string value = Reader::text(f, in.at("value"));
        if (key == "band") names.bands.push_back(value);
        if (key == "need") names.needs.push_back(value);
        if (key == "kind") names.kinds.push_back(value);
    }
    if (version != s::kVersion) return std::nullopt;
    return names;
}

Results read_results(const std::filesystem::path& path) {
    const auto names = geo::list_layers(path);
    for (const std::string_view needed : {s::kDistricts, s::kSummary})
        if (std::find(names.begin(), names.end(), needed) == names.end())
            throw geo::InputError(fmt::format("{}: has no {} layer; is it the output of needmap run?", path.string(), needed));
    Results r;
    std::vector<SummaryRow> summary;
    {
        const geo::Layer layer = read(path, s::kSummary);
        const Reader in(layer);
        if (!in.has("key") || !in.has("number"))
            throw geo::InputError(fmt::format(
                "{}: results of schema version 1 (needmap 0.1.0); this needmap reads version {}: run needmap run "
                "again to rebuild them",
                path.string(), s::kVersion));
        for (const auto& f : layer.features)
            summary.emplace_back(Reader::text(f, in.at("section")), Reader::text(f, in.at("key")),
                                      Reader::text(f, in.at("value")), Reader::maybe(f, in.at("number")));
    }
    auto first = [&](std::string_view key) -> const SummaryRow* {
        for (const auto& row : summary)
            if (std::get<1>(row) == key) return &row;
        return nullptr;
    };
    auto num = [&](std::string_view key, double fallback = 0) {
        const auto* row = first(key);
        return row != nullptr && std::get<3>(*row) ? *std::get<3>(*row) : fallback;
    };
    auto txt = [&](std::string_view key) {
        const auto* row = first(key);
        return row != nullptr ? std::get<2>(*row) : std::string();
    };
    const int version = as_int(num("schema_version", 1));
    if (version != s::kVersion)
        throw geo::InputError(fmt::format("{}: results of schema version {}; this needmap reads version {}: run "
                                          "needmap run again to rebuild them",
                                          path.string(), version, s::kVersion));
    RunInfo& i = r.info;
    i.project = txt("project");
    i.project_file = txt("project_file");
    i.needmap_version = txt("needmap_version");
    i.mode = txt("mode");
    i.crs_reason = txt("crs");
    i.approximate_districts = num("approximate_districts", 0) != 0;
    i.scenario = txt("name");
    i.threshold_min = num("threshold_min", 30);
    i.walk_speed_kmh = num("walk_speed_kmh", 3);
    i.max_snap_m = num("max_snap_m", 500);
    const double sites = num("new_sites");
    i.new_sites = sites >= 0 && sites <= 1000 ? static_cast<std::size_t>(sites) : 0;  // as the project allows
    i.limit_min = num("limit_min", 60);
    i.transit = first("window_min") != nullptr;
    i.departure = txt("departure");
    i.arrive_by = num("arrive_by", 0) != 0;
    i.slopes = num("slopes", 0) != 0;
    i.decay = txt("decay");
    i.siting = txt("siting").empty() ? "mclp" : txt("siting");
    i.cover_share = num("cover_share", 0);
    i.window_min = as_int(num("window_min"));
    i.percentile = as_int(num("percentile"));
    i.max_walk_to_stop_m = num("max_walk_to_stop_m");
    i.max_rides = as_int(num("max_rides"));
    i.yardstick_note = txt("note");
    std::vector<std::string> kinds;
    for (const auto& [section, key, value, number] : summary) {
        if (section == "scenario" && key == "modification") i.modifications.push_back(value);
        if (section == "input") i.inputs.emplace_back(key, value);
        if (section == "warning") i.warnings.push_back(value);
        if (section == "time (s)") i.timings.emplace_back(key, number.value_or(0));
        if (section == "parameter" && key == "cutoff_min") {
            const int c = as_int(number.value_or(0));
            if (c < 1 || c > 240 || (!i.cutoffs_min.empty() && c <= i.cutoffs_min.back()))
                throw geo::InputError(fmt::format("{}: run_summary: cut-off \"{}\" is not a rising number of minutes "
                                                  "(1 to 240)", path.string(), value));
            i.cutoffs_min.push_back(c);
        }
        if (section == "attribution") i.attributions.push_back(value);
        if (section == "model" && key == "band") r.bands.push_back(value);
        if (section == "model" && key == "need") r.needs.push_back(value);
        if (section == "model" && key == "kind") kinds.push_back(value);
    }
    const double elderly = num("elderly_band");
    if (!r.bands.empty() && !(elderly >= 0 && elderly < static_cast<double>(r.bands.size()) && elderly == std::floor(elderly)))
        throw geo::InputError(fmt::format("{}: run_summary: elderly_band = {} names no band (there are {}); the file is "
                                          "damaged or was edited: run needmap run again",
                                          path.string(), elderly, r.bands.size()));
    r.elderly_band = r.bands.empty() ? 0 : static_cast<std::size_t>(elderly);

    const geo::Layer districts = read(path, s::kDistricts);
    r.crs = districts.crs;
    {
        const Reader in(districts);
        for (const auto& f : districts.features) {
            DistrictInfo d;
            d.id = Reader::text(f, in.at("id"));
            d.name = Reader::text(f, in.at("name"));
            if (const auto* mp = std::get_if<geo::MultiPolygon>(&f.geometry)) d.geometry = *mp;
            for (const auto& band : r.bands) d.people.push_back(Reader::real(f, in.at(band), 0));
            d.points = in.whole(f, "points", 0, kMaxCount);
            d.respondents = Reader::maybe(f, in.at("respondents"));
            if (const auto small = Reader::maybe(f, in.at("small_sample"))) d.small_sample = *small != 0;
            for (const auto& need : r.needs) {
                const auto rate = Reader::maybe(f, in.at(need, "rate"));
                if (rate)
                    d.rates.push_back(NeedRate{*rate, Reader::real(f, in.at(need, "low")),
                                               Reader::real(f, in.at(need, "high")), Reader::real(f, in.at(need, "n"))});
                else
                    d.rates.emplace_back();
                d.need_weights.push_back(Reader::maybe(f, in.at(need, "weight")));
            }
            if (in.has("maff_people65"))
                if (const auto p65 = Reader::maybe(f, in.at("maff_people65")))
                    d.yardstick = Yardstick{*p65, Reader::real(f, in.at("maff_far500"), 0),
                                            Reader::real(f, in.at("maff_no_car_share"), 0)};
            r.districts.push_back(std::move(d));
        }
    }
    if (std::find(names.begin(), names.end(), s::kPlaces) != names.end()) {
        const geo::Layer places = read(path, s::kPlaces);
        const Reader in(places);
        for (const auto& f : places.features) r.places.push_back(read_place(in, f, r));
    }
    const geo::Layer candidates = std::find(names.begin(), names.end(), s::kCandidates) != names.end()
                                      ? read(path, s::kCandidates)
                                      : geo::Layer();
    if (!candidates.fields.empty()) {
        const Reader in(candidates);
        for (const auto& f : candidates.features) {
            const std::size_t no = in.whole(f, "no", 1, candidates.features.size());
            if (r.candidates.size() < no) r.candidates.resize(no);
            r.candidates[no - 1] = read_place(in, f, r);
        }
    }

    const geo::Layer points = read(path, s::kPoints);
    const Reader pin(points);
    for (const auto& f : points.features) {
        PointInfo p;
        p.id = Reader::text(f, pin.at("id"));
        p.unit_id = Reader::text(f, pin.at("unit_id"));
        p.district = r.find_district(Reader::text(f, pin.at("district_id"))).value_or(DistrictId(0));
        if (const auto* pt = std::get_if<geo::Point>(&f.geometry)) p.position = *pt;
        p.share = Reader::real(f, pin.at("share"), 0);
        for (const auto& band : r.bands) p.people.push_back(Reader::real(f, pin.at(band), 0));
        for (const auto& need : r.needs) p.weights.push_back(Reader::maybe(f, pin.at(need, "weight")));
        r.points.push_back(std::move(p));
    }

    const Reader din(districts);
    for (const auto& name : kinds) {
        KindResult k;
        k.kind = name;
        k.need = txt("need:" + name);
        k.food_store = num("food_store:" + name) != 0;
        k.access.kind = name;
        k.access.need = k.need;
        for (std::size_t n = 0; n < r.needs.size(); ++n)
            if (r.needs[n] == k.need) k.access.need_index = n;
        for (std::size_t j = 0; j < r.places.size(); ++j)
            if (r.places[j].kind == name) k.access.sites.push_back(j);
        const bool walk = pin.has(s::field(name, "walk_minutes"));
        if (walk) k.walk_access = k.access;
        for (const auto& f : points.features) {
            k.access.nearest_min.push_back(as_float(Reader::real(f, pin.at(name, "minutes"))));
            k.access.within.push_back(static_cast<std::uint32_t>(pin.whole(f, s::field(name, "within"), 0, kMaxCount)));
            k.access.covered.push_back(static_cast<std::uint8_t>(Reader::real(f, pin.at(name, "covered"), 0) != 0));
            k.access.sfca.push_back(Reader::real(f, pin.at(name, "2sfca"), 0));
            k.access.weighted.push_back(Reader::real(f, pin.at(name, "weighted"), 0));
            k.access.e2sfca.push_back(Reader::real(f, pin.at(name, "e2sfca"), 0));
            k.access.within_cutoff.resize(r.info.cutoffs_min.size());
            for (std::size_t c = 0; c < r.info.cutoffs_min.size(); ++c)
                k.access.within_cutoff[c].push_back(static_cast<std::uint32_t>(
                    pin.whole(f, s::field(name, s::within_field(r.info.cutoffs_min[c])), 0, kMaxCount)));
            if (walk) {
                k.walk_access->nearest_min.push_back(as_float(Reader::real(f, pin.at(name, "walk_minutes"))));
                k.walk_access->covered.push_back(static_cast<std::uint8_t>(Reader::real(f, pin.at(name, "walk_covered"), 0) != 0));
                k.walk_access->within.push_back(0);
                k.walk_access->sfca.push_back(0);
                k.walk_access->weighted.push_back(0);
                k.walk_access->e2sfca.push_back(0);
            }
        }
        for (std::size_t d = 0; d < districts.features.size(); ++d) {
            const auto& f = districts.features[d];
            DistrictKindAccess a;
            a.elderly = r.districts[d].people.empty() ? 0 : r.districts[d].people[r.elderly_band];
            a.need = Reader::real(f, din.at(name, "need"), 0);
            a.uncovered_people = Reader::real(f, din.at(name, "gap_people"), 0);
            a.uncovered_need = Reader::real(f, din.at(name, "gap_need"), 0);
            a.median_min = Reader::real(f, din.at(name, "minutes_median"));
            a.p90_min = Reader::real(f, din.at(name, "minutes_p90"));
            a.resources_inside = din.whole(f, s::field(name, "inside"), 0, kMaxCount);
            a.sfca_per_1000 = Reader::real(f, din.at(name, "2sfca_per_1000"), 0);
            a.e2sfca_per_1000 = Reader::real(f, din.at(name, "e2sfca_per_1000"), 0);
            for (const int c : r.info.cutoffs_min)
                a.reach_share.push_back(Reader::real(f, din.at(name, s::reach_field(c)), 0));
            k.districts.push_back(a);
            if (walk) {
                DistrictKindAccess w = a;
                w.uncovered_people = Reader::real(f, din.at(name, "walk_gap_people"), 0);
                w.uncovered_need = Reader::real(f, din.at(name, "walk_gap_need"), 0);
                w.median_min = Reader::real(f, din.at(name, "walk_minutes_median"));
                w.p90_min = Reader::real(f, din.at(name, "walk_minutes_p90"));
                k.walk_districts.push_back(w);
            }
        }
        if (first("method:" + name) != nullptr && !candidates.fields.empty()) {
            SitingOutcome so;
            so.result.method_note = txt("method:" + name);
            so.result.method = num("exact:" + name) != 0 ? siting::Method::Ilp : siting::Method::Greedy;
            so.result.optimal = num("optimal:" + name) != 0;
            so.result.objective = num("objective:" + name);
            so.result.bound = num("bound:" + name);
            so.uncovered_need = num("uncovered_need:" + name);
            so.alone.assign(r.candidates.size(), 0);
            const Reader in(candidates);
            std::vector<std::pair<std::int64_t, const geo::Feature*>> ranked;
            for (const auto& f : candidates.features) {
                if (Reader::text(f, in.at("for_kind")) != name) continue;
                const std::size_t no = in.whole(f, "no", 1, r.candidates.size());
                so.alone[no - 1] = Reader::real(f, in.at("alone_need"), 0);
                if (const auto rank = Reader::maybe(f, in.at("rank"))) ranked.emplace_back(static_cast<std::int64_t>(*rank), &f);
            }
            std::sort(ranked.begin(), ranked.end());
            for (const auto& [rank, f] : ranked) {
                so.result.chosen.push_back(static_cast<std::uint32_t>(in.whole(*f, "no", 1, r.candidates.size()) - 1));
                so.result.gain.push_back(Reader::real(*f, in.at("new_need"), 0));
                so.cumulative.push_back(Reader::real(*f, in.at("cumulative_need"), 0));
                so.district_gains.push_back(Reader::text(*f, in.at("districts_gain")));
            }
            k.siting = std::move(so);
        }
        r.kinds.push_back(std::move(k));
    }
    if (std::find(names.begin(), names.end(), s::kBusStops) != names.end()) {
        const geo::Layer stops = read(path, s::kBusStops);
        const Reader in(stops);
        for (const auto& f : stops.features)
            if (const auto* pt = std::get_if<geo::Point>(&f.geometry))
                r.bus_stops.push_back({Reader::text(f, in.at("id")), Reader::text(f, in.at("name")), *pt});
    }
    if (std::find(names.begin(), names.end(), s::kBusRoutes) != names.end()) {
        const geo::Layer routes = read(path, s::kBusRoutes);
        const Reader in(routes);
        for (const auto& f : routes.features)
            if (const auto* line = std::get_if<geo::MultiLineString>(&f.geometry))
                r.bus_routes.push_back({Reader::text(f, in.at("id")), Reader::text(f, in.at("name")), *line,
                                        in.whole(f, "trips", 0, kMaxCount)});
    }
    if (std::find(names.begin(), names.end(), s::kServiceAreas) != names.end()) {
        const geo::Layer areas = read(path, s::kServiceAreas);
        const Reader in(areas);
        for (const auto& f : areas.features)
            if (const auto k = r.find_kind(Reader::text(f, in.at("kind")))) {
                KindResult& kind = r.kinds[k->value()];
                if (const auto* mp = std::get_if<geo::MultiPolygon>(&f.geometry)) kind.service_area = *mp;
                kind.service_area_km2 = Reader::real(f, in.at("area_km2"), 0);
            }
    }
    return r;
}

}  // namespace needmap::analysis::pipeline
