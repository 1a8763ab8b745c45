#include "needmap/analysis/pipeline/project.hpp"

#include "needmap/analysis/measures.hpp"

#include "needmap/geo/error.hpp"
#include "needmap/geo/text.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace needmap::analysis::pipeline {
namespace fs = std::filesystem;

namespace {

/// What is wrong with a project file, all of it: each section is read up to its first problem,
/// and a file that is not there does not stop its section, so one run lists every problem.
class Problems {
public:
    void add(std::string what) { m_list.push_back(std::move(what)); }
    /// Runs `read`; a problem it throws is kept and the next section is read.
    template <typename Read>
    void section(Read&& read) {
        try {
            read();
        } catch (const geo::InputError& e) {
            add(e.what());
        }
    }
    [[nodiscard]] std::size_t count() const { return m_list.size(); }
    /// @throws InputError with every problem, one a line, when there is any.
    void throw_if_any(const fs::path& file) const {
        if (m_list.size() == 1) throw geo::InputError(m_list.front());
        if (m_list.empty()) return;
        std::string text = fmt::format("{}: {} problems; fix them all, then run again:", file.string(), m_list.size());
        for (std::string_view p : m_list) {  // "<file> line 8: ..." is "line 8: ..." under the file's name
            if (p.starts_with(file.string())) p.remove_prefix(file.string().size());
            if (p.starts_with(": ") || p.starts_with(" ")) p.remove_prefix(p.front() == ':' ? 2 : 1);
            text += fmt::format("\n  - {}", p);
        }
        throw geo::InputError(text);
    }

private:
    std::vector<std::string> m_list;
};

/// One table of the project file, read key by key; done() refuses keys nobody asked for.
class Section {
public:
    Section(const toml::table& table, std::string name, const fs::path& file, Problems& problems)
        : m_table(table), m_name(std::move(name)), m_file(file), m_problems(problems) {}

    [[nodiscard]] const std::string& name() const { return m_name; }
    [[nodiscard]] Problems& problems() const { return m_problems; }

    [[nodiscard]] int line_of(std::string_view key) const {
        const toml::node* n = m_table.get(key);
        return n != nullptr ? static_cast<int>(n->source().begin.line) : static_cast<int>(m_table.source().begin.line);
    }

    [[noreturn]] void fail(std::string_view key, const std::string& what) const {
        throw geo::InputError(fmt::format("{} line {}: {} {}: {}", m_file.string(), line_of(key), m_name, key, what));
    }

    [[nodiscard]] const toml::node* get(std::string_view key) {
        m_used.insert(std::string(key));
        return m_table.get(key);
    }

    std::optional<std::string> text(std::string_view key) {
        const toml::node* n = get(key);
        if (n == nullptr) return std::nullopt;
        if (const auto v = n->value<std::string>()) return *v;
        fail(key, "must be text in quotes");
    }

    std::string required_text(std::string_view key, std::string_view hint) {
        if (auto v = text(key); v && !v->empty()) return *v;
        throw geo::InputError(
            fmt::format("{} line {}: {} has no \"{}\"; {}", m_file.string(), line_of(key), m_name, key, hint));
    }

    std::optional<double> number(std::string_view key, double min, double max, std::string_view unit) {
        const toml::node* n = get(key);
        if (n == nullptr) return std::nullopt;
        const auto v = n->value<double>();
        if (!v) fail(key, fmt::format("must be a number ({})", unit));
        if (!std::isfinite(*v)) fail(key, fmt::format("must be a finite number ({}), not {}", unit, *v));
        if (*v < min || *v > max) fail(key, fmt::format("{} is outside {}..{} ({})", *v, min, max, unit));
        return *v;
    }

    /// A whole number: `new_sites = 2.7` is refused, not taken as 2.
    std::optional<long long> count(std::string_view key, double min, double max, std::string_view unit) {
        const auto v = number(key, min, max, unit);
        if (!v) return std::nullopt;
        if (*v != std::floor(*v)) fail(key, fmt::format("must be a whole number ({}), not {}", unit, *v));
        return std::llround(*v);
    }

    /// A list of whole numbers, rising, each within min..max; [] for none.
    std::optional<std::vector<int>> counts(std::string_view key, int min, int max, std::string_view unit) {
        const toml::node* n = get(key);
        if (n == nullptr) return std::nullopt;
        const toml::array* a = n->as_array();
        const std::string example = fmt::format("must be a list of whole numbers ({}), rising, e.g. [15, 30, 45]", unit);
        if (a == nullptr) fail(key, example);
        std::vector<int> out;
        for (const toml::node& item : *a) {
            const auto v = item.value<double>();
            if (!v || *v != std::floor(*v) || (!out.empty() && *v <= out.back())) fail(key, example);
            if (*v < min || *v > max) fail(key, fmt::format("{} is outside {}..{} ({})", *v, min, max, unit));
            out.push_back(static_cast<int>(*v));
        }
        return out;
    }

    std::optional<bool> boolean(std::string_view key) {
        const toml::node* n = get(key);
        if (n == nullptr) return std::nullopt;
        if (const auto v = n->value<bool>()) return *v;
        fail(key, "must be true or false");
    }

    /// A string, or an array of strings.
    std::vector<std::string> texts(std::string_view key) {
        const toml::node* n = get(key);
        std::vector<std::string> out;
        if (n == nullptr) return out;
        if (const auto v = n->value<std::string>()) return {*v};
        const toml::array* a = n->as_array();
        if (a == nullptr) fail(key, "must be a list of texts, e.g. [\"a\", \"b\"]");
        for (const toml::node& item : *a) {
            const auto v = item.value<std::string>();
            if (!v) fail(key, "must be a list of texts, e.g. [\"a\", \"b\"]");
            out.push_back(*v);
        }
        return out;
    }

    /// A path relative to the project file, which must exist (when it does not, the problem is
    /// kept and the section goes on).
    std::optional<fs::path> path(std::string_view key) {
        const auto v = text(key);
        if (!v || v->empty()) return std::nullopt;
        return resolve(key, *v);
    }

    fs::path resolve(std::string_view key, const std::string& value) {
        const fs::path p = fs::path(value).is_absolute() ? fs::path(value) : m_file.parent_path() / value;
        std::error_code ec;
        if (!fs::exists(p, ec))
            m_problems.add(fmt::format("{} line {}: {} {}: \"{}\": no such file (looked for {})", m_file.string(),
                                       line_of(key), m_name, key, value, p.string()));
        return p;
    }

    /// Refuses keys that were never asked for: most often a misspelling.
    void done() const {
        for (const auto& [key, node] : m_table) {
            if (m_used.contains(std::string(key.str()))) continue;
            std::string known;
            for (const auto& k : m_used) known += (known.empty() ? "" : ", ") + k;
            throw geo::InputError(fmt::format("{} line {}: unknown key \"{}\" in {}: a misspelling? (known keys: {})",
                                              m_file.string(), node.source().begin.line, key.str(), m_name, known));
        }
    }

private:
    const toml::table& m_table;
    std::string m_name;
    const fs::path& m_file;
    Problems& m_problems;
    std::set<std::string> m_used;
};

const toml::table* sub_table(Section& parent, std::string_view key, bool required, const fs::path& file,
                             std::string_view hint) {
    const toml::node* n = parent.get(key);
    if (n == nullptr) {
        if (required) throw geo::InputError(fmt::format("{}: no [{}] table; {}", file.string(), key, hint));
        return nullptr;
    }
    const toml::table* t = n->as_table();
    if (t == nullptr) parent.fail(key, "must be a table");
    return t;
}

DistrictsConfig read_districts(Section& s) {
    DistrictsConfig c;
    c.file = s.path("file").value_or(fs::path());
    c.centres = s.path("centres").value_or(fs::path());
    c.boundary = s.path("boundary").value_or(fs::path());
    c.reach_m = s.number("reach", 100, 20000, "metres").value_or(c.reach_m);
    if (c.file.empty() == c.centres.empty())
        s.fail("file", "give exactly one of file = \"A32-21_25.geojson\" (the 中学校区 polygons) and centres = "
                       "\"centres.csv\" (one point per district, when the town has no polygons)");
    c.options.layer = s.text("layer").value_or("");
    c.where = s.text("where").value_or("");
    c.options.id_field = s.text("id_field").value_or("");
    c.options.name_field = s.text("name_field").value_or("");
    c.options.municipality_field = s.text("municipality_field").value_or("");
    c.options.municipality_code = s.text("municipality").value_or("");
    s.done();
    return c;
}

PopulationConfig read_population(Section& s, const fs::path& file) {
    PopulationConfig c;
    const std::string type = s.text("type").value_or("mesh");
    if (type == "mesh")
        c.source = PopulationSource::Mesh;
    else if (type == "small_area")
        c.source = PopulationSource::SmallArea;
    else if (type == "layer")
        c.source = PopulationSource::Layer;
    else
        s.fail("type", fmt::format("\"{}\" is not mesh, small_area or layer", type));
    for (const auto& f : s.texts("file")) c.files.push_back(s.resolve("file", f));
    if (c.files.empty())
        s.fail("file", "give the population table or layer, or several: file = [\"tblT001141H5031.zip\", "
                       "\"tblT001141H5131.zip\"]");
    if (c.files.size() > 1 && c.source == PopulationSource::SmallArea)
        s.fail("file", "small areas take one table (e-Stat's table of the prefecture holds every town of it)");
    if (c.source == PopulationSource::SmallArea)
        c.boundaries = s.resolve("boundaries", s.required_text("boundaries", "small areas need their boundary layer"));
    c.key_field = s.text("key_field").value_or(c.source == PopulationSource::SmallArea ? "KEY_CODE" : "");
    c.where = s.text("where").value_or("");
    if (!c.where.empty() && c.source == PopulationSource::Mesh)
        s.fail("where", "applies to layers and small-area boundaries; a mesh table is cut to the districts anyway");
    c.elderly_band = s.text("elderly_band").value_or("pop65");
    const toml::table* bands =
        sub_table(s, "bands", true, file, "give [population.bands] with pop_total, pop65 and pop75 = column codes");
    Section b(*bands, "[population.bands]", file, s.problems());
    for (const auto& [key, node] : *bands) {
        const std::string name(key.str());
        c.bands.push_back({name, b.required_text(name, "give the column holding this band")});
    }
    b.done();
    if (std::none_of(c.bands.begin(), c.bands.end(), [&](const auto& band) { return band.name == c.elderly_band; }))
        s.fail("elderly_band", fmt::format("\"{}\" is not one of [population.bands]", c.elderly_band));
    s.done();
    return c;
}

std::vector<demand::NeedColumn> read_needs(Section& s, const fs::path& file) {
    std::vector<demand::NeedColumn> needs;
    const toml::node* n = s.get("needs");
    const toml::array* items = n != nullptr ? n->as_array() : nullptr;
    if (items == nullptr || items->empty())
        throw geo::InputError(
            fmt::format("{}: [survey] has no [[survey.needs]]; give at least one need kind with "
                        "name and column",
                        file.string()));
    for (std::size_t i = 0; i < items->size(); ++i) {
        const toml::table* t = items->get(i)->as_table();
        if (t == nullptr) s.fail("needs", "must be [[survey.needs]] tables");
        Section need(*t, fmt::format("[[survey.needs]] #{}", i + 1), file, s.problems());
        demand::NeedColumn c;
        c.need = need.required_text("name", "name the need kind, e.g. name = \"買物困難\"");
        c.column = need.required_text("column", "give the CSV column holding it");
        const std::string measure = need.text("measure").value_or("count");
        if (measure == "count")
            c.measure = demand::NeedMeasure::Count;
        else if (measure == "rate")
            c.measure = demand::NeedMeasure::Rate;
        else if (measure == "percent")
            c.measure = demand::NeedMeasure::Percent;
        else
            need.fail("measure", fmt::format("\"{}\" is not count, rate or percent", measure));
        need.done();
        needs.push_back(std::move(c));
    }
    return needs;
}

SurveyConfig read_survey(Section& s, const fs::path& file) {
    SurveyConfig c;
    const std::string type = s.text("type").value_or("district");
    if (type == "district")
        c.shape = SurveyShape::District;
    else if (type == "respondent")
        c.shape = SurveyShape::Respondent;
    else
        s.fail("type", fmt::format("\"{}\" is not district or respondent", type));
    c.file = s.resolve("file", s.required_text("file", "give the survey CSV"));
    c.min_respondents = static_cast<double>(s.count("min_respondents", 0, 1e6, "respondents").value_or(30));
    auto needs = read_needs(s, file);
    if (c.shape == SurveyShape::District) {
        c.district.key_column = s.required_text("key", "give the district column, e.g. key = \"district\"");
        c.district.respondents_column =
            s.required_text("respondents", "give the column with the number of respondents");
        c.district.needs = std::move(needs);
    } else {
        c.respondent.district_column = s.text("key").value_or("");
        c.respondent.mesh_column = s.text("mesh").value_or("");
        c.respondent.lon_column = s.text("lon").value_or("");
        c.respondent.lat_column = s.text("lat").value_or("");
        const int located = (c.respondent.district_column.empty() ? 0 : 1) +
                            (c.respondent.mesh_column.empty() ? 0 : 1) +
                            (c.respondent.lon_column.empty() && c.respondent.lat_column.empty() ? 0 : 1);
        if (located != 1)
            s.fail("key",
                   "a respondent survey needs exactly one of key = district column, mesh = mesh code column, "
                   "or lon and lat");
        c.respondent.needs = std::move(needs);
    }
    s.done();
    return c;
}

ResourceConfig read_resource(Section& s) {
    ResourceConfig c;
    c.kind = s.required_text("kind", "name the kind, e.g. kind = \"salon\"");
    c.file = s.resolve("file", s.required_text("file", "give the layer or CSV of these resources"));
    c.layer = s.text("layer").value_or("");
    c.where = s.text("where").value_or("");
    c.need = s.text("need").value_or("");
    c.name_field = s.text("name_field").value_or("");
    c.capacity_field = s.text("capacity_field").value_or("");
    c.food_store = s.boolean("food_store").value_or(false);
    s.done();
    return c;
}

}  // namespace

const ResourceConfig* Project::resource(std::string_view kind) const {
    for (const auto& r : resources)
        if (r.kind == kind) return &r;
    return nullptr;
}

Project load_project(const fs::path& file) {
    std::error_code ec;
    if (!fs::exists(file, ec)) throw geo::InputError(fmt::format("{}: no such file", file.string()));
    toml::table root;
    try {
        root = toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        throw geo::InputError(fmt::format("{} line {}: {} (the project file must be TOML in UTF-8; see needmap init)",
                                          file.string(), e.source().begin.line, e.description()));
    }
    Project p;
    p.file = fs::absolute(file);
    Problems problems;
    Section top(root, "the project file", p.file, problems);

    problems.section([&] {
        if (const toml::table* t = sub_table(top, "project", false, p.file, "")) {
            Section s(*t, "[project]", p.file, problems);
            p.name = s.text("name").value_or("");
            p.crs = s.text("crs").value_or("");
            p.attribution = s.texts("attribution");
            s.done();
        }
    });
    if (p.name.empty()) p.name = p.file.parent_path().filename().string();
    problems.section([&] {
        Section s(*sub_table(top, "districts", true, p.file, "give the districts layer (A32 中学校区 or any polygons)"),
                  "[districts]", p.file, problems);
        p.districts = read_districts(s);
    });
    problems.section([&] {
        Section s(
            *sub_table(top, "population", true, p.file, "give the population by age (e-Stat mesh or small areas)"),
            "[population]", p.file, problems);
        p.population = read_population(s, p.file);
    });
    const bool survey_given = root.contains("survey");
    problems.section([&] {
        if (const toml::table* t = sub_table(top, "survey", false, p.file, "")) {
            Section s(*t, "[survey]", p.file, problems);
            p.survey = read_survey(s, p.file);
        }
    });
    const toml::node* resources = top.get("resources");
    const toml::array* items = resources != nullptr ? resources->as_array() : nullptr;
    if (items == nullptr || items->empty())
        problems.add(fmt::format("{}: no [[resources]]; give at least one kind of resource, e.g. [[resources]] kind = "
                                 "\"salon\" file = \"salons.csv\"",
                                 p.file.string()));
    const std::size_t before_resources = problems.count();
    for (std::size_t i = 0; items != nullptr && i < items->size(); ++i) {
        problems.section([&] {
            const toml::table* t = items->get(i)->as_table();
            if (t == nullptr) top.fail("resources", "must be [[resources]] tables");
            Section s(*t, fmt::format("[[resources]] #{}", i + 1), p.file, problems);
            ResourceConfig r = read_resource(s);
            if (p.resource(r.kind) != nullptr)
                s.fail("kind", fmt::format("\"{}\" is given twice; give each kind once, with all its places in its file",
                                           r.kind));
            if (!r.need.empty() && p.survey) {
                const auto& needs = p.survey->needs();
                if (std::none_of(needs.begin(), needs.end(), [&](const auto& c) { return c.need == r.need; }))
                    s.fail("need", fmt::format("\"{}\" is not a need kind of [[survey.needs]]; name one of them, or "
                                               "remove need",
                                               r.need));
            }
            if (!r.need.empty() && !survey_given)
                s.fail("need", fmt::format("\"{}\" names a survey need kind, but there is no [survey]: remove need, "
                                           "or add the survey",
                                           r.need));
            p.resources.push_back(std::move(r));
        });
    }
    const bool resources_whole = problems.count() == before_resources;
    problems.section([&] {
        Section s(*sub_table(top, "streets", true, p.file, "give the streets: osm = \"town.osm.pbf\" or network = ..."),
                  "[streets]", p.file, problems);
        p.streets.osm = s.path("osm").value_or(fs::path());
        p.streets.network = s.path("network").value_or(fs::path());
        p.streets.network_layer = s.text("layer").value_or("");
        p.streets.dem = s.path("dem").value_or(fs::path());
        if (p.streets.osm.empty() == p.streets.network.empty())
            s.fail("osm", "give exactly one of osm = \"...pbf\" and network = \"roads.shp\"");
        s.done();
    });
    problems.section([&] {
        const toml::table* t = sub_table(top, "transit", false, p.file, "");
        if (t == nullptr) return;
        Section s(*t, "[transit]", p.file, problems);
        for (const auto& g : s.texts("gtfs")) p.transit.gtfs.push_back(s.resolve("gtfs", g));
        p.transit.departure = s.text("departure").value_or("");
        const std::string deadline = s.text("arrive_by").value_or("");
        if (!deadline.empty() && !p.transit.departure.empty())
            s.fail("arrive_by", "give one of departure (leave then) and arrive_by (be there by then), not both");
        if (!deadline.empty()) {
            p.transit.departure = deadline;
            p.transit.arrive_by = true;
        }
        p.transit.window = static_cast<int>(s.count("window", 1, 1440, "minutes").value_or(p.transit.arrive_by ? 1 : 120));
        p.transit.percentile = static_cast<int>(s.count("percentile", 1, 100, "percent").value_or(50));
        p.transit.max_walk_to_stop = s.number("max_walk_to_stop", 0, 5000, "metres").value_or(800);
        p.transit.max_rides = static_cast<int>(s.count("max_rides", 1, 10, "vehicles").value_or(3));
        if (p.transit.enabled() && p.transit.departure.empty())
            s.fail("departure", "buses need a departure date and time, e.g. departure = \"2026-05-13T09:00\" (or "
                                "arrive_by = \"2026-05-13T10:00\")");
        if (!p.transit.departure.empty()) {
            const auto d = transit::parse_departure(p.transit.departure);
            if (!d)
                s.fail(p.transit.arrive_by ? "arrive_by" : "departure",
                       fmt::format("\"{}\" is not a date and time YYYY-MM-DDTHH:MM, e.g. \"2026-05-13T09:00\"",
                                   p.transit.departure));
            p.transit.date = d->date;
            p.transit.departure_time = d->time;
        }
        s.done();
    });
    problems.section([&] {
        const toml::table* t = sub_table(top, "candidates", false, p.file, "");
        if (t == nullptr) return;
        Section s(*t, "[candidates]", p.file, problems);
        p.candidates.file = s.path("file").value_or(fs::path());
        p.candidates.layer = s.text("layer").value_or("");
        p.candidates.where = s.text("where").value_or("");
        p.candidates.name_field = s.text("name_field").value_or("");
        p.candidates.grid_m = s.number("grid", 50, 5000, "metres between candidate points");
        p.candidates.kinds = s.texts("kinds");
        if (p.candidates.file.empty() == !p.candidates.grid_m)
            s.fail("file", "give exactly one of file = \"halls.csv\" and grid = 250");
        if (p.candidates.kinds.empty())
            for (const auto& r : p.resources) p.candidates.kinds.push_back(r.kind);
        for (const auto& k : p.candidates.kinds)
            if (resources_whole && p.resource(k) == nullptr)
                s.fail("kinds", fmt::format("\"{}\" is not a kind of [[resources]]", k));
        s.done();
    });
    problems.section([&] {
        const toml::table* t = sub_table(top, "parameters", false, p.file, "");
        if (t == nullptr) return;
        Section s(*t, "[parameters]", p.file, problems);
        auto& q = p.parameters;
        q.threshold_min = s.number("threshold", 1, 240, "minutes").value_or(q.threshold_min);
        q.walk_speed_kmh = s.number("walk_speed", 0.5, 10, "km/h").value_or(q.walk_speed_kmh);
        q.max_snap_m = s.number("max_snap", 1, 5000, "metres").value_or(q.max_snap_m);
        q.new_sites = static_cast<std::size_t>(s.count("new_sites", 0, 1000, "sites").value_or(3));
        q.no_car_share = s.number("no_car_share", 0, 1, "a share, 0 to 1");
        q.no_car_need = s.text("no_car_need").value_or("");
        q.ilp_seconds = s.number("ilp_seconds", 1, 3600, "seconds").value_or(q.ilp_seconds);
        q.siting = s.text("siting").value_or(q.siting);
        if (q.siting != "mclp" && q.siting != "lscp" && q.siting != "p-median" && q.siting != "capacitated" &&
            q.siting != "backup")
            s.fail("siting", fmt::format("\"{}\": give \"mclp\" (most need covered by new_sites sites), \"lscp\" "
                                         "(fewest sites covering cover_share of the need), \"p-median\" (least time to "
                                         "the nearest), \"capacitated\" (most need served within capacities) or "
                                         "\"backup\" (need within reach of two places)",
                                         q.siting));
        q.site_capacity = s.number("site_capacity", 0.001, 1e6, "people a new site can serve").value_or(q.site_capacity);
        q.cover_share = s.number("cover_share", 0.01, 1, "a share, 0 to 1").value_or(q.cover_share);
        q.decay = s.text("decay").value_or(q.decay);
        try {
            (void)measures::parse_decay(q.decay);
        } catch (const geo::InputError& e) {
            s.fail("decay", e.what());
        }
        q.decay_parameter = s.number("decay_parameter", 0.001, 240, "minutes (or per minute, exponential)");
        q.cutoffs_min = s.counts("cutoffs", 1, 240, "minutes").value_or(q.cutoffs_min);
        if (!q.no_car_need.empty() && !survey_given)
            s.fail("no_car_need", "names a survey need kind, but there is no [survey]: remove no_car_need, or add the "
                                  "survey");
        if (!q.no_car_need.empty() && p.survey) {
            const auto& needs = p.survey->needs();
            if (std::none_of(needs.begin(), needs.end(), [&](const auto& n) { return n.need == q.no_car_need; }))
                s.fail("no_car_need", fmt::format("\"{}\" is not a need kind of [[survey.needs]]", q.no_car_need));
        }
        s.done();
    });
    problems.section([&] { top.done(); });
    problems.throw_if_any(p.file);
    return p;
}

}  // namespace needmap::analysis::pipeline
