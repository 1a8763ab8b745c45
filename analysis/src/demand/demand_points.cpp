#include "needmap/analysis/demand/demand_points.hpp"

#include "needmap/geo/error.hpp"
#include "needmap/geo/overlay.hpp"
#include "needmap/geo/spatial_index.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <utility>

namespace needmap::analysis::demand {
namespace {

/// A piece smaller than this share of its unit is a sliver left by boundaries that do not quite
/// meet (simplified district outlines): its people go to the unit's largest piece instead.
constexpr double kSliverShare = 1e-6;

/// Relative tolerance of the totals check.
constexpr double kTotalsTolerance = 1e-9;

void check_total(std::string_view what, double got, double expected) {
    if (std::abs(got - expected) > kTotalsTolerance * std::max(1.0, std::abs(expected)))
        throw std::logic_error(
            fmt::format("demand totals check failed: {} is {} but should be {}", what, got, expected));
}

/// The centroid of unit ∩ district, or nothing when they share no area.
std::optional<geo::Point> piece_centroid(const geo::MultiPolygon& unit, const geo::MultiPolygon& district) {
    geo::MultiPolygon piece = geo::intersection(unit, district);
    if (piece.empty() || geo::area(piece) <= 0) return std::nullopt;
    return geo::centroid(geo::Geometry(std::move(piece)));
}

struct Piece {
    std::size_t district = 0;
    double share = 0;
};

/// Rate of each need in each district, where the survey has one.
std::vector<std::vector<std::optional<double>>> rates_of(const SurveyRates* survey, std::size_t districts) {
    std::vector<std::vector<std::optional<double>>> out(districts);
    if (survey == nullptr) return out;
    for (std::size_t d = 0; d < districts; ++d) {
        out[d].resize(survey->needs.size());
        if (!survey->districts[d]) continue;
        for (std::size_t k = 0; k < survey->needs.size(); ++k)
            if (const auto& p = survey->districts[d]->needs[k]) out[d][k] = p->rate;
    }
    return out;
}

std::string people_text(const std::vector<double>& people, const std::vector<std::string>& bands) {
    std::string out;
    for (std::size_t b = 0; b < bands.size(); ++b)
        out += fmt::format("{}{:.1f} {}", b > 0 ? ", " : "", people[b], bands[b]);
    return out;
}

}  // namespace

std::vector<std::string> DemandReport::lines(const std::vector<std::string>& bands) const {
    std::vector<std::string> out;
    out.push_back(
        fmt::format("{} population unit(s): {} split between districts, {} partly and {} wholly outside every "
                    "district, {} without people",
                    units, units_split, units_partly_outside, units_outside, units_without_people));
    if (units_outside + units_partly_outside > 0)
        out.push_back(fmt::format("  people outside every district: {}", people_text(people_outside, bands)));
    if (units_in_overlaps > 0)
        out.push_back(fmt::format("  {} unit(s) lie where districts overlap; their shares were scaled to add up to 1",
                                  units_in_overlaps));
    if (positions_weighted > 0)
        out.push_back(fmt::format("  {} point(s) placed at the centre of a finer layer's people", positions_weighted));
    for (const std::string& note : notes) out.push_back("  " + note);
    return out;
}

DemandModel build_demand_points(const Districts& districts, const Population& population, const SurveyRates* survey,
                                const DemandConfig& config, const Population* finer) {
    if (!population.crs.equivalent_to(districts.crs))
        throw std::invalid_argument(fmt::format("population ({}) is not in the districts' CRS ({})",
                                                population.crs.label(), districts.crs.label()));
    if (finer != nullptr && !finer->crs.equivalent_to(districts.crs))
        throw std::invalid_argument(fmt::format("the finer population ({}) is not in the districts' CRS ({})",
                                                finer->crs.label(), districts.crs.label()));
    if (survey != nullptr && survey->districts.size() != districts.size())
        throw std::invalid_argument("the survey rates were joined to another set of districts");
    const auto elderly = population.band(config.elderly_band);
    if (!elderly) {
        std::string bands;
        for (const auto& b : population.bands) bands += (bands.empty() ? "" : ", ") + b;
        throw geo::InputError(fmt::format("{}: no population band \"{}\" to weight by the survey (bands: {})",
                                          population.source, config.elderly_band, bands));
    }

    const std::size_t nb = population.bands.size();
    const std::size_t nk = survey != nullptr ? survey->needs.size() : 0;
    const auto rates = rates_of(survey, districts.size());

    DemandModel model;
    model.crs = districts.crs;
    model.bands = population.bands;
    model.elderly_band = *elderly;
    if (survey != nullptr) model.needs = survey->needs;
    model.districts.assign(districts.size(), DistrictDemand{std::vector<double>(nb, 0.0), 0, {}});
    DemandReport& report = model.report;
    report.units = population.units.size();
    report.people_outside.assign(nb, 0.0);

    // Pieces of every polygon unit, from the areas it shares with the districts.
    std::vector<std::size_t> polygon_units;
    std::vector<geo::MultiPolygon> unit_polygons;
    for (std::size_t u = 0; u < population.units.size(); ++u) {
        if (const auto* mp = std::get_if<geo::MultiPolygon>(&population.units[u].geometry)) {
            polygon_units.push_back(u);
            unit_polygons.push_back(*mp);
        }
    }
    const std::vector<geo::MultiPolygon> district_polygons = districts.polygons();
    std::vector<std::vector<Piece>> pieces(population.units.size());
    std::vector<double> outside_share(population.units.size(), 1.0);
    {
        std::vector<double> unit_area(unit_polygons.size());
        for (std::size_t i = 0; i < unit_polygons.size(); ++i) unit_area[i] = geo::area(unit_polygons[i]);
        std::vector<double> covered(unit_polygons.size(), 0.0);
        const auto overlaps = geo::intersection_areas(unit_polygons, district_polygons);
        for (const geo::Overlap& o : overlaps) covered[o.a] += o.area;
        for (const geo::Overlap& o : overlaps)
            pieces[polygon_units[o.a]].push_back({o.b, o.area / std::max(unit_area[o.a], covered[o.a])});
        for (std::size_t i = 0; i < unit_polygons.size(); ++i)
            if (covered[i] > unit_area[i] * (1 + 1e-9)) ++report.units_in_overlaps;
    }
    // Point units, and polygons without area, go to the district that contains them.
    const geo::PolygonIndex district_index(district_polygons);
    for (std::size_t u = 0; u < population.units.size(); ++u) {
        const auto* mp = std::get_if<geo::MultiPolygon>(&population.units[u].geometry);
        if (mp != nullptr && geo::area(*mp) > 0) continue;
        const auto at = geo::centroid(population.units[u].geometry);
        if (!at) continue;
        const auto covering = district_index.covering(*at);
        if (!covering.empty()) pieces[u].push_back({covering.front(), 1.0});
        if (covering.size() > 1) ++report.units_in_overlaps;
    }

    // Slivers join the unit's largest piece; whatever the pieces do not cover is outside.
    std::size_t slivers = 0;
    for (std::size_t u = 0; u < pieces.size(); ++u) {
        auto& ps = pieces[u];
        if (ps.empty()) continue;
        const auto largest =
            std::max_element(ps.begin(), ps.end(), [](const Piece& a, const Piece& b) { return a.share < b.share; });
        const std::size_t keep = static_cast<std::size_t>(largest - ps.begin());
        double moved = 0;
        for (std::size_t i = 0; i < ps.size(); ++i)
            if (i != keep && ps[i].share < kSliverShare) moved += ps[i].share;
        ps[keep].share += moved;
        const Piece kept = ps[keep];
        const std::size_t before = ps.size();
        std::erase_if(ps, [&](const Piece& p) { return p.share < kSliverShare && p.district != kept.district; });
        slivers += before - ps.size();
        double total = 0;
        for (const Piece& p : ps) total += p.share;
        outside_share[u] = std::max(0.0, 1.0 - total);
    }
    if (slivers > 0)
        report.notes.push_back(fmt::format(
            "{} sliver piece(s) (under {} of their unit) joined their unit's largest piece", slivers, kSliverShare));

    // Where a finer layer's people are, per (unit, district) piece.
    struct WeightedCentre {
        double x = 0, y = 0, w = 0;
    };
    std::map<std::pair<std::size_t, std::size_t>, WeightedCentre> finer_centres;
    if (finer != nullptr) {
        const std::size_t fb = finer->band(config.elderly_band).value_or(0);
        const geo::PolygonIndex unit_index(unit_polygons);
        for (const PopulationUnit& f : finer->units) {
            const auto at = geo::centroid(f.geometry);
            const double w = f.people[fb];
            if (!at || w <= 0) continue;
            const auto i = unit_index.locate(*at);
            const auto d = district_index.locate(*at);
            if (!i || !d) continue;
            WeightedCentre& c = finer_centres[{polygon_units[*i], *d}];
            c.x += w * at->x;
            c.y += w * at->y;
            c.w += w;
        }
    }

    std::size_t fallback_centroids = 0;
    for (std::size_t u = 0; u < population.units.size(); ++u) {
        const PopulationUnit& unit = population.units[u];
        if (std::all_of(unit.people.begin(), unit.people.end(), [](double p) { return p == 0; })) {
            ++report.units_without_people;
            continue;
        }
        const auto& ps = pieces[u];
        if (ps.empty())
            ++report.units_outside;
        else if (outside_share[u] > kSliverShare)
            ++report.units_partly_outside;
        if (ps.size() > 1) ++report.units_split;
        for (std::size_t b = 0; b < nb; ++b) report.people_outside[b] += unit.people[b] * outside_share[u];

        for (const Piece& piece : ps) {
            DemandPoint point;
            point.unit_id = unit.id;
            point.id = ps.size() > 1 ? fmt::format("{}@{}", unit.id, districts[piece.district].id) : unit.id;
            point.district = piece.district;
            point.share = piece.share;
            for (std::size_t b = 0; b < nb; ++b) point.people.push_back(unit.people[b] * piece.share);

            const auto* mp = std::get_if<geo::MultiPolygon>(&unit.geometry);
            std::optional<geo::Point> at;
            if (const auto it = finer_centres.find({u, piece.district}); it != finer_centres.end()) {
                at = geo::Point{it->second.x / it->second.w, it->second.y / it->second.w};
                ++report.positions_weighted;
            } else if (mp != nullptr && piece.share < 1 - kSliverShare) {
                at = piece_centroid(*mp, districts[piece.district].geometry);
                if (!at) ++fallback_centroids;
            }
            point.position = at ? *at : *geo::centroid(unit.geometry);

            for (std::size_t k = 0; k < nk; ++k) {
                if (rates[piece.district][k])
                    point.weights.emplace_back(point.people[*elderly] * *rates[piece.district][k]);
                else
                    point.weights.emplace_back();
            }
            DistrictDemand& dd = model.districts[piece.district];
            for (std::size_t b = 0; b < nb; ++b) dd.people[b] += unit.people[b] * piece.share;
            ++dd.points;
            model.points.push_back(std::move(point));
        }
    }
    if (fallback_centroids > 0)
        report.notes.push_back(fmt::format("{} piece(s) placed at their unit's centroid: their shape could not be cut",
                                           fallback_centroids));
    for (std::size_t d = 0; d < districts.size(); ++d)
        for (std::size_t k = 0; k < nk; ++k) {
            if (rates[d][k])
                model.districts[d].weights.emplace_back(model.districts[d].people[*elderly] * *rates[d][k]);
            else
                model.districts[d].weights.emplace_back();
        }

    // The totals check: points against districts, districts and outside against the population.
    const std::vector<double> population_totals = population.totals();
    for (std::size_t b = 0; b < nb; ++b) {
        double on_points = 0, in_districts = 0;
        for (const DemandPoint& p : model.points) on_points += p.people[b];
        for (const DistrictDemand& d : model.districts) in_districts += d.people[b];
        check_total(fmt::format("{} over the points", model.bands[b]), on_points, in_districts);
        check_total(fmt::format("{} in districts plus outside", model.bands[b]),
                    in_districts + report.people_outside[b], population_totals[b]);
    }
    for (std::size_t k = 0; k < nk; ++k) {
        double on_points = 0, in_districts = 0;
        for (const DemandPoint& p : model.points) on_points += p.weights[k].value_or(0.0);
        for (const DistrictDemand& d : model.districts) in_districts += d.weights[k].value_or(0.0);
        check_total(fmt::format("the {} weight over the points", model.needs[k]), on_points, in_districts);
    }
    return model;
}

geo::Layer demand_points_layer(const DemandModel& model, const Districts& districts) {
    geo::Layer layer;
    layer.name = "demand_points";
    layer.source = "demand model";
    layer.crs = model.crs;
    layer.geometry_kind = geo::GeometryKind::Points;
    layer.fields = {{"id", geo::FieldType::String},
                    {"unit_id", geo::FieldType::String},
                    {"district_id", geo::FieldType::String},
                    {"district", geo::FieldType::String},
                    {"share", geo::FieldType::Real}};
    for (const auto& b : model.bands) layer.fields.push_back({b, geo::FieldType::Real});
    for (const auto& k : model.needs) layer.fields.push_back({k + "_weight", geo::FieldType::Real});
    std::int64_t fid = 0;
    for (const DemandPoint& p : model.points) {
        geo::Feature f;
        f.fid = fid++;
        f.geometry = p.position;
        // One by one: an initializer list of variants trips GCC 12's -Wmaybe-uninitialized at -O3.
        f.values.reserve(layer.fields.size());
        f.values.emplace_back(p.id);
        f.values.emplace_back(p.unit_id);
        f.values.emplace_back(districts[p.district].id);
        f.values.emplace_back(districts[p.district].name);
        f.values.emplace_back(p.share);
        for (const double v : p.people) f.values.emplace_back(v);
        for (const auto& w : p.weights) {
            if (w)
                f.values.emplace_back(*w);
            else
                f.values.emplace_back();
        }
        layer.features.push_back(std::move(f));
    }
    return layer;
}

geo::Layer district_demand_layer(const DemandModel& model, const Districts& districts, const SurveyRates* survey) {
    geo::Layer layer;
    layer.name = "district_demand";
    layer.source = "demand model";
    layer.crs = model.crs;
    layer.geometry_kind = geo::GeometryKind::Polygons;
    layer.fields = {{"id", geo::FieldType::String}, {"name", geo::FieldType::String}};
    for (const auto& b : model.bands) layer.fields.push_back({b, geo::FieldType::Real});
    layer.fields.push_back({"points", geo::FieldType::Integer});
    layer.fields.push_back({"respondents", geo::FieldType::Real});
    layer.fields.push_back({"small_sample", geo::FieldType::Integer});
    for (const auto& k : model.needs)
        for (const char* suffix : {"_rate", "_low", "_high", "_n", "_weight"})
            layer.fields.push_back({k + suffix, geo::FieldType::Real});
    for (std::size_t d = 0; d < districts.size(); ++d) {
        const DistrictDemand& dd = model.districts[d];
        const DistrictNeeds* needs = survey != nullptr && survey->districts[d] ? &*survey->districts[d] : nullptr;
        geo::Feature f;
        f.fid = static_cast<std::int64_t>(d);
        f.geometry = districts[d].geometry;
        f.values.reserve(layer.fields.size());  // one by one: see demand_points_layer
        f.values.emplace_back(districts[d].id);
        f.values.emplace_back(districts[d].name);
        for (const double v : dd.people) f.values.emplace_back(v);
        f.values.emplace_back(static_cast<std::int64_t>(dd.points));
        f.values.push_back(needs != nullptr ? geo::Value(needs->respondents) : geo::Value());
        f.values.push_back(needs != nullptr ? geo::Value(std::int64_t{needs->small_sample ? 1 : 0}) : geo::Value());
        for (std::size_t k = 0; k < model.needs.size(); ++k) {
            const Proportion* p = needs != nullptr && needs->needs[k] ? &*needs->needs[k] : nullptr;
            if (p != nullptr) {
                f.values.insert(f.values.end(), {p->rate, p->ci95.low, p->ci95.high, p->n});
            } else {
                f.values.insert(f.values.end(), 4, geo::Value());
            }
            if (dd.weights[k])
                f.values.emplace_back(*dd.weights[k]);
            else
                f.values.emplace_back();
        }
        layer.features.push_back(std::move(f));
    }
    return layer;
}

}  // namespace needmap::analysis::demand
