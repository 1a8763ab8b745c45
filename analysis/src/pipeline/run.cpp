#include "needmap/analysis/pipeline/run.hpp"

#include "needmap/analysis/network/loaders.hpp"
#include "needmap/analysis/network/service_area.hpp"
#include "needmap/analysis/network/walk_search.hpp"
#include "needmap/analysis/pipeline/map_style.hpp"
#include "needmap/analysis/transit/transit.hpp"
#include "needmap/analysis/transit/transit_network.hpp"
#include "needmap/geo/error.hpp"
#include "needmap/geo/ksj.hpp"
#include "needmap/geo/layer_io.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>

namespace needmap::analysis::pipeline {
namespace {

using Clock = std::chrono::steady_clock;

/// Stages, each reported to the observer and timed.
class Stages {
public:
    Stages(RunObserver& observer, RunResult& result) : m_observer(observer), m_result(result) {}
    void start(std::string name) {
        m_name = std::move(name);
        m_start = Clock::now();
        m_observer.stage(m_name);
    }
    void done(const std::string& what) {
        m_result.timings.emplace_back(m_name, std::chrono::duration<double>(Clock::now() - m_start).count());
        m_observer.done(what);
    }
    void note(const std::string& line) { m_observer.note(line); }
    void warn(const std::string& line) {
        m_result.warnings.push_back(line);
        m_observer.warn(line);
    }
    ProgressCallback progress() { return m_observer.progress(); }

private:
    RunObserver& m_observer;
    RunResult& m_result;
    std::string m_name;
    Clock::time_point m_start;
};

geo::MetricCrsChoice metric_crs(const Project& project, const geo::Layer& districts) {
    if (!project.crs.empty()) {
        geo::Crs crs = geo::Crs::from_user_input(project.crs);
        if (crs.is_geographic())
            throw geo::InputError(
                fmt::format("{}: [project] crs = \"{}\" is geographic (degrees); give a metric CRS "
                            "such as a plane-rectangular zone (EPSG:6669-6687)",
                            project.file.string(), project.crs));
        return {crs, crs.label() + " (given in the project file)"};
    }
    int prefecture = 0;
    if (const auto a32 = geo::detect_a32_layout(districts); a32 && !districts.features.empty()) {
        const std::string code = geo::to_text(districts.features.front().values[a32->municipality_code]);
        if (code.size() == 5) prefecture = std::atoi(code.substr(0, 2).c_str());
    }
    return geo::choose_metric_crs(geo::centre_lon_lat(districts), prefecture);
}

demand::Population read_population(const PopulationConfig& c, const geo::Crs& metric) {
    switch (c.source) {
        case PopulationSource::Mesh:
            return demand::read_mesh_population(c.file, c.bands, metric);
        case PopulationSource::SmallArea: {
            demand::SmallAreaOptions options;
            options.key_field = c.key_field.empty() ? "KEY_CODE" : c.key_field;
            return demand::read_small_area_population(c.file, c.boundaries, c.bands, metric, options);
        }
        case PopulationSource::Layer: {
            demand::LayerPopulationOptions options;
            options.id_field = c.key_field;
            return demand::read_layer_population(c.file, c.bands, metric, options);
        }
    }
    return {};
}

std::string people(double n) {
    return fmt::format("{:.0f}", n);
}

std::string percent(double share) {
    return fmt::format("{:.1f}%", 100.0 * share);
}

std::string minutes(double m) {
    return std::isfinite(m) ? fmt::format("{:.0f}", m) : std::string(">limit");
}

/// Ranks new sites for one kind among the candidates.
SitingOutcome rank_sites(const RunResult& r, const KindAccess& access, const TravelTimeMatrix& times,
                         std::size_t first_candidate, const Project& project) {
    const double threshold_s = project.parameters.threshold_min * 60;
    const std::size_t nc = r.candidates.size();
    // Points not covered by any existing resource, with their need.
    std::vector<std::uint32_t> point_of;
    siting::CoverageProblem problem;
    std::vector<std::vector<std::uint32_t>> covers(nc);
    for (std::size_t i = 0; i < r.demand.points.size(); ++i) {
        if (access.covered[i]) continue;
        const auto& p = r.demand.points[i];
        const double need =
            access.need_index ? p.weights[*access.need_index].value_or(0.0) : p.people[r.demand.elderly_band];
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
    for (std::size_t c = 0; c < nc; ++c) {
        double alone = 0;
        for (const std::uint32_t i : problem.covers(c)) alone += problem.weight[i];
        out.alone.push_back(alone);
    }
    siting::SitingOptions options;
    options.sites = project.parameters.new_sites;
    options.ilp_seconds = project.parameters.ilp_seconds;
    out.result = siting::solve(problem, options);

    // Which districts gain, site by site: each point counts for the first site that covers it.
    std::vector<std::uint8_t> taken(problem.weight.size(), 0);
    double cumulative = 0;
    for (std::size_t rank = 0; rank < out.result.chosen.size(); ++rank) {
        const std::uint32_t c = out.result.chosen[rank];
        out.candidates.push_back(c);
        cumulative += out.result.gain[rank];
        out.cumulative.push_back(cumulative);
        std::map<std::size_t, double> by_district;
        for (const std::uint32_t i : problem.covers(c)) {
            if (taken[i]) continue;
            taken[i] = 1;
            by_district[r.demand.points[point_of[i]].district] += problem.weight[i];
        }
        std::vector<std::pair<double, std::size_t>> order;
        for (const auto& [d, w] : by_district) order.emplace_back(-w, d);
        std::sort(order.begin(), order.end());
        std::string text;
        for (const auto& [w, d] : order)
            text += fmt::format("{}{} {:.1f}", text.empty() ? "" : ", ", r.districts[d].name, -w);
        out.district_gains.push_back(text);
    }
    return out;
}

// ---- output layers ----

std::optional<double> finite(double v) {
    return std::isfinite(v) ? std::optional(v) : std::nullopt;
}

geo::Value number(std::optional<double> v) {
    return v ? geo::Value(*v) : geo::Value();
}

/// Field names for a kind: "<kind>_<what>".
std::string field(const std::string& kind, std::string_view what) {
    return fmt::format("{}_{}", kind, what);
}

geo::Layer districts_layer(const RunResult& r) {
    geo::Layer layer = demand::district_demand_layer(r.demand, r.districts, r.survey ? &*r.survey : nullptr);
    layer.name = "districts_access";
    for (const KindResult& k : r.kinds) {
        const std::string& kind = k.config->kind;
        const std::size_t first = layer.fields.size();
        for (const char* what : {"need", "gap_people", "gap_share", "gap_need", "gap_need_share", "gap_rank",
                                 "minutes_median", "minutes_p90", "inside", "2sfca_per_1000"})
            layer.add_field(
                {field(kind, what), std::string_view(what) == "gap_rank" || std::string_view(what) == "inside"
                                        ? geo::FieldType::Integer
                                        : geo::FieldType::Real});
        // Rank by uncovered need, largest first.
        std::vector<std::size_t> order(k.districts.size());
        for (std::size_t d = 0; d < order.size(); ++d) order[d] = d;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return k.districts[a].uncovered_need > k.districts[b].uncovered_need;
        });
        std::vector<std::int64_t> rank(order.size());
        for (std::size_t i = 0; i < order.size(); ++i) rank[order[i]] = static_cast<std::int64_t>(i + 1);
        for (std::size_t d = 0; d < layer.features.size(); ++d) {
            const DistrictKindAccess& a = k.districts[d];
            auto& v = layer.features[d].values;
            v[first + 0] = a.need;
            v[first + 1] = a.uncovered_people;
            v[first + 2] = a.uncovered_share();
            v[first + 3] = a.uncovered_need;
            v[first + 4] = a.uncovered_need_share();
            v[first + 5] = rank[d];
            v[first + 6] = number(finite(a.median_min));
            v[first + 7] = number(finite(a.p90_min));
            v[first + 8] = static_cast<std::int64_t>(a.resources_inside);
            v[first + 9] = a.sfca_per_1000;
        }
        if (!k.walk_districts.empty()) {
            const std::size_t walk = layer.fields.size();
            layer.add_field({field(kind, "walk_gap_people"), geo::FieldType::Real});
            layer.add_field({field(kind, "walk_gap_share"), geo::FieldType::Real});
            for (std::size_t d = 0; d < layer.features.size(); ++d) {
                layer.features[d].values[walk] = k.walk_districts[d].uncovered_people;
                layer.features[d].values[walk + 1] = k.walk_districts[d].uncovered_share();
            }
        }
    }
    if (!r.yardstick.empty()) {
        const std::size_t first = layer.fields.size();
        for (const char* what : {"maff_people65", "maff_far500", "maff_no_car_share", "maff_people", "maff_share"})
            layer.add_field({what, geo::FieldType::Real});
        for (std::size_t d = 0; d < layer.features.size(); ++d) {
            const Yardstick& y = r.yardstick[d];
            auto& v = layer.features[d].values;
            v[first + 0] = y.people65;
            v[first + 1] = y.far;
            v[first + 2] = y.no_car_share;
            v[first + 3] = y.people();
            v[first + 4] = y.share();
        }
    }
    return layer;
}

geo::Layer demand_layer(const RunResult& r) {
    geo::Layer layer = demand::demand_points_layer(r.demand, r.districts);
    layer.name = "demand_access";
    for (const KindResult& k : r.kinds) {
        const std::size_t first = layer.fields.size();
        layer.add_field({field(k.config->kind, "minutes"), geo::FieldType::Real});
        layer.add_field({field(k.config->kind, "within"), geo::FieldType::Integer});
        layer.add_field({field(k.config->kind, "covered"), geo::FieldType::Integer});
        layer.add_field({field(k.config->kind, "2sfca"), geo::FieldType::Real});
        for (std::size_t i = 0; i < layer.features.size(); ++i) {
            auto& v = layer.features[i].values;
            v[first + 0] = number(finite(k.access.nearest_min[i]));
            v[first + 1] = static_cast<std::int64_t>(k.access.within[i]);
            v[first + 2] = static_cast<std::int64_t>(k.access.covered[i]);
            v[first + 3] = k.access.sfca[i];
        }
        if (k.walk_access) {
            const std::size_t walk = layer.fields.size();
            layer.add_field({field(k.config->kind, "walk_minutes"), geo::FieldType::Real});
            layer.add_field({field(k.config->kind, "walk_covered"), geo::FieldType::Integer});
            for (std::size_t i = 0; i < layer.features.size(); ++i) {
                layer.features[i].values[walk] = number(finite(k.walk_access->nearest_min[i]));
                layer.features[i].values[walk + 1] = static_cast<std::int64_t>(k.walk_access->covered[i]);
            }
        }
    }
    return layer;
}

geo::Layer sites_layer(const RunResult& r, std::span<const Site> sites, std::string name) {
    geo::Layer layer;
    layer.name = std::move(name);
    layer.crs = r.districts.crs;
    layer.geometry_kind = geo::GeometryKind::Points;
    layer.fields = {{"id", geo::FieldType::String},         {"kind", geo::FieldType::String},
                    {"name", geo::FieldType::String},       {"capacity", geo::FieldType::Real},
                    {"district", geo::FieldType::String},   {"food_store", geo::FieldType::Integer},
                    {"on_streets", geo::FieldType::String}, {"snap_m", geo::FieldType::Real}};
    for (const Site& s : sites) {
        const char* status = s.snap.status == network::SnapStatus::Ok       ? "ok"
                             : s.snap.status == network::SnapStatus::Island ? "small disconnected piece"
                                                                            : "too far from any walkable way";
        layer.features.push_back(
            {static_cast<std::int64_t>(layer.features.size() + 1),
             s.position,
             {s.id, s.kind, s.name, s.capacity, s.district ? geo::Value(r.districts[*s.district].name) : geo::Value(),
              static_cast<std::int64_t>(s.food_store ? 1 : 0), std::string(status),
              s.snap.status == network::SnapStatus::TooFar ? geo::Value() : geo::Value(double(s.snap.distance_m))}});
    }
    return layer;
}

geo::Layer candidates_layer(const RunResult& r) {
    geo::Layer layer = sites_layer(r, r.candidates, "candidates_ranked");
    const std::size_t first = layer.fields.size();
    // One row per candidate and kind sited: ranked ones first.
    std::vector<geo::Feature> rows;
    for (const char* what : {"for_kind", "rank", "new_need", "cumulative_need", "cumulative_share", "districts_gain",
                             "alone_need", "method"})
        layer.add_field({what, std::string_view(what) == "rank" ? geo::FieldType::Integer
                               : std::string_view(what) == "for_kind" || std::string_view(what) == "districts_gain" ||
                                       std::string_view(what) == "method"
                                   ? geo::FieldType::String
                                   : geo::FieldType::Real});
    for (const KindResult& k : r.kinds) {
        if (!k.siting) continue;
        const SitingOutcome& s = *k.siting;
        std::vector<int> rank_of(r.candidates.size(), 0);
        for (std::size_t i = 0; i < s.candidates.size(); ++i) rank_of[s.candidates[i]] = static_cast<int>(i + 1);
        std::vector<std::size_t> order(r.candidates.size());
        for (std::size_t c = 0; c < order.size(); ++c) order[c] = c;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            const int ra = rank_of[a] == 0 ? INT32_MAX : rank_of[a];
            const int rb = rank_of[b] == 0 ? INT32_MAX : rank_of[b];
            return ra != rb ? ra < rb : s.alone[a] > s.alone[b];
        });
        for (const std::size_t c : order) {
            geo::Feature f = layer.features[c];
            f.fid = static_cast<std::int64_t>(rows.size() + 1);
            auto& v = f.values;
            v[first + 0] = k.config->kind;
            if (const int rank = rank_of[c]; rank > 0) {
                const std::size_t i = static_cast<std::size_t>(rank - 1);
                v[first + 1] = static_cast<std::int64_t>(rank);
                v[first + 2] = s.result.gain[i];
                v[first + 3] = s.cumulative[i];
                v[first + 4] = s.uncovered_need > 0 ? s.cumulative[i] / s.uncovered_need : 0.0;
                v[first + 5] = s.district_gains[i];
            }
            v[first + 6] = s.alone[c];
            v[first + 7] = s.result.method_note;
            rows.push_back(std::move(f));
        }
    }
    layer.features = std::move(rows);
    return layer;
}

geo::Layer summary_layer(const RunResult& r, const Project& p,
                         const std::vector<std::pair<std::string, std::string>>& inputs) {
    geo::Layer layer;
    layer.name = "run_summary";
    layer.fields = {
        {"section", geo::FieldType::String}, {"item", geo::FieldType::String}, {"value", geo::FieldType::String}};
    auto add = [&](std::string section, std::string item, std::string value) {
        layer.features.push_back({static_cast<std::int64_t>(layer.features.size() + 1),
                                  {},
                                  {std::move(section), std::move(item), std::move(value)}});
    };
    add("run", "project", r.project);
    add("run", "project file", p.file.string());
    add("run", "needmap", "0.1.0");
    add("run", "mode", r.mode);
    add("run", "CRS", r.crs_reason);
    for (const auto& [k, v] : inputs) add("input", k, v);
    add("parameter", "threshold (min)", fmt::format("{}", p.parameters.threshold_min));
    add("parameter", "walking speed (km/h)", fmt::format("{}", p.parameters.walk_speed_kmh));
    add("parameter", "max snap distance (m)", fmt::format("{}", p.parameters.max_snap_m));
    add("parameter", "new sites per kind", fmt::format("{}", p.parameters.new_sites));
    if (p.transit.enabled()) {
        add("parameter", "departure", p.transit.departure);
        add("parameter", "window (min)", fmt::format("{}", p.transit.window));
        add("parameter", "percentile", fmt::format("{}", p.transit.percentile));
        add("parameter", "max walk to a stop (m)", fmt::format("{}", p.transit.max_walk_to_stop));
        add("parameter", "max rides", fmt::format("{}", p.transit.max_rides));
    }
    add("count", "districts", fmt::format("{}", r.districts.size()));
    add("count", "demand points", fmt::format("{}", r.demand.points.size()));
    add("count", "resources", fmt::format("{}", r.resources.size()));
    add("count", "candidates", fmt::format("{}", r.candidates.size()));
    for (const KindResult& k : r.kinds) {
        if (!k.siting) continue;
        const auto& s = k.siting->result;
        add("siting", k.config->kind, s.method_note);
        add("siting", k.config->kind + ": need no place covers", fmt::format("{:.1f}", k.siting->uncovered_need));
        add("siting", k.config->kind + ": objective (need newly covered)", fmt::format("{:.1f}", s.objective));
        add("siting", k.config->kind + ": upper bound", fmt::format("{:.1f}", s.bound));
        add("siting", k.config->kind + ": gap", fmt::format("{:.2f}%", 100.0 * s.gap()));
    }
    if (!r.yardstick_note.empty()) add("yardstick", "農水省 食料品アクセス困難人口", r.yardstick_note);
    for (const auto& w : r.warnings) add("warning", "", w);
    for (const auto& [stage, s] : r.timings) add("time (s)", stage, fmt::format("{:.2f}", s));
    for (const auto& a : r.attributions) add("attribution", "", a);
    return layer;
}

}  // namespace

RunResult run_project(const Project& project, const std::filesystem::path& output, RunObserver& observer) {
    RunResult r;
    r.project = project.name;
    Stages stages(observer, r);
    std::vector<std::pair<std::string, std::string>> inputs;
    const auto& params = project.parameters;

    stages.start("districts");
    geo::ReadOptions district_read;
    district_read.layer = project.districts.options.layer;
    geo::Layer district_layer = geo::read_layer(project.districts.file, district_read);
    const bool a32 = project.districts.options.id_field.empty() && geo::detect_a32_layout(district_layer).has_value();
    const geo::MetricCrsChoice metric = metric_crs(project, district_layer);
    r.crs_reason = metric.reason;
    r.districts = demand::build_districts(std::move(district_layer), metric.crs, project.districts.options);
    inputs.emplace_back("districts",
                        fmt::format("{}: {} districts", project.districts.file.string(), r.districts.size()));
    {
        std::string names;
        for (const auto& d : r.districts.items) names += (names.empty() ? "" : ", ") + d.name;
        stages.done(fmt::format("{} districts: {}", r.districts.size(), names));
    }
    stages.note(metric.reason);
    for (const auto& n : r.districts.notes) stages.note(n);

    stages.start("population");
    const demand::Population population = read_population(project.population, metric.crs);
    {
        const auto totals = population.totals();
        std::string text;
        for (std::size_t b = 0; b < population.bands.size(); ++b)
            text += fmt::format("{}{} {}", text.empty() ? "" : ", ", population.bands[b], people(totals[b]));
        inputs.emplace_back("population", fmt::format("{}: {} units ({}), {}", project.population.file.string(),
                                                      population.units.size(), population.report.encoding, text));
        stages.done(fmt::format("{} units: {}", population.units.size(), text));
    }
    if (population.report.missing_values > 0)
        stages.note(
            fmt::format("{} values were X (suppressed) or - and count as 0; e-Stat adds suppressed people to "
                        "a neighbouring unit, so totals hold",
                        population.report.missing_values));
    for (const auto& n : population.report.notes) stages.note(n);

    if (project.survey) {
        stages.start("needs survey");
        const SurveyConfig& s = *project.survey;
        demand::SurveyOptions options;
        options.min_respondents = s.min_respondents;
        if (s.shape == SurveyShape::District)
            r.survey =
                demand::survey_by_district(demand::read_district_survey(s.file, s.district), r.districts, options);
        else
            r.survey = demand::aggregate_respondents(demand::read_respondent_survey(s.file, s.respondent), r.districts,
                                                     options);
        inputs.emplace_back("survey", fmt::format("{}: {} rows ({})", s.file.string(), r.survey->report.rows,
                                                  r.survey->report.encoding));
        stages.done(fmt::format("{} rows, need kinds: {}", r.survey->report.rows, [&] {
            std::string t;
            for (const auto& n : r.survey->needs) t += (t.empty() ? "" : ", ") + n;
            return t;
        }()));
        for (const auto& line : r.survey->report.lines()) stages.note(line);
        if (r.survey->report.rows_unknown_key > 0)
            stages.warn(fmt::format("{}: {} rows name no district; see the join report above", s.file.string(),
                                    r.survey->report.rows_unknown_key));
        for (const auto& d : r.survey->report.small_sample_districts)
            stages.warn(
                fmt::format("district {} has fewer than {} respondents: its rates are noise-prone (see the "
                            "95% intervals)",
                            d, s.min_respondents));
    }

    stages.start("demand points");
    demand::DemandConfig demand_config;
    demand_config.elderly_band = project.population.elderly_band;
    r.demand = demand::build_demand_points(r.districts, population, r.survey ? &*r.survey : nullptr, demand_config);
    stages.done(fmt::format("{} points", r.demand.points.size()));
    for (const auto& line : r.demand.report.lines(r.demand.bands)) stages.note(line);
    for (const ResourceConfig& kind : project.resources) {
        if (kind.need.empty()) continue;
        const auto need = std::find(r.demand.needs.begin(), r.demand.needs.end(), kind.need) - r.demand.needs.begin();
        for (std::size_t d = 0; d < r.districts.size(); ++d)
            if (!r.demand.districts[d].weights[static_cast<std::size_t>(need)])
                stages.warn(fmt::format("district {} has no survey rate for {}: its need for {} counts as 0",
                                        r.districts[d].name, kind.need, kind.kind));
    }

    stages.start("streets");
    network::NetworkReport street_report;
    const network::WalkNetwork streets =
        !project.streets.osm.empty()
            ? network::load_osm_network(project.streets.osm, network::WalkProfile{}, street_report, metric.crs)
            : network::load_line_network(project.streets.network, network::WalkProfile{},
                                         network::LineNetworkOptions{project.streets.network_layer, 0.5, "highway"},
                                         street_report, metric.crs);
    inputs.emplace_back("streets", fmt::format("{}: {} of {} ways walkable", street_report.source,
                                               street_report.ways_used, street_report.ways_read));
    stages.done(fmt::format("{} walkable ways, {} junctions, {:.0f} km", street_report.ways_used, streets.node_count(),
                            streets.total_length_m() / 1000));
    for (const auto& n : street_report.notes) stages.note(n);

    stages.start("resources and candidates");
    std::vector<std::string> notes;
    for (const ResourceConfig& kind : project.resources) {
        auto sites =
            read_sites(kind.file, kind.layer, kind.kind, kind.name_field, kind.capacity_field, metric.crs, notes);
        for (auto& s : sites) s.food_store = kind.food_store;
        inputs.emplace_back(kind.kind, fmt::format("{}: {} places", kind.file.string(), sites.size()));
        r.resources.insert(r.resources.end(), sites.begin(), sites.end());
    }
    if (project.candidates.enabled()) {
        r.candidates = project.candidates.grid_m
                           ? grid_candidates(population, *population.band(project.population.elderly_band),
                                             *project.candidates.grid_m)
                           : read_sites(project.candidates.file, project.candidates.layer, "candidate",
                                        project.candidates.name_field, "", metric.crs, notes);
        inputs.emplace_back("candidates",
                            project.candidates.grid_m
                                ? fmt::format("a {} m grid over populated land: {} points", *project.candidates.grid_m,
                                              r.candidates.size())
                                : fmt::format("{}: {} places", project.candidates.file.string(), r.candidates.size()));
    }
    place_sites(r.resources, r.districts, streets, params.max_snap_m);
    place_sites(r.candidates, r.districts, streets, params.max_snap_m);
    std::vector<network::Snap> point_snaps;
    for (const auto& p : r.demand.points) point_snaps.push_back(streets.snap(p.position, params.max_snap_m));
    stages.done(fmt::format("{} resources, {} candidates", r.resources.size(), r.candidates.size()));
    for (const auto& n : notes) stages.note(n);
    auto unreachable = [&](std::span<const network::Snap> snaps, const char* what) {
        const auto far = std::count_if(snaps.begin(), snaps.end(),
                                       [](const auto& s) { return s.status == network::SnapStatus::TooFar; });
        if (far > 0)
            stages.warn(fmt::format("{} {} lie more than {} m from any walkable way: they are counted as unreachable",
                                    far, what, params.max_snap_m));
    };
    unreachable(point_snaps, "demand points");
    {
        std::vector<network::Snap> s;
        for (const auto& site : r.resources) s.push_back(site.snap);
        unreachable(s, "resources");
        s.clear();
        for (const auto& site : r.candidates) s.push_back(site.snap);
        unreachable(s, "candidates");
    }

    std::optional<transit::Timetable> timetable;
    std::optional<transit::TransitNetwork> bus;
    std::vector<transit::Feed> feeds;
    Seconds departure{9 * 3600};
    if (project.transit.enabled()) {
        stages.start("bus timetable");
        const std::string& text = project.transit.departure;
        const auto date = transit::parse_iso_date(text.substr(0, 10));
        int hh = 0;
        int mm = 0;
        if (!date || text.size() != 16 || (text[10] != 'T' && text[10] != ' ') ||
            std::sscanf(text.c_str() + 11, "%2d:%2d", &hh, &mm) != 2)
            throw geo::InputError(
                fmt::format("{}: [transit] departure \"{}\" is not YYYY-MM-DDTHH:MM", project.file.string(), text));
        departure = Seconds(hh * 3600 + mm * 60);
        for (const auto& g : project.transit.gtfs) feeds.push_back(transit::load_feed(g));
        transit::DayReport day;
        timetable = transit::build_timetable(feeds, *date, transit::DayOptions{}, day);
        transit::StreetOptions street;
        street.walk_speed_kmh = params.walk_speed_kmh;
        street.max_walk_to_stop_m = project.transit.max_walk_to_stop;
        street.max_snap_m = params.max_snap_m;
        bus = transit::link_to_streets(*timetable, streets, street);
        r.mode = fmt::format("walk + bus, {} ({}) from {} for {} min, percentile {}", date->to_string(),
                             transit::to_string(date->weekday()), text.substr(11), project.transit.window,
                             project.transit.percentile);
        for (const auto& f : feeds) {
            inputs.emplace_back(
                "GTFS", fmt::format("{}: {} stops, {} trips", f.source, f.stops.size(), f.running_trip_count()));
            std::string agencies;
            for (const auto& a : f.agencies) agencies += (agencies.empty() ? "" : ", ") + a.name;
            r.attributions.push_back(fmt::format("GTFS {} ({}): see the feed publisher's licence", f.name, agencies));
        }
        stages.done(fmt::format("{}: {} trips at {} stops ({} on the streets)", date->to_string(),
                                timetable->trip_count(), timetable->stop_count(),
                                timetable->stop_count() - bus->stops_unlinked));
        for (const auto& w : day.warnings) stages.warn(w);
    } else {
        r.mode = fmt::format("walk at {} km/h", params.walk_speed_kmh);
    }

    stages.start("travel times");
    std::vector<Site> all_sites = r.resources;
    all_sites.insert(all_sites.end(), r.candidates.begin(), r.candidates.end());
    std::vector<network::Snap> site_snaps;
    for (const auto& s : all_sites) site_snaps.push_back(s.snap);
    TravelTimeRequest request;
    request.limit_min = std::max(2 * params.threshold_min, params.threshold_min + 30);
    request.walk_speed_kmh = params.walk_speed_kmh;
    request.transit = bus ? &*bus : nullptr;
    request.departure = departure;
    request.window = project.transit.window;
    request.percentile = project.transit.percentile;
    request.max_rides = project.transit.max_rides;
    const TravelTimeMatrix times = point_to_site_times(streets, point_snaps, site_snaps, request, stages.progress());
    // With buses, the same on foot alone, to show what the buses add.
    std::optional<TravelTimeMatrix> walk_times;
    if (bus) {
        TravelTimeRequest on_foot = request;
        on_foot.transit = nullptr;
        walk_times = point_to_site_times(streets, point_snaps, site_snaps, on_foot, stages.progress());
    }
    stages.done(fmt::format("{} points x {} places: {} pairs within {:.0f} min", point_snaps.size(), site_snaps.size(),
                            times.entry_count(), request.limit_min));

    stages.start("access");
    for (const ResourceConfig& kind : project.resources) {
        KindResult k;
        k.config = &kind;
        k.access = kind_access(r.demand, times, r.resources, kind, params.threshold_min);
        k.districts = district_access(r.demand, k.access, r.resources, r.districts.size());
        if (walk_times) {
            k.walk_access = kind_access(r.demand, *walk_times, r.resources, kind, params.threshold_min);
            k.walk_districts = district_access(r.demand, *k.walk_access, r.resources, r.districts.size());
        }
        r.kinds.push_back(std::move(k));
    }
    std::vector<Site> food;
    for (const auto& s : r.resources)
        if (s.food_store) food.push_back(s);
    if (!food.empty()) {
        const auto band65 =
            r.demand.bands.end() != std::find(r.demand.bands.begin(), r.demand.bands.end(), "pop65")
                ? static_cast<std::size_t>(std::find(r.demand.bands.begin(), r.demand.bands.end(), "pop65") -
                                           r.demand.bands.begin())
                : r.demand.elderly_band;
        std::vector<double> share(r.districts.size(), params.no_car_share.value_or(1.0));
        if (!params.no_car_need.empty() && r.survey) {
            const auto n =
                static_cast<std::size_t>(std::find(r.survey->needs.begin(), r.survey->needs.end(), params.no_car_need) -
                                         r.survey->needs.begin());
            for (std::size_t d = 0; d < r.districts.size(); ++d)
                if (r.survey->districts[d] && r.survey->districts[d]->needs[n])
                    share[d] = r.survey->districts[d]->needs[n]->rate;
            r.yardstick_note = fmt::format("no-car share per district from the survey's {}", params.no_car_need);
        } else if (params.no_car_share) {
            r.yardstick_note = fmt::format("no-car share {} for every district (parameter)", *params.no_car_share);
        } else {
            r.yardstick_note =
                "no car share given (no_car_share or no_car_need): counts everyone 500 m or more from "
                "a food store, an upper bound";
        }
        r.yardstick = yardstick(r.demand, food, band65, share, r.districts.size());
    } else {
        r.yardstick_note = "no food store among the resources (food_store = true): not computed";
    }
    stages.done(fmt::format("{} kinds of resource, threshold {} min", r.kinds.size(), params.threshold_min));

    if (project.candidates.enabled() && params.new_sites > 0) {
        stages.start("site ranking");
        std::string text;
        for (KindResult& k : r.kinds) {
            if (std::find(project.candidates.kinds.begin(), project.candidates.kinds.end(), k.config->kind) ==
                project.candidates.kinds.end())
                continue;
            k.siting = rank_sites(r, k.access, times, r.resources.size(), project);
            text += fmt::format("{}{}: {} sites, {}", text.empty() ? "" : "; ", k.config->kind,
                                k.siting->candidates.size(), k.siting->result.method_note);
        }
        stages.done(text);
    }

    stages.start("service areas");
    std::vector<geo::Feature> areas;
    {
        network::WalkSearch search(streets);
        const network::EffortDm limit = network::effort_in(params.threshold_min * 60, params.walk_speed_kmh / 3.6);
        for (const KindResult& k : r.kinds) {
            std::vector<network::Snap> origins;
            for (const std::size_t j : k.access.sites) origins.push_back(r.resources[j].snap);
            geo::MultiPolygon area = network::service_area(streets, search, origins, limit, 50);
            const double km2 = geo::area(area) / 1e6;
            areas.push_back({static_cast<std::int64_t>(areas.size() + 1),
                             std::move(area),
                             {k.config->kind, params.threshold_min, params.walk_speed_kmh, km2}});
        }
    }
    stages.done(fmt::format("{} areas within {} min on foot", areas.size(), params.threshold_min));

    stages.start("writing " + output.filename().string());
    if (!project.streets.osm.empty()) r.attributions.push_back("© OpenStreetMap contributors (ODbL 1.0)");
    if (a32) r.attributions.push_back("「国土数値情報（中学校区データ）」（国土交通省）を加工して作成");
    if (project.population.source != PopulationSource::Layer)
        r.attributions.push_back("出典：政府統計の総合窓口(e-Stat)を加工して作成");
    for (const auto& a : project.attribution) r.attributions.push_back(a);

    std::vector<geo::Layer> layers;
    layers.push_back(districts_layer(r));
    layers.push_back(demand_layer(r));
    layers.push_back(sites_layer(r, r.resources, "resources"));
    layers.push_back(candidates_layer(r));
    {
        geo::Layer a;
        a.name = "service_areas";
        a.crs = r.districts.crs;
        a.geometry_kind = geo::GeometryKind::Polygons;
        a.fields = {{"kind", geo::FieldType::String},
                    {"minutes", geo::FieldType::Real},
                    {"walk_kmh", geo::FieldType::Real},
                    {"area_km2", geo::FieldType::Real}};
        a.features = std::move(areas);
        layers.push_back(std::move(a));
    }
    stages.done(fmt::format("{} layers", layers.size() + 1));
    layers.push_back(summary_layer(r, project, inputs));
    // QGIS opens the districts shaded as needmap's viewer shows them, one style per kind.
    geo::WriteOptions write;
    for (const KindResult& k : r.kinds)
        write.styles.push_back(
            {"districts_access", k.config->kind + " gap",
             fmt::format("{}: share of older people beyond {} min (needmap)", k.config->kind, params.threshold_min),
             districts_gap_qml(field(k.config->kind, "gap_share"), "name"), write.styles.empty()});
    geo::write_layers(output, layers, write);
    return r;
}

std::string summary_table(const RunResult& r, const Project& project) {
    const double threshold = project.parameters.threshold_min;
    std::string out =
        fmt::format("\n{}\nWho cannot reach each kind of place within {} minutes ({})\n", r.project, threshold, r.mode);
    for (const KindResult& k : r.kinds) {
        const std::string need = k.config->need.empty() ? "older people" : k.config->need;
        out += fmt::format("\n{} (need: {}), districts by unmet need\n", k.config->kind, need);
        const bool walk = !k.walk_districts.empty();
        out += fmt::format("  {:<14} {:>10} {:>10} {:>6} {:>8} {:>8} {:>7} {:>6}{}\n", "district", "older", "beyond",
                           "share", "need", "unmet", "median", "inside", walk ? "   on foot only" : "");
        out += fmt::format("  {:<14} {:>10} {:>10} {:>6} {:>8} {:>8} {:>7} {:>6}{}\n", "", "people",
                           fmt::format("{} min", threshold), "", "", "need", "min", "",
                           walk ? fmt::format("   beyond {} min", threshold) : "");
        std::vector<std::size_t> order(k.districts.size());
        for (std::size_t d = 0; d < order.size(); ++d) order[d] = d;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return k.districts[a].uncovered_need > k.districts[b].uncovered_need;
        });
        for (const std::size_t d : order) {
            const auto& a = k.districts[d];
            out += fmt::format("  {:<14} {:>10} {:>10} {:>6} {:>8.1f} {:>8.1f} {:>7} {:>6}{}\n", r.districts[d].name,
                               people(a.elderly), people(a.uncovered_people), percent(a.uncovered_share()), a.need,
                               a.uncovered_need, minutes(a.median_min), a.resources_inside,
                               walk ? fmt::format("   {:>8} {:>6}", people(k.walk_districts[d].uncovered_people),
                                                  percent(k.walk_districts[d].uncovered_share()))
                                    : "");
        }
        if (k.siting) {
            const auto& s = *k.siting;
            out += fmt::format("  new {} sites, by need newly within {} min ({}):\n", k.config->kind, threshold,
                               s.result.method_note);
            for (std::size_t i = 0; i < s.candidates.size(); ++i)
                out += fmt::format("    {}. {}: +{:.1f} ({} of the unmet need so far) in {}\n", i + 1,
                                   r.candidates[s.candidates[i]].name, s.result.gain[i],
                                   percent(s.uncovered_need > 0 ? s.cumulative[i] / s.uncovered_need : 0),
                                   s.district_gains[i]);
            if (s.candidates.empty()) out += "    no candidate covers any unmet need\n";
        }
    }
    if (!r.yardstick.empty()) {
        // needmap's gap for the kinds that are food stores, beside the national definition.
        const KindResult* food = nullptr;
        for (const KindResult& k : r.kinds)
            if (k.config->food_store) food = &k;
        out += fmt::format(
            "\nShopping access beside the national yardstick (農水省 食料品アクセス困難人口: people 65+ "
            "500 m or more\nfrom a food store who cannot use a car; Japan 2020: {:.2f} million, {} of "
            "people 65+)\n",
            kNationalYardstickPeople / 1e6, percent(kNationalYardstickShare));
        out += fmt::format("  {:<14} {:>12} {:>7}   {:>14} {:>7}\n", "district", "yardstick", "share",
                           fmt::format("beyond {} min", threshold), "share");
        for (std::size_t d = 0; d < r.yardstick.size(); ++d) {
            const auto& y = r.yardstick[d];
            out += fmt::format("  {:<14} {:>12} {:>7}   {:>14} {:>7}\n", r.districts[d].name, people(y.people()),
                               percent(y.share()), food ? people(food->districts[d].uncovered_people) : "-",
                               food ? percent(food->districts[d].uncovered_share()) : "-");
        }
        out += fmt::format("  (yardstick: {}; needmap: older people beyond {} min of a {} on foot{})\n",
                           r.yardstick_note, threshold, food ? food->config->kind : "food store",
                           project.transit.enabled() ? " or by bus" : "");
    }
    return out;
}

}  // namespace needmap::analysis::pipeline
