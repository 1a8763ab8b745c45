#include "needmap/analysis/pipeline/compute.hpp"

#include "needmap/analysis/network/service_area.hpp"
#include "needmap/analysis/network/walk_matrix.hpp"
#include "needmap/analysis/network/walk_search.hpp"
#include "needmap/analysis/siting/models.hpp"
#include "needmap/analysis/transit/transit_matrix.hpp"
#include "needmap/geo/crs.hpp"
#include "needmap/geo/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iterator>
#include <map>
#include <numeric>

namespace needmap::analysis::pipeline {
namespace {

/// Where a scenario's place gets its travel times: a column of the model's matrices, or a new
/// search towards it.
struct Column {
    std::optional<std::uint32_t> base;  ///< the model's destination index
};

/// The scenario applied: a copy of what it changes, never the model.
struct Applied {
    double threshold_min = 30;
    double walk_speed_kmh = 3;
    std::vector<Site> resources;
    std::vector<Column> columns;  ///< per resource
    std::vector<std::string> dropped_routes;
    std::vector<std::string> dropped_feeds;
};

Applied apply(const Model& model, const Scenario& scenario) {
    Applied a;
    a.threshold_min = model.project.parameters.threshold_min;
    a.walk_speed_kmh = model.project.parameters.walk_speed_kmh;
    a.resources = model.resources;
    for (std::uint32_t j = 0; j < model.resources.size(); ++j) a.columns.push_back({j});
    std::size_t added = 0;
    const auto food_store = [&](const std::string& kind) { return model.project.resource(kind)->food_store; };
    for (const Modification& m : scenario.modifications) {
        if (const auto* add = std::get_if<AddPlace>(&m)) {
            Site s;
            s.id = fmt::format("added-{}", ++added);
            s.kind = add->kind;
            s.name = add->name.empty() ? fmt::format("new {} {}", add->kind, added) : add->name;
            s.capacity = add->capacity;
            s.food_store = food_store(add->kind);
            s.position = geo::Transformer(geo::wgs84(), model.districts.crs)({add->lon, add->lat});
            s.origin = describe(m);
            std::vector<Site> one{s};
            place_sites(one, model.districts, *model.streets, model.project.parameters.max_snap_m);
            a.resources.push_back(std::move(one.front()));
            a.columns.push_back({});
        } else if (const auto* promote = std::get_if<PromoteCandidate>(&m)) {
            const auto c = static_cast<std::uint32_t>(
                std::find_if(model.candidates.begin(), model.candidates.end(),
                             [&](const Site& s) { return s.id == promote->candidate; }) -
                model.candidates.begin());
            Site s = model.candidates[c];
            s.kind = promote->kind;
            s.food_store = food_store(promote->kind);
            s.origin = describe(m);
            a.resources.push_back(std::move(s));
            a.columns.push_back({static_cast<std::uint32_t>(model.resources.size()) + c});
        } else if (const auto* remove = std::get_if<RemovePlace>(&m)) {
            const auto j = static_cast<std::size_t>(
                std::find_if(a.resources.begin(), a.resources.end(),
                             [&](const Site& s) { return s.id == remove->place; }) -
                a.resources.begin());
            a.resources.erase(a.resources.begin() + static_cast<std::ptrdiff_t>(j));
            a.columns.erase(a.columns.begin() + static_cast<std::ptrdiff_t>(j));
        } else if (const auto* route = std::get_if<DropRoute>(&m)) {
            a.dropped_routes.push_back(route->route);
        } else if (const auto* feed = std::get_if<DropFeed>(&m)) {
            a.dropped_feeds.push_back(feed->feed);
        } else if (const auto* t = std::get_if<SetThreshold>(&m)) {
            a.threshold_min = t->minutes;
        } else if (const auto* w = std::get_if<SetWalkSpeed>(&m)) {
            a.walk_speed_kmh = w->kmh;
        }
    }
    return a;
}

/// A new column's times: (origin, seconds), sorted by origin.
using NewColumn = std::vector<network::TimeTo>;

/// The model's matrix with its columns rearranged: new column k is the model's column
/// `columns[k].base`, or the next of `added` when it has none. One time per entry.
TravelTimeMatrix rearrange(const TravelTimeMatrix& base, std::size_t base_columns, std::span<const Column> columns,
                           std::span<const NewColumn> added) {
    std::vector<std::vector<std::uint32_t>> targets(base_columns);  // old column -> new columns
    std::vector<std::size_t> added_at;                              // new index of each added column
    for (std::uint32_t k = 0; k < columns.size(); ++k) {
        if (columns[k].base)
            targets[*columns[k].base].push_back(k);
        else
            added_at.push_back(k);
    }
    std::vector<std::size_t> cursor(added.size(), 0);
    TravelTimeMatrix m;
    m.percentiles = base.percentiles;
    std::vector<std::pair<std::uint32_t, float>> row;
    for (std::uint32_t o = 0; o < base.origin_count(); ++o) {
        row.clear();
        for (std::uint32_t e = base.row_begin[o]; e < base.row_begin[o + 1]; ++e)
            for (const std::uint32_t k : targets[base.destination[e]]) row.emplace_back(k, base.seconds[e]);
        for (std::size_t a = 0; a < added.size(); ++a)
            if (cursor[a] < added[a].size() && added[a][cursor[a]].origin == o)
                row.emplace_back(static_cast<std::uint32_t>(added_at[a]), added[a][cursor[a]++].seconds);
        std::sort(row.begin(), row.end());
        for (const auto& [k, s] : row) {
            m.destination.push_back(k);
            m.seconds.push_back(s);
        }
        m.row_begin.push_back(static_cast<std::uint32_t>(m.destination.size()));
    }
    return m;
}

/// `m` with the rows of `origins` (ascending) replaced by the rows of `rows`, in that order.
TravelTimeMatrix with_rows(const TravelTimeMatrix& m, std::span<const std::uint32_t> origins,
                           const TravelTimeMatrix& rows) {
    TravelTimeMatrix out;
    out.percentiles = m.percentiles;
    const std::size_t np = m.percentiles.size();
    std::size_t next = 0;
    for (std::uint32_t o = 0; o < m.origin_count(); ++o) {
        const bool again = next < origins.size() && origins[next] == o;
        const TravelTimeMatrix& from = again ? rows : m;
        const std::uint32_t row = again ? static_cast<std::uint32_t>(next++) : o;
        const std::uint32_t first = from.row_begin[row];
        const std::uint32_t count = from.row_begin[row + 1] - first;
        out.add_row(std::span(from.destination).subspan(first, count), std::span(from.seconds).subspan(first * np, count * np));
    }
    return out;
}

/// The times of a bus-and-walk column towards one place: one arrive-by search from it.
NewColumn transit_column(const Model& model, const transit::TransitNetwork& bus, const network::Snap& place,
                         const TravelTimeRequest& request, Feedback& feedback) {
    const TravelTimeMatrix m =
        request.arrive_by
            ? transit::transit_matrix_arrive_by(bus, model.point_snaps, std::span(&place, 1), arrive_by_options(request),
                                                feedback.progress(), model.bus->access)
            : transit::transit_times_to(bus, model.point_snaps, model.bus->access, place, transit_options(request),
                                        feedback.progress());
    NewColumn out;
    for (std::uint32_t o = 0; o < m.origin_count(); ++o)
        for (std::uint32_t e = m.row_begin[o]; e < m.row_begin[o + 1]; ++e)
            if (!std::isnan(m.seconds[e])) out.push_back({o, m.seconds[e]});
    return out;
}

struct Times {
    TravelTimeMatrix times;
    std::optional<TravelTimeMatrix> walk_times;
    double limit_min = 60;
    std::string mode;
    std::shared_ptr<const transit::Timetable> timetable;  ///< the buses that ran, when there are buses
};

/// The scenario's travel times from every point to its resources then the candidates.
Times travel_times(const Model& model, const Applied& a, Feedback& feedback) {
    Times t;
    TravelTimeRequest request = model.request;
    request.walk_speed_kmh = a.walk_speed_kmh;
    request.limit_min = std::max(model.request.limit_min, time_limit_for(a.threshold_min));
    t.limit_min = request.limit_min;
    t.mode = model.mode;

    // Buses: the model's, or a copy without the dropped trips or at another walking speed.
    std::shared_ptr<const transit::Timetable> timetable = model.bus ? model.bus->timetable : nullptr;
    std::shared_ptr<const transit::TransitNetwork> bus = model.bus ? model.bus->network : nullptr;
    const bool speed_changed = a.walk_speed_kmh != model.project.parameters.walk_speed_kmh;
    std::vector<RouteId> dropped;  // of the model's timetable
    if (bus) {
        for (const auto& r : a.dropped_routes) std::ranges::copy(transit::routes_named(*timetable, r), std::back_inserter(dropped));
        for (const auto& f : a.dropped_feeds) std::ranges::copy(transit::routes_of_feed(*timetable, f), std::back_inserter(dropped));
    }
    if (!dropped.empty()) timetable = std::make_shared<const transit::Timetable>(transit::without_routes(*timetable, dropped));
    if (bus && (!dropped.empty() || speed_changed)) {
        transit::StreetOptions street = bus->options;
        street.walk_speed_kmh = a.walk_speed_kmh;
        if (speed_changed) {
            bus = std::make_shared<const transit::TransitNetwork>(
                transit::link_to_streets(*timetable, *model.streets, street));
        } else {  // the same stops and walks: only the timetable differs
            auto copy = std::make_shared<transit::TransitNetwork>(*bus);
            copy->timetable = timetable.get();
            bus = std::move(copy);
        }
        t.mode += fmt::format(", {} trips left of {}", timetable->trip_count(), model.bus->timetable->trip_count());
    }
    request.transit = bus.get();
    t.timetable = timetable;

    if (speed_changed || request.limit_min > model.request.limit_min) {  // every time again
        std::vector<network::Snap> sites;
        for (const auto& s : a.resources) sites.push_back(s.snap);
        for (const auto& s : model.candidates) sites.push_back(s.snap);
        t.times = point_to_site_times(*model.streets, model.point_snaps, sites, request, feedback.progress());
        if (bus) {
            TravelTimeRequest on_foot = request;
            on_foot.transit = nullptr;
            t.walk_times = point_to_site_times(*model.streets, model.point_snaps, sites, on_foot, feedback.progress());
        }
        return t;
    }

    // Routes dropped: only the points whose journeys rode them are searched again (walking all the
    // way is untouched).
    TravelTimeMatrix searched_again;
    const TravelTimeMatrix* base = &model.times;
    if (!dropped.empty()) {
        std::vector<std::uint8_t> is_dropped(model.bus->timetable->route_count(), 0);
        for (const RouteId r : dropped) is_dropped[r.value()] = 1;
        std::vector<std::uint32_t> affected;
        std::vector<network::Snap> points;
        for (std::uint32_t o = 0; o < model.point_snaps.size(); ++o) {
            // Without the routes per point (arrive-by searches go from the places), every point again.
            const bool known = model.bus->routes_used.size() == model.point_snaps.size();
            const auto& used = known ? model.bus->routes_used[o] : std::vector<RouteId>{};
            if (!known || std::any_of(used.begin(), used.end(), [&](RouteId r) { return is_dropped[r.value()] != 0; })) {
                affected.push_back(o);
                points.push_back(model.point_snaps[o]);
            }
        }
        std::vector<network::Snap> sites;
        for (const auto& s : model.resources) sites.push_back(s.snap);
        for (const auto& s : model.candidates) sites.push_back(s.snap);
        searched_again = with_rows(model.times, affected,
                                   point_to_site_times(*model.streets, points, sites, request, feedback.progress()));
        base = &searched_again;
        t.mode += fmt::format(" ({} of {} points rode them)", affected.size(), model.point_snaps.size());
    }

    // Only the places added need times: one search towards each.
    std::vector<Column> columns = a.columns;
    for (std::uint32_t c = 0; c < model.candidates.size(); ++c)
        columns.push_back({static_cast<std::uint32_t>(model.resources.size()) + c});
    const std::size_t base_columns = model.resources.size() + model.candidates.size();
    network::WalkOptions walk;
    walk.speed_kmh = request.walk_speed_kmh;
    walk.max_minutes = request.limit_min;
    network::WalkSearch search(*model.streets);
    std::vector<NewColumn> added;
    std::vector<NewColumn> added_walk;
    for (std::size_t j = 0; j < a.resources.size(); ++j) {
        if (a.columns[j].base) continue;
        feedback.check();
        NewColumn on_foot =
            network::walk_times_to(search, model.point_snaps, *model.point_index, a.resources[j].snap, walk);
        if (bus) {
            added.push_back(transit_column(model, *bus, a.resources[j].snap, request, feedback));
            added_walk.push_back(std::move(on_foot));
        } else {
            added.push_back(std::move(on_foot));
        }
    }
    t.times = rearrange(*base, base_columns, columns, added);
    if (model.walk_times) t.walk_times = rearrange(*model.walk_times, base_columns, columns, added_walk);
    return t;
}

/// The sites another siting model than maximal covering chooses for one kind, with the model's
/// objective and bound in its own units and a note of what it achieved. Every point with need takes
/// part (a new place can also help those an existing place already reaches).
siting::SitingResult solve_other_model(const Model& model, const KindAccess& access, const TravelTimeMatrix& times,
                                       std::span<const Site> resources, double threshold_min, double limit_min,
                                       const siting::SitingOptions& options, SitingOutcome& out) {
    const Parameters& parameters = model.project.parameters;
    const std::size_t first_candidate = resources.size();
    const std::size_t nc = model.candidates.size();
    const auto& points = model.demand.points;
    const auto need_of = [&](std::size_t i) {
        return access.need_index ? points[i].weights[*access.need_index].value_or(0.0)
                                 : points[i].people[model.demand.elderly_band];
    };
    std::vector<double> need(points.size());
    double total = 0;
    for (std::size_t i = 0; i < points.size(); ++i) total += need[i] = need_of(i);
    // Per candidate: the points it reaches within the threshold (or, for p-median, the limit).
    const double reach_s = (parameters.siting == "p-median" ? limit_min : threshold_min) * 60;
    std::vector<std::vector<std::uint32_t>> reach(nc);
    std::vector<std::vector<double>> reach_min(nc);
    std::vector<std::vector<std::uint32_t>> existing_reach(resources.size());
    std::vector<std::uint8_t> of_kind(resources.size(), 0);
    for (const std::size_t j : access.sites) of_kind[j] = 1;
    for (std::size_t i = 0; i < points.size(); ++i)
        for (std::uint32_t k = times.row_begin[i]; k < times.row_begin[i + 1]; ++k) {
            const std::uint32_t s = times.destination[k];
            if (times.seconds[k] > reach_s) continue;
            if (s >= first_candidate) {
                reach[s - first_candidate].push_back(static_cast<std::uint32_t>(i));
                reach_min[s - first_candidate].push_back(times.seconds[k] / 60.0);
            } else if (of_kind[s] && times.seconds[k] <= threshold_min * 60) {
                existing_reach[s].push_back(static_cast<std::uint32_t>(i));
            }
        }

    siting::SitingResult r;
    if (parameters.siting == "p-median") {
        siting::ReachProblem problem;
        problem.weight = need;
        for (std::size_t c = 0; c < nc; ++c) problem.add_candidate(reach[c], reach_min[c]);
        std::vector<double> base(points.size());
        for (std::size_t i = 0; i < points.size(); ++i) base[i] = std::min<double>(access.nearest_min[i], limit_min);
        r = siting::solve_median(problem, base, options);
        double before = 0;
        for (std::size_t i = 0; i < points.size(); ++i) before += need[i] * base[i];
        out.model_before = total > 0 ? before / total : 0;
        out.model_after = total > 0 ? (before - r.objective) / total : 0;
        r.method_note += fmt::format("; mean time to the nearest, weighted by need (beyond {} min counted as {}): "
                                     "{:.1f} -> {:.1f} min",
                                     limit_min, limit_min, out.model_before, out.model_after);
    } else if (parameters.siting == "capacitated") {
        const ResourceConfig* kind = model.project.resource(access.kind);
        const bool given = kind != nullptr && !kind->capacity_field.empty();
        siting::CapacityProblem problem;
        problem.coverage.weight = need;
        for (const std::size_t j : access.sites) {  // a place whose capacity is not stated gets a new site's
            problem.coverage.add_candidate(existing_reach[j]);
            problem.capacity.push_back(resources[j].capacity_stated ? resources[j].capacity : parameters.site_capacity);
        }
        problem.existing = access.sites.size();
        for (std::size_t c = 0; c < nc; ++c) {
            problem.coverage.add_candidate(reach[c]);
            problem.capacity.push_back(parameters.site_capacity);
        }
        r = siting::solve_capacitated(problem, options);
        std::vector<std::uint32_t> open(problem.existing);
        std::iota(open.begin(), open.end(), 0u);
        out.model_before = siting::served(problem, open);
        out.model_after = out.model_before + r.objective;
        r.method_note += fmt::format("; each place serves at most its capacity ({}new sites {})",
                                     given ? fmt::format("{} for the places there, ", kind->capacity_field) : "",
                                     parameters.site_capacity);
    } else {  // backup
        siting::CoverageProblem problem;
        problem.weight = need;
        for (std::size_t c = 0; c < nc; ++c) problem.add_candidate(reach[c]);
        std::vector<std::uint32_t> count(points.size());
        for (std::size_t i = 0; i < points.size(); ++i) count[i] = std::min<std::uint32_t>(access.within[i], 2);
        r = siting::solve_backup(problem, count, options);
        double twice = 0;
        for (std::size_t i = 0; i < points.size(); ++i)
            if (count[i] >= 2) twice += need[i];
        std::vector<std::uint32_t> after = count;
        for (const std::uint32_t c : r.chosen)
            for (const std::uint32_t i : problem.covers(c)) ++after[i];
        out.model_before = twice;
        for (std::size_t i = 0; i < points.size(); ++i)
            if (after[i] >= 2) out.model_after += need[i];
        r.method_note += fmt::format("; need within reach of two places or more: {:.1f} -> {:.1f}", out.model_before,
                                     out.model_after);
    }
    return r;
}

/// Ranks new sites for one kind among the candidates (destinations from `resources.size()` on).
SitingOutcome rank_sites(const Model& model, const KindAccess& access, const TravelTimeMatrix& times,
                         std::span<const Site> resources, double threshold_min, double limit_min) {
    const std::size_t first_candidate = resources.size();
    const double threshold_s = threshold_min * 60;
    const std::size_t nc = model.candidates.size();
    const auto& demand = model.demand;
    std::vector<std::uint32_t> point_of;
    siting::CoverageProblem problem;
    std::vector<std::vector<std::uint32_t>> covers(nc);
    for (std::size_t i = 0; i < demand.points.size(); ++i) {
        if (access.covered[i]) continue;
        const auto& p = demand.points[i];
        const double need = access.need_index ? p.weights[*access.need_index].value_or(0.0) : p.people[demand.elderly_band];
        if (need <= 0) continue;
        const auto local = static_cast<std::uint32_t>(point_of.size());
        point_of.push_back(static_cast<std::uint32_t>(i));
        problem.weight.push_back(need);
        for (std::uint32_t k = times.row_begin[i]; k < times.row_begin[i + 1]; ++k) {
            const std::uint32_t s = times.destination[k];
            if (s >= first_candidate && times.seconds[k] <= threshold_s) covers[s - first_candidate].push_back(local);
        }
    }
    for (const auto& c : covers) problem.add_candidate(c);

    SitingOutcome out;
    for (const double w : problem.weight) out.uncovered_need += w;
    double need = 0;  // of the kind, covered or not
    for (const auto& p : demand.points)
        need += access.need_index ? p.weights[*access.need_index].value_or(0.0) : p.people[demand.elderly_band];
    for (std::size_t c = 0; c < nc; ++c) {
        double alone = 0;
        for (const std::uint32_t i : problem.covers(c)) alone += problem.weight[i];
        out.alone.push_back(alone);
    }
    siting::SitingOptions options;
    options.sites = model.project.parameters.new_sites;
    options.ilp_seconds = model.project.parameters.ilp_seconds;
    const Parameters& parameters = model.project.parameters;
    if (parameters.siting == "lscp") {
        out.result = siting::solve_set_cover(problem, parameters.cover_share * need - (need - out.uncovered_need), options);
    } else if (parameters.siting == "mclp") {
        out.result = siting::solve(problem, options);
    } else {
        // Another model chooses the sites; the table still says how much need each brings newly
        // within the threshold, site by site in the model's order, as for maximal covering.
        out.result = solve_other_model(model, access, times, resources, threshold_min, limit_min, options, out);
        std::vector<std::uint8_t> done(problem.weight.size(), 0);
        for (std::size_t rank = 0; rank < out.result.chosen.size(); ++rank) {
            double gain = 0;
            for (const std::uint32_t i : problem.covers(out.result.chosen[rank]))
                if (!done[i]) {
                    done[i] = 1;
                    gain += problem.weight[i];
                }
            out.result.gain[rank] = gain;
        }
    }

    // Which districts gain, site by site: each point counts for the first site that covers it.
    std::vector<std::uint8_t> taken(problem.weight.size(), 0);
    double cumulative = 0;
    for (std::size_t rank = 0; rank < out.result.chosen.size(); ++rank) {
        cumulative += out.result.gain[rank];
        out.cumulative.push_back(cumulative);
        std::map<std::size_t, double> by_district;
        for (const std::uint32_t i : problem.covers(out.result.chosen[rank])) {
            if (taken[i]) continue;
            taken[i] = 1;
            by_district[demand.points[point_of[i]].district] += problem.weight[i];
        }
        std::vector<std::pair<double, std::size_t>> order;
        for (const auto& [d, w] : by_district) order.emplace_back(-w, d);
        std::sort(order.begin(), order.end());
        std::string text;
        for (const auto& [w, d] : order)
            text += fmt::format("{}{} {:.1f}", text.empty() ? "" : ", ", model.districts[d].name, -w);
        out.district_gains.push_back(text);
    }
    return out;
}

std::vector<Yardstick> food_yardstick(const Model& model, std::span<const Site> resources, std::string& note) {
    std::vector<Site> food;
    for (const auto& s : resources)
        if (s.food_store) food.push_back(s);
    if (food.empty()) {
        note = "no food store among the resources (food_store = true): not computed";
        return {};
    }
    const auto& demand = model.demand;
    const auto& params = model.project.parameters;
    const auto pop65 = std::find(demand.bands.begin(), demand.bands.end(), "pop65");
    const std::size_t band65 =
        pop65 != demand.bands.end() ? static_cast<std::size_t>(pop65 - demand.bands.begin()) : demand.elderly_band;
    std::vector<double> share(model.districts.size(), params.no_car_share.value_or(1.0));
    if (!params.no_car_need.empty() && model.survey) {
        const auto n = static_cast<std::size_t>(
            std::find(model.survey->needs.begin(), model.survey->needs.end(), params.no_car_need) -
            model.survey->needs.begin());
        for (std::size_t d = 0; d < model.districts.size(); ++d)
            if (model.survey->districts[d] && model.survey->districts[d]->needs[n])
                share[d] = model.survey->districts[d]->needs[n]->rate;
        note = fmt::format("no-car share per district from the survey's {}", params.no_car_need);
    } else if (params.no_car_share) {
        note = fmt::format("no-car share {} for every district (parameter)", *params.no_car_share);
    } else {
        note = "no car share given (no_car_share or no_car_need): counts everyone 500 m or more from a food store, "
               "an upper bound";
    }
    return yardstick(demand, food, band65, share, model.districts.size());
}

PlaceInfo place_info(const Site& s, bool added) {
    PlaceInfo p;
    p.id = s.id;
    p.kind = s.kind;
    p.name = s.name;
    p.capacity = s.capacity;
    p.food_store = s.food_store;
    p.added = added;
    p.position = s.position;
    if (s.district) p.district = DistrictId(static_cast<std::uint32_t>(*s.district));
    p.snap = s.snap.status;
    if (s.snap.status != network::SnapStatus::TooFar) p.snap_m = s.snap.distance_m;
    p.address = s.address;
    p.days = s.days;
    p.hours = s.hours;
    return p;
}

/// The stops served that day and each GTFS route as lines through its stops, for maps.
void describe_buses(const transit::Timetable& tt, Results& r) {
    const geo::Transformer to_map(geo::wgs84(), r.crs);
    for (std::uint32_t s = 0; s < tt.stop_count(); ++s)
        if (tt.route_count_at(StopId(s)) > 0) r.bus_stops.push_back({tt.stop_ids[s], tt.stop_names[s], to_map(tt.stop_points[s])});
    std::map<std::string, std::size_t> route_of;  // GTFS route -> its entry
    for (std::uint32_t k = 0; k < tt.route_count(); ++k) {
        const RouteId route(k);
        auto [at, added] = route_of.try_emplace(tt.route_gtfs_ids[k], r.bus_routes.size());
        if (added) r.bus_routes.push_back({tt.route_gtfs_ids[k], tt.route_names[k], {}, 0});
        BusRoute& out = r.bus_routes[at->second];
        geo::LineString line;
        for (const StopId s : tt.stops_of(route)) line.push_back(to_map(tt.stop_points[s.value()]));
        out.line.push_back(std::move(line));
        out.trips += tt.trip_count_of(route);
    }
}

/// The demand side of the results: districts and points as the model has them.
void describe_demand(const Model& model, Results& r) {
    const auto& demand = model.demand;
    r.crs = model.districts.crs;
    r.bands = demand.bands;
    r.elderly_band = demand.elderly_band;
    r.needs = demand.needs;
    for (std::size_t d = 0; d < model.districts.size(); ++d) {
        const auto& district = model.districts[d];
        DistrictInfo info;
        info.id = district.id;
        info.name = district.name;
        info.geometry = district.geometry;
        info.people = demand.districts[d].people;
        info.points = demand.districts[d].points;
        info.need_weights = demand.districts[d].weights;
        const demand::DistrictNeeds* needs =
            model.survey && model.survey->districts[d] ? &*model.survey->districts[d] : nullptr;
        if (needs != nullptr) {
            info.respondents = needs->respondents;
            info.small_sample = needs->small_sample;
        }
        for (std::size_t k = 0; k < demand.needs.size(); ++k) {
            if (needs != nullptr && needs->needs[k]) {
                const auto& p = *needs->needs[k];
                info.rates.push_back(NeedRate{p.rate, p.ci95.low, p.ci95.high, p.n});
            } else {
                info.rates.emplace_back();
            }
        }
        r.districts.push_back(std::move(info));
    }
    for (const auto& p : demand.points)
        r.points.push_back({p.id, p.unit_id, DistrictId(static_cast<std::uint32_t>(p.district)), p.position, p.share,
                            p.people, p.weights});
}

}  // namespace

Results compute(const Model& model, const Scenario& scenario, Feedback& feedback, const ComputeOptions& options) {
    const auto start = std::chrono::steady_clock::now();
    require_applicable(model, scenario);
    feedback.check();
    const Project& project = model.project;
    const Applied a = apply(model, scenario);
    const Times t = travel_times(model, a, feedback);
    feedback.check();

    Results r;
    RunInfo& info = r.info;
    info.project = project.name;
    info.project_file = project.file.string();
    info.needmap_version = NEEDMAP_VERSION;
    info.scenario = scenario.name;
    for (const auto& m : scenario.modifications) info.modifications.push_back(describe(m, feedback.japanese()));
    info.mode = a.walk_speed_kmh != project.parameters.walk_speed_kmh && !model.bus
                    ? fmt::format("walk at {} km/h", a.walk_speed_kmh)
                    : t.mode;
    info.crs_reason = model.crs_reason;
    info.approximate_districts = !project.districts.centres.empty();
    info.threshold_min = a.threshold_min;
    info.walk_speed_kmh = a.walk_speed_kmh;
    info.slopes = model.streets->sloped();
    info.max_snap_m = project.parameters.max_snap_m;
    info.new_sites = project.parameters.new_sites;
    info.siting = project.parameters.siting;
    info.cover_share = project.parameters.siting == "lscp" ? project.parameters.cover_share : 0;
    info.limit_min = t.limit_min;
    info.transit = model.bus.has_value();
    if (model.bus) {
        info.departure = project.transit.departure;
        info.arrive_by = project.transit.arrive_by;
        info.window_min = project.transit.window;
        info.percentile = project.transit.percentile;
        info.max_walk_to_stop_m = project.transit.max_walk_to_stop;
        info.max_rides = project.transit.max_rides;
    }
    info.inputs = model.inputs;
    info.warnings = model.warnings;
    info.timings = model.timings;
    info.attributions = model.attributions;

    describe_demand(model, r);
    for (std::size_t j = 0; j < a.resources.size(); ++j) r.places.push_back(place_info(a.resources[j], !a.columns[j].base || *a.columns[j].base >= model.resources.size()));
    for (const auto& c : model.candidates) r.candidates.push_back(place_info(c, false));

    const std::size_t nd = model.districts.size();
    const measures::Decay decay = decay_of(project.parameters, a.threshold_min);
    info.decay = decay.describe();
    info.cutoffs_min = project.parameters.cutoffs_min;
    for (const ResourceConfig& kind : project.resources) {
        KindResult k;
        k.kind = kind.kind;
        k.need = kind.need;
        k.food_store = kind.food_store;
        k.access = kind_access(model.demand, t.times, a.resources, kind, a.threshold_min, decay,
                               model.project.parameters.cutoffs_min);
        k.districts = district_access(model.demand, k.access, a.resources, nd);
        if (t.walk_times) {
            k.walk_access = kind_access(model.demand, *t.walk_times, a.resources, kind, a.threshold_min, decay);
            k.walk_districts = district_access(model.demand, *k.walk_access, a.resources, nd);
        }
        r.kinds.push_back(std::move(k));
    }
    if (t.timetable) describe_buses(*t.timetable, r);
    const auto yardsticks = food_yardstick(model, a.resources, info.yardstick_note);
    for (std::size_t d = 0; d < yardsticks.size(); ++d) r.districts[d].yardstick = yardsticks[d];

    if (options.rank_sites && project.candidates.enabled() && project.parameters.new_sites > 0)
        for (KindResult& k : r.kinds) {
            const auto& kinds = project.candidates.kinds;
            if (std::find(kinds.begin(), kinds.end(), k.kind) == kinds.end()) continue;
            feedback.check();
            k.siting = rank_sites(model, k.access, t.times, a.resources, a.threshold_min, t.limit_min);
        }

    if (options.service_areas) {
        network::WalkSearch search(*model.streets);
        const network::EffortDm limit = network::effort_in(a.threshold_min * 60, a.walk_speed_kmh / 3.6);
        for (KindResult& k : r.kinds) {
            feedback.check();
            std::vector<network::Snap> origins;
            for (const std::size_t j : k.access.sites) origins.push_back(a.resources[j].snap);
            k.service_area = network::service_area(*model.streets, search, origins, limit, 50, network::Direction::To);
            k.service_area_km2 = geo::area(k.service_area) / 1e6;
        }
    }
    info.timings.emplace_back(scenario.is_base() ? "compute" : "compute scenario",
                              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    return r;
}

}  // namespace needmap::analysis::pipeline
