#include "needmap/analysis/pipeline/scenario.hpp"

#include "needmap/analysis/pipeline/model.hpp"
#include "needmap/geo/crs.hpp"
#include "needmap/geo/error.hpp"
#include "needmap/geo/spatial_index.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

namespace needmap::analysis::pipeline {

std::string describe(const Modification& m, bool japanese) {
    struct Describe {
        bool ja;
        std::string operator()(const AddPlace& a) const {
            const std::string name = a.name.empty() ? "" : fmt::format(fmt::runtime(ja ? "（{}）" : " ({})"), a.name);
            return ja ? fmt::format("{} を追加：{:.6f}, {:.6f}{}", a.kind, a.lon, a.lat, name)
                      : fmt::format("add {} at {:.6f}, {:.6f}{}", a.kind, a.lon, a.lat, name);
        }
        std::string operator()(const PromoteCandidate& p) const {
            return ja ? fmt::format("候補地 {} に {} を開設", p.candidate, p.kind)
                      : fmt::format("open candidate {} as a {}", p.candidate, p.kind);
        }
        std::string operator()(const RemovePlace& r) const {
            return fmt::format(fmt::runtime(ja ? "{} を廃止" : "remove {}"), r.place);
        }
        std::string operator()(const DropRoute& d) const {
            return fmt::format(fmt::runtime(ja ? "バス路線 {} を運休" : "drop bus route {}"), d.route);
        }
        std::string operator()(const DropFeed& d) const {
            return fmt::format(fmt::runtime(ja ? "{} のバスをすべて運休" : "drop every bus of feed {}"), d.feed);
        }
        std::string operator()(const SetThreshold& t) const {
            return fmt::format(fmt::runtime(ja ? "基準を {} 分に" : "threshold {} min"), t.minutes);
        }
        std::string operator()(const SetWalkSpeed& w) const {
            return fmt::format(fmt::runtime(ja ? "歩く速さを時速 {} km に" : "walking speed {} km/h"), w.kmh);
        }
    };
    return std::visit(Describe{japanese}, m);
}

namespace {

std::string kinds_of(const Project& project) {
    std::string out;
    for (const auto& r : project.resources) out += (out.empty() ? "" : ", ") + r.kind;
    return out;
}

/// The problems of one modification, given what the earlier ones did.
class Checker {
public:
    explicit Checker(const Model& model) : m_model(model) {
        for (const auto& s : model.resources) m_places.insert(s.id);
    }

    std::vector<std::string> check(const Modification& m) {
        m_problems.clear();
        std::visit([this](const auto& x) { check_one(x); }, m);
        return m_problems;
    }

private:
    void fail(std::string what) { m_problems.push_back(std::move(what)); }

    void check_kind(const std::string& kind) {
        if (m_model.project.resource(kind) == nullptr)
            fail(fmt::format("the project has no kind \"{}\" (its kinds: {})", kind, kinds_of(m_model.project)));
    }

    void check_one(const AddPlace& a) {
        check_kind(a.kind);
        if (!std::isfinite(a.capacity) || a.capacity < 0)
            fail(fmt::format("capacity {} is not a number of places (0 or more)", a.capacity));
        if (!std::isfinite(a.lon) || !std::isfinite(a.lat) || a.lon < -180 || a.lon > 180 || a.lat < -90 ||
            a.lat > 90) {
            fail(fmt::format("{}, {} is not a longitude and latitude in degrees", a.lon, a.lat));
            return;
        }
        const geo::Point p = geo::Transformer(geo::wgs84(), m_model.districts.crs)({a.lon, a.lat});
        if (!geo::PolygonIndex(m_model.districts.polygons()).locate(p))
            fail(fmt::format("{:.6f}, {:.6f} lies outside every district (is it longitude, latitude?)", a.lon, a.lat));
        else if (m_model.streets->snap(p, m_model.project.parameters.max_snap_m).status ==
                 network::SnapStatus::TooFar)
            fail(fmt::format("{:.6f}, {:.6f} is more than {} m from any walkable way: nobody could walk there",
                             a.lon, a.lat, m_model.project.parameters.max_snap_m));
    }
    void check_one(const PromoteCandidate& p) {
        check_kind(p.kind);
        if (std::none_of(m_model.candidates.begin(), m_model.candidates.end(),
                         [&](const Site& s) { return s.id == p.candidate; }))
            fail(fmt::format("no candidate has the id \"{}\" (see the layer candidates_ranked)", p.candidate));
    }
    void check_one(const RemovePlace& r) {
        if (m_places.erase(r.place) == 0)
            fail(fmt::format("no place has the id \"{}\"{} (see the layer resources)", r.place,
                             m_removed.contains(r.place) ? " any more: it is removed already" : ""));
        m_removed.insert(r.place);
    }
    void check_one(const DropRoute& d) {
        if (!m_model.bus) {
            fail("the project has no buses");
            return;
        }
        const transit::Timetable& tt = *m_model.bus->timetable;
        const auto routes = transit::routes_named(tt, d.route);
        std::set<std::string> gtfs_routes;  // qualified ids of the GTFS routes matched
        for (const RouteId r : routes) gtfs_routes.insert(tt.route_gtfs_ids[r.value()]);
        if (routes.empty())
            fail(fmt::format("no bus route \"{}\" runs that day (needmap gtfs FEED lists the routes)", d.route));
        else if (gtfs_routes.size() > 1)
            fail(fmt::format("route \"{}\" is in several feeds: write it as FEED:{}", d.route, d.route));
    }
    void check_one(const DropFeed& d) {
        if (!m_model.bus) {
            fail("the project has no buses");
            return;
        }
        const auto& feeds = m_model.bus->feeds;
        if (std::find(feeds.begin(), feeds.end(), d.feed) == feeds.end()) {
            std::string names;
            for (const auto& f : feeds) names += (names.empty() ? "" : ", ") + f;
            fail(fmt::format("no feed \"{}\" (the feeds: {})", d.feed, names));
        }
    }
    void check_one(const SetThreshold& t) {
        if (!std::isfinite(t.minutes) || t.minutes <= 0 || t.minutes > 240)
            fail(fmt::format("threshold {} min: give minutes above 0 and at most 240", t.minutes));
    }
    void check_one(const SetWalkSpeed& w) {
        if (!std::isfinite(w.kmh) || w.kmh < 0.5 || w.kmh > 10)
            fail(fmt::format("walking speed {} km/h: give 0.5 to 10 km/h (older walkers: about 3)", w.kmh));
    }

    const Model& m_model;
    std::set<std::string> m_places;
    std::set<std::string> m_removed;
    std::vector<std::string> m_problems;
};

std::optional<double> number(std::string_view text) {
    double v = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return v;
}

}  // namespace

std::vector<std::string> check_scenario(const Model& model, const Scenario& scenario) {
    std::vector<std::string> problems;
    Checker checker(model);
    for (std::size_t i = 0; i < scenario.modifications.size(); ++i)
        for (const auto& p : checker.check(scenario.modifications[i]))
            problems.push_back(fmt::format("modification {} ({}): {}", i + 1, describe(scenario.modifications[i]), p));
    return problems;
}

void require_applicable(const Model& model, const Scenario& scenario) {
    const auto problems = check_scenario(model, scenario);
    if (problems.empty()) return;
    std::string text = scenario.name.empty() ? std::string("the scenario") : "scenario \"" + scenario.name + "\"";
    text += fmt::format(" cannot be applied ({} problem{}):", problems.size(), problems.size() == 1 ? "" : "s");
    for (const auto& p : problems) text += "\n  " + p;
    throw geo::InputError(text);
}

AddPlace parse_add_site(const std::string& text) {
    const auto bad = [&](const char* what) {
        return geo::InputError(fmt::format(
            "--add-site \"{}\": {}; write KIND:LON,LAT or KIND:LON,LAT:NAME, e.g. salon:131.2471,33.9516:新サロン",
            text, what));
    };
    const auto colon = text.find(':');
    if (colon == std::string::npos || colon == 0) throw bad("no kind before the colon");
    AddPlace a;
    a.kind = text.substr(0, colon);
    std::string rest = text.substr(colon + 1);
    if (const auto name = rest.find(':'); name != std::string::npos) {
        a.name = rest.substr(name + 1);
        rest.resize(name);
    }
    const auto comma = rest.find(',');
    if (comma == std::string::npos) throw bad("no comma between longitude and latitude");
    const auto lon = number(rest.substr(0, comma));
    const auto lat = number(rest.substr(comma + 1));
    if (!lon || !lat) throw bad("longitude and latitude must be numbers in degrees");
    a.lon = *lon;
    a.lat = *lat;
    return a;
}

}  // namespace needmap::analysis::pipeline
