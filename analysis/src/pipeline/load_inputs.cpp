#include "needmap/analysis/network/loaders.hpp"
#include "needmap/analysis/network/walk_matrix.hpp"
#include "needmap/analysis/pipeline/model.hpp"
#include "needmap/analysis/transit/transit.hpp"
#include "needmap/analysis/transit/transit_matrix.hpp"
#include "needmap/geo/csv.hpp"
#include "needmap/geo/error.hpp"
#include "needmap/geo/ksj.hpp"
#include "needmap/geo/layer_io.hpp"
#include "needmap/geo/mesh.hpp"
#include "needmap/geo/overlay.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <limits>
#include <numbers>
#include <optional>
#include <set>
#include <unordered_map>

namespace needmap::analysis::pipeline {
namespace {
namespace fs = std::filesystem;

using Clock = std::chrono::steady_clock;

/// Stages, each reported to the feedback and timed into the model.
class Stages {
public:
    Stages(Feedback& feedback, Model& model) : m_feedback(feedback), m_model(model) {}
    void start(std::string name) {
        m_feedback.check();
        m_name = std::move(name);
        m_start = Clock::now();
        m_feedback.stage(m_name);
    }
    void done(const std::string& what) {
        m_model.timings.emplace_back(m_name, std::chrono::duration<double>(Clock::now() - m_start).count());
        m_feedback.done(what);
    }
    void note(const std::string& line) { m_feedback.note(line); }
    /// Whether people read Japanese: the result lines and warnings are then written in it.
    [[nodiscard]] bool ja() const { return m_feedback.japanese(); }
    void warn(const std::string& line) {
        m_model.warnings.push_back(line);
        m_feedback.warn(line);
    }

private:
    Feedback& m_feedback;
    Model& m_model;
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

demand::Population read_population_file(const PopulationConfig& c, const fs::path& file, const geo::Crs& metric) {
    switch (c.source) {
        case PopulationSource::Mesh:
            return demand::read_mesh_population(file, c.bands, metric);
        case PopulationSource::SmallArea: {
            demand::SmallAreaOptions options;
            options.key_field = c.key_field.empty() ? "KEY_CODE" : c.key_field;
            options.where = c.where;
            return demand::read_small_area_population(file, c.boundaries, c.bands, metric, options);
        }
        case PopulationSource::Layer: {
            demand::LayerPopulationOptions options;
            options.id_field = c.key_field;
            options.where = c.where;
            return demand::read_layer_population(file, c.bands, metric, options);
        }
    }
    return {};
}

/// The population of every file, as one. A unit in two files (the same sheet given twice) is refused.
demand::Population read_population(const PopulationConfig& c, const geo::Crs& metric) {
    demand::Population all = read_population_file(c, c.files.front(), metric);
    std::unordered_map<std::string, std::string> file_of;
    for (const auto& u : all.units) file_of.emplace(u.id, c.files.front().filename().string());
    for (std::size_t f = 1; f < c.files.size(); ++f) {
        demand::Population more = read_population_file(c, c.files[f], metric);
        const std::string name = c.files[f].filename().string();
        for (auto& u : more.units) {
            if (const auto [it, fresh] = file_of.emplace(u.id, name); !fresh)
                throw geo::InputError(fmt::format("{} {}: unit {} is also in {}; give each population file once",
                                                  c.files[f].string(), u.origin, u.id, it->second));
            all.units.push_back(std::move(u));
        }
        all.source += ", " + more.source;
        all.report.encoding += ", " + more.report.encoding;
        all.report.missing_values += more.report.missing_values;
        all.report.notes.insert(all.report.notes.end(), more.report.notes.begin(), more.report.notes.end());
    }
    return all;
}

/// Mesh sheets (1st-level cells, 80 km) that part of a district lies on but no population file
/// covers: its people there are missing, so its gap is understated (宇部市 reaches from sheet
/// 5131 into 5031).
std::vector<std::string> sheets_missing(const demand::District& district, const std::set<std::string>& sheets,
                                        const geo::Transformer& to_lon_lat, const geo::Transformer& to_metric) {
    const auto box = geo::envelope(geo::Geometry(district.geometry));
    if (!box) return {};
    std::array<geo::Point, 4> corners{box->min_corner(), box->max_corner(), geo::Point{box->min_corner().x, box->max_corner().y},
                                      geo::Point{box->max_corner().x, box->min_corner().y}};
    to_lon_lat.transform(corners);
    std::set<std::string> touched;
    for (const auto& p : corners)  // where mesh codes exist (latitude 0-66.67°N, longitude 100-200°E)
        if (p.y >= 0 && p.y < 66.6 && p.x >= 100 && p.x < 200)
            touched.insert(geo::MeshCode::containing(p, geo::MeshLevel::First).to_string());
    std::vector<std::string> missing;
    for (const auto& sheet : touched) {
        if (sheets.contains(sheet)) continue;
        geo::MultiPolygon cell = geo::MeshCode::parse(sheet).polygon();
        for (auto& polygon : cell) {
            to_metric.transform(polygon.outer());
        }
        if (!geo::intersection(district.geometry, cell).empty()) missing.push_back(sheet);
    }
    return missing;
}

std::string people(double n) {
    return fmt::format("{:.0f}", n);
}

/// Districts that overlap would count the people in the overlap in each of them. Slivers (under 1%
/// of the smaller district) are digitising noise and pass; more is warned about; more than 10%
/// (a district drawn twice, a layer of two editions) is refused.
void check_overlaps(const demand::Districts& districts, const std::string& file, Stages& stages) {
    const auto polygons = districts.polygons();
    std::vector<std::string> refused;
    for (const geo::Overlap& o : geo::intersection_areas(polygons, polygons)) {
        if (o.a >= o.b) continue;
        const auto& a = districts[o.a];
        const auto& b = districts[o.b];
        const auto& smaller = a.area_m2 <= b.area_m2 ? a : b;
        const double share = smaller.area_m2 > 0 ? o.area / smaller.area_m2 : 1.0;
        if (share < 0.01) continue;
        const std::string what = fmt::format("districts {} and {} overlap by {:.1f} ha ({:.0f}% of {})", a.name,
                                             b.name, o.area / 1e4, share * 100, smaller.name);
        if (share > 0.10)
            refused.push_back(what);
        else if (stages.ja())
            stages.warn(fmt::format("{} と {} が {:.1f} ha（{} の {:.0f}%）重なっています。重なった所の人は両方に数えます",
                                    a.name, b.name, o.area / 1e4, smaller.name, share * 100));
        else
            stages.warn(what + ": the people there are counted in both");
    }
    if (!refused.empty()) {
        std::string list;
        for (const auto& r : refused) list += "\n  " + r;
        throw geo::InputError(fmt::format(
            "{}: districts overlap, so the people in the overlaps would be counted twice:{}\n"
            "fix the layer so that no two districts overlap (in QGIS: the Topology Checker, rule \"must not "
            "overlap\"), or give each area to one district",
            file, list));
    }
}

void load_districts(Model& m, Stages& stages) {
    const Project& project = m.project;
    stages.start("districts");
    geo::ReadOptions read;
    read.layer = project.districts.options.layer;
    read.where = project.districts.where;
    read.fid_as_field = geo::means_fid(project.districts.options.id_field);
    geo::Layer layer = geo::read_layer(project.districts.file, read);
    const bool a32 = project.districts.options.id_field.empty() && geo::detect_a32_layout(layer).has_value();
    const geo::MetricCrsChoice metric = metric_crs(project, layer);
    m.crs_reason = metric.reason;
    m.districts = demand::build_districts(std::move(layer), metric.crs, project.districts.options);
    m.inputs.emplace_back("districts",
                          fmt::format("{}: {} districts", project.districts.file.string(), m.districts.size()));
    std::string names;
    for (const auto& d : m.districts.items) names += (names.empty() ? "" : ", ") + d.name;
    stages.done(fmt::format(fmt::runtime(stages.ja() ? "{} 圏域（{}）" : "{} districts: {}"), m.districts.size(), names));
    stages.note(metric.reason);
    for (const auto& n : m.districts.notes) stages.note(n);
    check_overlaps(m.districts, project.districts.file.string(), stages);
    if (a32) m.attributions.emplace_back("「国土数値情報（中学校区データ）」（国土交通省）を加工して作成");
}

/// Districts that the population's areas (small areas, a polygon layer) cover only in part: the
/// people of the rest are missing and the gap is understated, as with a missing mesh sheet.
void warn_uncovered_districts(const demand::Districts& districts, const demand::Population& population, Stages& stages) {
    std::vector<geo::MultiPolygon> areas;
    for (const auto& u : population.units)
        if (const auto* polygon = std::get_if<geo::MultiPolygon>(&u.geometry)) areas.push_back(*polygon);
    if (areas.empty()) return;  // points: no area to cover
    std::vector<double> covered(districts.size(), 0.0);
    for (const geo::Overlap& o : geo::intersection_areas(districts.polygons(), areas)) covered[o.a] += o.area;
    for (std::size_t d = 0; d < districts.size(); ++d) {
        const double share = districts[d].area_m2 > 0 ? covered[d] / districts[d].area_m2 : 1.0;
        if (share >= 0.95) continue;
        stages.warn(fmt::format(
            fmt::runtime(stages.ja() ? "{} の {:.0f}% にしか人口のデータがありません。残りに住む人が抜け、空白が過小になります。"
                                       "隣の地域の人口ファイルを加えてください"
                                     : "the population data cover only {1:.0f}% of district {0}: the people of the rest "
                                       "are missing and its gap is understated; add the neighbouring areas' file"),
            districts[d].name, share * 100));
    }
}

demand::Population load_population(Model& m, Stages& stages) {
    const Project& project = m.project;
    stages.start("population");
    demand::Population population = read_population(project.population, m.districts.crs);
    const auto totals = population.totals();
    std::string text;
    for (std::size_t b = 0; b < population.bands.size(); ++b)
        text += fmt::format("{}{} {}", text.empty() ? "" : ", ", population.bands[b], people(totals[b]));
    m.inputs.emplace_back("population", fmt::format("{}: {} units ({}), {}", population.source,
                                                    population.units.size(), population.report.encoding, text));
    stages.done(fmt::format(fmt::runtime(stages.ja() ? "{} 区画：{}" : "{} units: {}"), population.units.size(), text));
    if (population.report.missing_values > 0)
        stages.note(
            fmt::format("{} values were X (suppressed) or - and count as 0; e-Stat adds suppressed people to "
                        "a neighbouring unit, so totals hold",
                        population.report.missing_values));
    for (const auto& n : population.report.notes) stages.note(n);
    if (project.population.source != PopulationSource::Layer)
        m.attributions.emplace_back("出典：政府統計の総合窓口(e-Stat)を加工して作成");
    return population;
}

/// The centre points of districts to be drawn, and the metric CRS chosen for where they are.
geo::Layer read_centres(Model& m) {
    const DistrictsConfig& c = m.project.districts;
    geo::ReadOptions read;
    read.layer = c.options.layer;
    read.where = c.where;
    geo::Layer layer = geo::read_layer(c.centres, read);
    if (layer.geometry_kind != geo::GeometryKind::Points)
        throw geo::InputError(fmt::format("{}: [districts] centres must be points (a CSV with 緯度 and 経度 columns, "
                                          "or a point layer)",
                                          c.centres.string()));
    const geo::MetricCrsChoice metric = metric_crs(m.project, layer);
    m.crs_reason = metric.reason;
    m.districts.crs = metric.crs;
    return geo::reproject(std::move(layer), metric.crs);
}

/// A disc of `radius` around `centre`, as a 64-gon.
geo::MultiPolygon disc(geo::Point centre, double radius) {
    geo::Polygon p;
    constexpr int kSides = 64;
    for (int i = 0; i <= kSides; ++i) {
        const double a = 2 * std::numbers::pi * (i % kSides) / kSides;
        p.outer().push_back({centre.x + radius * std::cos(a), centre.y + radius * std::sin(a)});
    }
    return {p};
}

/// One district per centre: the area nearer to it than to any other centre (its Voronoi cell),
/// within the municipal boundary when one is given, else within the populated cells that lie
/// within `reach` of some centre. Approximate, and said so.
void make_centre_districts(Model& m, geo::Layer centres, const demand::Population& population, Stages& stages) {
    const DistrictsConfig& c = m.project.districts;
    stages.start("districts");
    const geo::Crs& metric = m.districts.crs;
    std::vector<geo::Point> points;
    for (const auto& f : centres.features) points.push_back(std::get<geo::Point>(f.geometry));
    geo::MultiPolygon area;
    std::string within;
    if (!c.boundary.empty()) {
        geo::Layer boundary = geo::reproject(geo::read_layer(c.boundary), metric);
        std::vector<geo::MultiPolygon> parts;
        for (const auto& f : boundary.features)
            if (const auto* mp = std::get_if<geo::MultiPolygon>(&f.geometry)) parts.push_back(*mp);
        if (parts.empty())
            throw geo::InputError(fmt::format("{}: [districts] boundary holds no polygons", c.boundary.string()));
        area = geo::unite(parts);
        within = fmt::format("within the boundary in {}", c.boundary.filename().string());
    } else {
        std::vector<geo::MultiPolygon> populated;
        for (const auto& u : population.units)
            if (const auto* mp = std::get_if<geo::MultiPolygon>(&u.geometry);
                mp != nullptr && std::any_of(u.people.begin(), u.people.end(), [](double n) { return n > 0; }))
                populated.push_back(*mp);
        std::vector<geo::MultiPolygon> discs;
        for (const auto& p : points) discs.push_back(disc(p, c.reach_m));
        area = geo::intersection(geo::unite(populated), geo::unite(discs));
        within = fmt::format("within the populated cells up to {:.0f} m from a centre", c.reach_m);
    }
    const auto cells = geo::voronoi_cells(points, area);
    const bool named = !c.options.name_field.empty();
    const std::size_t name = named ? centres.require_field(c.options.name_field) : 0;
    geo::Layer drawn;
    drawn.name = "districts";
    drawn.source = c.centres.string();
    drawn.crs = metric;
    drawn.fields = {{"id", geo::FieldType::String}, {"name", geo::FieldType::String}};
    std::size_t empty = 0;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const std::string label = named ? std::string(geo::trim(geo::to_text(centres.features[i].values[name])))
                                        : fmt::format("centre {}", i + 1);
        if (cells[i].empty()) {
            ++empty;
            stages.warn(fmt::format(
                fmt::runtime(stages.ja() ? "{}：{} 番目の拠点（{}）には圏域がありません。他の拠点と同じ場所にあるか、"
                                           "人の住まない所にあります"
                                         : "{}: centre {} ({}) has no district: it shares its place with another "
                                           "centre, or lies where nobody lives"),
                c.centres.filename().string(), i + 1, label));
            continue;
        }
        drawn.features.push_back({static_cast<std::int64_t>(i + 1), cells[i], {fmt::format("{}", i + 1), label}});
    }
    if (drawn.features.empty())
        throw geo::InputError(fmt::format("{}: no centre has a district {}", c.centres.string(), within));
    drawn.geometry_kind = geo::GeometryKind::Polygons;
    demand::DistrictOptions options;
    options.id_field = "id";
    options.name_field = "name";
    m.districts = demand::build_districts(std::move(drawn), metric, options);
    m.inputs.emplace_back("districts", fmt::format("drawn from {} centres in {}: the area nearer to each centre, {}",
                                                   points.size() - empty, c.centres.string(), within));
    stages.done(fmt::format(fmt::runtime(stages.ja() ? "拠点の点から {} 圏域を作成" : "{} districts drawn from centre points"),
                            m.districts.size()));
    stages.note(m.crs_reason);
    for (const auto& n : centres.report.notes) stages.note(fmt::format("{}: {}", c.centres.filename().string(), n));
    if (stages.ja())
        stages.warn("圏域は概略です。それぞれの拠点に最も近い範囲を圏域としています。町に中学校区のポリゴンがあれば、"
                    "そちらを指定してください");
    else
        stages.warn(fmt::format("the districts are approximate: each is the area nearer to its centre than to any "
                                "other, {}; give the real 中学校区 polygons when the town has them",
                                within));
}

void load_survey(Model& m, Stages& stages) {
    const SurveyConfig& s = *m.project.survey;
    stages.start("needs survey");
    demand::SurveyOptions options;
    options.min_respondents = s.min_respondents;
    if (s.shape == SurveyShape::District)
        m.survey = demand::survey_by_district(demand::read_district_survey(s.file, s.district), m.districts, options);
    else
        m.survey =
            demand::aggregate_respondents(demand::read_respondent_survey(s.file, s.respondent), m.districts, options);
    m.inputs.emplace_back("survey",
                          fmt::format("{}: {} rows ({})", s.file.string(), m.survey->report.rows, m.survey->report.encoding));
    std::string needs;
    for (const auto& n : m.survey->needs) needs += (needs.empty() ? "" : ", ") + n;
    stages.done(fmt::format(fmt::runtime(stages.ja() ? "{} 行、ニーズ：{}" : "{} rows, need kinds: {}"), m.survey->report.rows,
                            needs));
    for (const auto& line : m.survey->report.lines()) stages.note(line);
    // A survey that matches no district gives every district a need of 0: a confident, wrong map.
    const auto& rated = m.survey->districts;
    if (!rated.empty() && std::none_of(rated.begin(), rated.end(), [](const auto& d) { return d.has_value(); })) {
        std::string names;
        for (std::size_t d = 0; d < m.districts.size() && d < 5; ++d)
            names += (names.empty() ? "" : ", ") + m.districts[d].name;
        throw geo::InputError(fmt::format(
            "{}: none of its {} rows matches a district, so no district would have a need; its district names must "
            "be the districts' names or ids (the districts are: {}{})",
            s.file.string(), m.survey->report.rows, names, m.districts.size() > 5 ? ", ..." : ""));
    }
    if (m.survey->report.rows_unknown_key > 0)
        stages.warn(fmt::format(fmt::runtime(stages.ja() ? "{}：{} 行がどの圏域にも当たりません（上の突き合わせ結果を参照）"
                                                         : "{}: {} rows name no district; see the join report above"),
                                s.file.string(), m.survey->report.rows_unknown_key));
    for (const auto& d : m.survey->report.small_sample_districts)
        stages.warn(fmt::format(
            fmt::runtime(stages.ja() ? "{} は回答者が {} 人未満です。率のぶれが大きいので注意してください（95% 区間を参照）"
                                     : "district {} has fewer than {} respondents: its rates are noise-prone (see the "
                                       "95% intervals)"),
            d, s.min_respondents));
}

geo::Box districts_extent(const demand::Districts& districts) {
    const double inf = std::numeric_limits<double>::infinity();
    geo::Point lo{inf, inf};
    geo::Point hi{-inf, -inf};
    for (const auto& d : districts.items) {
        const auto box = geo::envelope(geo::Geometry(d.geometry));
        if (!box) continue;
        lo = {std::min(lo.x, box->min_corner().x), std::min(lo.y, box->min_corner().y)};
        hi = {std::max(hi.x, box->max_corner().x), std::max(hi.y, box->max_corner().y)};
    }
    return {lo, hi};
}

/// Metres from a point to a box (0 inside it).
double distance_to(const geo::Box& box, const geo::Point& p) {
    const double dx = std::max({box.min_corner().x - p.x, 0.0, p.x - box.max_corner().x});
    const double dy = std::max({box.min_corner().y - p.y, 0.0, p.y - box.max_corner().y});
    return std::hypot(dx, dy);
}

/// Places of a kind that all lie far beyond the districts are another town's list (or one with
/// longitude and latitude swapped): every gap would be 100%, a confident and wrong map.
void check_near_districts(const std::vector<Site>& sites, const geo::Box& area, const ResourceConfig& kind) {
    constexpr double kFar = 10'000;  // m: beyond any walk, and beyond most bus rides to a salon
    double nearest = std::numeric_limits<double>::infinity();
    for (const auto& s : sites) nearest = std::min(nearest, distance_to(area, s.position));
    if (!sites.empty() && nearest > kFar)
        throw geo::InputError(fmt::format(
            "{}: every one of its {} places ({}) lies far beyond the districts, the nearest {:.0f} km away: is it "
            "another town's list, or are longitude and latitude swapped? give the {} of the districts' area",
            kind.file.string(), sites.size(), kind.kind, nearest / 1000, kind.kind));
}

void load_places(Model& m, const demand::Population& population, Stages& stages) {
    const Project& project = m.project;
    stages.start("resources and candidates");
    const geo::Crs& metric = m.districts.crs;
    std::vector<std::string> notes;
    std::vector<std::string> warnings;
    const geo::Box area = districts_extent(m.districts);
    for (const ResourceConfig& kind : project.resources) {
        auto sites = read_sites({kind.file, kind.layer, kind.where, kind.name_field, kind.capacity_field}, kind.kind,
                                metric, notes, warnings);
        for (auto& s : sites) s.food_store = kind.food_store;
        m.inputs.emplace_back(kind.kind, fmt::format("{}: {} places", kind.file.string(), sites.size()));
        check_near_districts(sites, area, kind);
        m.resources.insert(m.resources.end(), sites.begin(), sites.end());
    }
    if (project.candidates.enabled()) {
        m.candidates = project.candidates.grid_m
                           ? grid_candidates(population, *population.band(project.population.elderly_band),
                                             *project.candidates.grid_m)
                           : read_sites({project.candidates.file, project.candidates.layer, project.candidates.where,
                                         project.candidates.name_field, ""},
                                        "candidate", metric, notes, warnings);
        m.inputs.emplace_back("candidates", project.candidates.grid_m
                                                ? fmt::format("a {} m grid over populated land: {} points",
                                                              *project.candidates.grid_m, m.candidates.size())
                                                : fmt::format("{}: {} places", project.candidates.file.string(),
                                                              m.candidates.size()));
    }
    const double max_snap = project.parameters.max_snap_m;
    place_sites(m.resources, m.districts, *m.streets, max_snap);
    place_sites(m.candidates, m.districts, *m.streets, max_snap);
    if (project.candidates.grid_m) {
        // A grid is laid over the population file, which may reach far beyond the districts (a
        // mesh sheet covers 80 km): only its points inside a district are candidates.
        const std::size_t laid = m.candidates.size();
        std::erase_if(m.candidates, [](const Site& s) { return !s.district; });
        for (std::size_t i = 0; i < m.candidates.size(); ++i) m.candidates[i].id = fmt::format("grid-{}", i + 1);
        name_by_nearest_place(m.candidates, m.resources, metric);
        if (m.candidates.size() < laid)
            notes.push_back(fmt::format("candidates: {} of the {} grid points lie outside every district and are left "
                                        "out",
                                        laid - m.candidates.size(), laid));
        m.inputs.back().second = fmt::format("a {} m grid over populated land in the districts: {} points",
                                             *project.candidates.grid_m, m.candidates.size());
    }
    m.point_snaps.clear();
    for (const auto& p : m.demand.points) m.point_snaps.push_back(m.streets->snap(p.position, max_snap));
    m.point_index = std::make_shared<const geo::PointIndex>(network::snap_index(m.point_snaps));
    stages.done(fmt::format(fmt::runtime(stages.ja() ? "資源 {} か所、候補地 {} か所" : "{} resources, {} candidates"),
                            m.resources.size(), m.candidates.size()));
    for (const auto& n : notes) stages.note(n);
    for (const auto& w : warnings) stages.warn(w);
    // Unreachable points, told apart: beyond the street data's area (the data stops short of them:
    // the gaps near its edge are overstated), or inside it but far from any way.
    const geo::Box streets = m.streets->extent();
    const auto outside = [&](const geo::Point& p) {
        return p.x < streets.min_corner().x - max_snap || p.x > streets.max_corner().x + max_snap ||
               p.y < streets.min_corner().y - max_snap || p.y > streets.max_corner().y + max_snap;
    };
    const bool ja = stages.ja();
    auto unreachable = [&](auto&& snaps_of, auto&& position_of, std::size_t count, const std::string& what) {
        std::size_t beyond = 0;
        std::size_t far = 0;
        std::size_t island = 0;  // on a small disconnected piece of path: reaches only that piece
        std::size_t rescued = 0;  // passed over such a piece to the main network
        for (std::size_t i = 0; i < count; ++i) {
            const network::Snap& snap = snaps_of(i);
            island += snap.status == network::SnapStatus::Island;
            rescued += snap.passed_island;
            if (snap.status == network::SnapStatus::TooFar) ++(outside(position_of(i)) ? beyond : far);
        }
        if (rescued > 0)
            stages.note(fmt::format("{} {} passed over a nearer small disconnected piece of path to join the main "
                                    "network",
                                    rescued, what));
        if (island > 0)
            stages.warn(fmt::format(
                fmt::runtime(ja ? "{1}のうち {0} か所は道路網から切り離された小さな道の上にあり、{2} m 以内に本体の道路網が"
                                  "ありません。その小さな道の中しか行き来できません"
                                : "{0} {1} sit on small disconnected pieces of the network, with no main network "
                                  "within {2} m: they reach only that piece"),
                island, what, max_snap));
        // Most of a kind beyond the streets is a warning of its own: its gaps are overstated well
        // inside the districts, not just at their edge.
        if (beyond > 0)
            stages.warn(fmt::format(
                fmt::runtime(ja ? "{2}の {1} か所のうち {0} か所が道路データの範囲の外にあり、行けない所として数えます。"
                                  "{3}道路データが覆う範囲を広げてください"
                                : "{0} of {1} {2} lie outside the street network's area: they are counted as "
                                  "unreachable, so {3}; give streets that cover them"),
                beyond, count, what,
                2 * beyond > count ? (ja ? "大半が外にあるため、空白地域は全体に過大です。" : "most of them are missing and the gaps are overstated throughout")
                                   : (ja ? "道路データの端の近くの空白地域は過大です。" : "gaps near its edge are overstated")));
        if (far > 0)
            stages.warn(fmt::format(fmt::runtime(ja ? "{1}のうち {0} か所は歩ける道から {2} m 以上離れていて、行けない所として数えます"
                                                    : "{0} {1} lie more than {2} m from any walkable way: they are counted as unreachable"),
                                    far, what, max_snap));
    };
    // Streets of another town reach no one: refused, not mapped as a 100% gap.
    if (!m.point_snaps.empty()) {
        std::size_t beyond = 0;
        for (std::size_t i = 0; i < m.point_snaps.size(); ++i)
            beyond += m.point_snaps[i].status == network::SnapStatus::TooFar && outside(m.demand.points[i].position);
        if (beyond == m.point_snaps.size()) {
            const geo::Point centre{(streets.min_corner().x + streets.max_corner().x) / 2,
                                    (streets.min_corner().y + streets.max_corner().y) / 2};
            throw geo::InputError(fmt::format(
                "{}: the streets cover none of the districts (their middle lies {:.0f} km from the districts): "
                "they are of another area; give streets that cover the districts (an OpenStreetMap extract of "
                "the town, see the README)",
                (project.streets.osm.empty() ? project.streets.network : project.streets.osm).string(),
                distance_to(area, centre) / 1000));
        }
    }
    unreachable([&](std::size_t i) { return m.point_snaps[i]; }, [&](std::size_t i) { return m.demand.points[i].position; },
                m.point_snaps.size(), ja ? "人口の代表点" : "demand points");
    for (const ResourceConfig& kind : project.resources) {  // per kind: most of one kind outside is its own story
        std::vector<std::size_t> of_kind;
        for (std::size_t i = 0; i < m.resources.size(); ++i)
            if (m.resources[i].kind == kind.kind) of_kind.push_back(i);
        unreachable([&](std::size_t i) { return m.resources[of_kind[i]].snap; },
                    [&](std::size_t i) { return m.resources[of_kind[i]].position; }, of_kind.size(),
                    ja ? kind.kind : kind.kind + " places");
    }
    unreachable([&](std::size_t i) { return m.candidates[i].snap; },
                [&](std::size_t i) { return m.candidates[i].position; }, m.candidates.size(), ja ? "候補地" : "candidates");
}

void load_buses(Model& m, Stages& stages) {
    const TransitConfig& t = m.project.transit;
    stages.start("bus timetable");
    std::vector<transit::Feed> feeds;
    for (const auto& g : t.gtfs) feeds.push_back(transit::load_feed(g));
    transit::DayReport day;
    BusModel bus;
    bus.timetable = std::make_shared<const transit::Timetable>(
        transit::build_timetable(feeds, t.date, transit::DayOptions{}, day));
    transit::StreetOptions street;
    street.walk_speed_kmh = m.project.parameters.walk_speed_kmh;
    street.max_walk_to_stop_m = t.max_walk_to_stop;
    street.max_snap_m = m.project.parameters.max_snap_m;
    bus.network = std::make_shared<const transit::TransitNetwork>(
        transit::link_to_streets(*bus.timetable, *m.streets, street));
    m.mode = t.arrive_by ? fmt::format("walk + bus, {} ({}) arriving by {}{}, percentile {}", t.date.to_string(),
                                       transit::to_string(t.date.weekday()), t.departure.substr(11),
                                       t.window > 1 ? fmt::format(" (deadlines over {} min)", t.window) : "", t.percentile)
                         : fmt::format("walk + bus, {} ({}) from {} for {} min, percentile {}", t.date.to_string(),
                                       transit::to_string(t.date.weekday()), t.departure.substr(11), t.window,
                                       t.percentile);
    for (const auto& f : feeds) {
        bus.feeds.push_back(f.name);
        m.inputs.emplace_back("GTFS",
                              fmt::format("{}: {} stops, {} trips", f.source, f.stops.size(), f.running_trip_count()));
        std::string agencies;
        for (const auto& a : f.agencies) agencies += (agencies.empty() ? "" : ", ") + a.name;
        m.attributions.push_back(fmt::format("GTFS {} ({})", agencies, f.name));
    }
    stages.done(fmt::format(fmt::runtime(stages.ja() ? "{}：{} 便、バス停 {} か所（うち道路につながる {} か所）"
                                                     : "{}: {} trips at {} stops ({} on the streets)"),
                            t.date.to_string(),
                            bus.timetable->trip_count(), bus.timetable->stop_count(),
                            bus.timetable->stop_count() - bus.network->stops_unlinked));
    for (const auto& w : day.warnings) stages.warn(w);
    // Buses that run that day, but not at the hour asked: as useless as a day without service.
    if (bus.timetable->trip_count() > 0) {
        // Departures that matter: in the window, or (arriving by) within the limit before the deadlines.
        const std::int32_t limit_s = static_cast<std::int32_t>(time_limit_for(m.project.parameters.threshold_min) * 60);
        const std::int32_t from = t.arrive_by ? t.departure_time.value() - (t.window - 1) * 60 - limit_s
                                              : t.departure_time.value();
        const std::int32_t to = t.arrive_by ? t.departure_time.value() : from + t.window * 60;
        std::size_t leaving = 0;
        std::int32_t first = std::numeric_limits<std::int32_t>::max();
        std::int32_t last = std::numeric_limits<std::int32_t>::min();
        for (const Seconds d : bus.timetable->departure) {
            if (d.value() >= from && d.value() <= to) ++leaving;
            first = std::min(first, d.value());
            last = std::max(last, d.value());
        }
        const auto clock = [](std::int32_t s) { return fmt::format("{}:{:02d}", s / 3600, s % 3600 / 60); };
        if (leaving == 0)
            stages.warn(fmt::format(
                fmt::runtime(stages.ja() ? "{2} の {0}〜{1} に出るバスがありません。バスは徒歩に何も加えません。バスの"
                                           "走る時刻（その日は {3}〜{4}）を departure に指定してください"
                                         : "no bus leaves any stop between {} and {} on {}: the buses add nothing to "
                                           "walking; choose a departure when they run (from {} to {} that day)"),
                clock(from), clock(to), t.date.to_string(), clock(first), clock(last)));
    }
    m.bus = std::move(bus);
}

}  // namespace

Model load_inputs(const Project& project, Feedback& feedback) {
    Model m;
    m.project = project;
    Stages stages(feedback, m);
    const Parameters& params = project.parameters;

    // Districts drawn from centre points need the population (to keep to where people live), and
    // the population needs the districts' CRS: the centres choose it.
    std::optional<geo::Layer> centres;
    if (project.districts.centres.empty()) {
        load_districts(m, stages);
    } else {
        centres = read_centres(m);
    }
    const demand::Population population = load_population(m, stages);
    if (centres) make_centre_districts(m, std::move(*centres), population, stages);
    if (project.population.source == PopulationSource::Mesh) {
        std::set<std::string> sheets;
        for (const auto& u : population.units) sheets.insert(u.id.substr(0, 4));
        const geo::Transformer to_lon_lat(m.districts.crs, geo::jgd2011());  // one PROJ context for all districts
        const geo::Transformer to_metric(geo::jgd2011(), m.districts.crs);
        for (const auto& d : m.districts.items)
            for (const auto& sheet : sheets_missing(d, sheets, to_lon_lat, to_metric))
                stages.warn(fmt::format(
                    fmt::runtime(stages.ja() ? "{0} は第1次メッシュ {1} にかかっていますが、その人口ファイルがありません。"
                                               "そこに住む人が抜け、空白が過小になります。そのメッシュのファイル（例："
                                               "tblT001141H{1}.zip）を [population] file に加えてください"
                                             : "district {0} reaches into mesh sheet {1}, which no population file "
                                               "covers: its people there are missing and its gap is understated; add "
                                               "that sheet's file (e.g. tblT001141H{1}.zip) to [population] file"),
                    d.name, sheet));
    } else {
        warn_uncovered_districts(m.districts, population, stages);
    }

    if (project.survey) load_survey(m, stages);

    stages.start("demand points");
    demand::DemandConfig demand_config;
    demand_config.elderly_band = project.population.elderly_band;
    m.demand = demand::build_demand_points(m.districts, population, m.survey ? &*m.survey : nullptr, demand_config);
    stages.done(fmt::format(fmt::runtime(stages.ja() ? "{} 点" : "{} points"), m.demand.points.size()));
    for (const auto& line : m.demand.report.lines(m.demand.bands)) stages.note(line);
    for (const ResourceConfig& kind : project.resources) {
        if (kind.need.empty()) continue;
        const auto need = std::find(m.demand.needs.begin(), m.demand.needs.end(), kind.need) - m.demand.needs.begin();
        for (std::size_t d = 0; d < m.districts.size(); ++d)
            if (!m.demand.districts[d].weights[static_cast<std::size_t>(need)])
                stages.warn(fmt::format(fmt::runtime(stages.ja() ? "{} にはニーズ調査の「{}」の率がありません。{} のニーズは 0 と数えます"
                                                                 : "district {} has no survey rate for {}: its need for {} counts as 0"),
                                        m.districts[d].name, kind.need, kind.kind));
    }

    stages.start("streets");
    network::NetworkReport street_report;
    m.streets = std::make_shared<const network::WalkNetwork>(network::load_streets(
        {project.streets.osm, project.streets.network, project.streets.network_layer, project.streets.dem},
        street_report, m.districts.crs));
    m.inputs.emplace_back("streets", fmt::format("{}: {} of {} ways walkable", street_report.source,
                                                 street_report.ways_used, street_report.ways_read));
    stages.done(fmt::format(fmt::runtime(stages.ja() ? "歩ける道 {} 本、交差点 {} か所、{:.0f} km" : "{} walkable ways, {} junctions, {:.0f} km"),
                            street_report.ways_used,
                            m.streets->node_count(), m.streets->total_length_m() / 1000));
    for (const auto& n : street_report.notes) stages.note(n);
    if (const auto& s = street_report.slopes) {
        const std::string dem = project.streets.dem.filename().string();
        const double up = s->level_km > 0 ? s->effort_up_km / s->level_km : 1;
        const double down = s->level_km > 0 ? s->effort_down_km / s->level_km : 1;
        stages.note(fmt::format(fmt::runtime(stages.ja()
                                                 ? "標高 {}：坂のある道 {} 区間、最も急な所 {:.0f}%（平地を1として、道を一方向に"
                                                   "歩くと {:.2f}、逆向きに {:.2f}）"
                                                 : "elevation {}: {} stretches of street on a slope, the steepest {:.0f}% "
                                                   "(walking every street one way costs {:.2f} of the level, the other "
                                                   "way {:.2f})"),
                                dem, s->edges, 100 * s->steepest, up, down));
        m.inputs.emplace_back("elevation", fmt::format("{}: {} streets on a slope, steepest {:.0f}%, Tobler's function",
                                                       dem, s->edges, 100 * s->steepest));
        const double missing = s->samples > 0 ? static_cast<double>(s->samples_no_data) / s->samples : 0;
        if (missing > 0.01)
            stages.warn(fmt::format(fmt::runtime(stages.ja() ? "{} は道の {:.0f}% で標高がありません。そこは平地として歩きます"
                                                             : "{} has no height under {:.0f}% of the streets: those are "
                                                               "walked as level"),
                                    dem, 100 * missing));
    }
    if (street_report.openstreetmap) m.attributions.emplace_back("© OpenStreetMap contributors (ODbL 1.0)");

    load_places(m, population, stages);

    m.mode = fmt::format("walk at {} km/h{}", params.walk_speed_kmh,
                         project.streets.dem.empty() ? "" : " on the level, slower uphill (Tobler)");
    if (project.transit.enabled()) load_buses(m, stages);
    for (const auto& a : project.attribution) m.attributions.push_back(a);

    stages.start("travel times");
    m.request = travel_time_request(project);
    m.request.transit = m.bus ? m.bus->network.get() : nullptr;
    std::vector<network::Snap> site_snaps;
    for (const auto& s : m.resources) site_snaps.push_back(s.snap);
    for (const auto& s : m.candidates) site_snaps.push_back(s.snap);
    m.times = point_to_site_times(*m.streets, m.point_snaps, site_snaps, m.request, feedback.progress(),
                                  m.bus ? &m.bus->routes_used : nullptr);
    if (m.bus) {
        m.bus->access = transit::access_stops(*m.bus->network, m.point_snaps);  // for places added later
        TravelTimeRequest on_foot = m.request;
        on_foot.transit = nullptr;
        m.walk_times = point_to_site_times(*m.streets, m.point_snaps, site_snaps, on_foot, feedback.progress());
    }
    stages.done(fmt::format(fmt::runtime(stages.ja() ? "{} 点 × {} か所：{} 組が {:.0f} 分以内" : "{} points x {} places: {} pairs within {:.0f} min"),
                            m.point_snaps.size(),
                            site_snaps.size(), m.times.entry_count(), m.request.limit_min));
    return m;
}

}  // namespace needmap::analysis::pipeline
