#include "needmap/viewer/map_controller.hpp"

#include "needmap/analysis/pipeline/model.hpp"
#include "needmap/analysis/pipeline/results.hpp"
#include "needmap/analysis/pipeline/scenario.hpp"
#include "needmap/geo/crs.hpp"
#include "needmap/viewer/identify.hpp"
#include "needmap/analysis/pipeline/results_io.hpp"
#include "needmap/viewer/language.hpp"
#include "needmap/viewer/results_view.hpp"
#include "needmap/viewer/scenario_runner.hpp"

#include <QCoreApplication>

namespace needmap::viewer {

namespace p = analysis::pipeline;

MapController::MapController(ResultsView& view, std::shared_ptr<const p::Results> base,
                             std::shared_ptr<const p::Model> model, QObject* parent)
    : QObject(parent), m_view(view), m_base(std::move(base)), m_scenario(std::make_unique<p::Scenario>()) {
    m_scenario->name = QCoreApplication::translate("MapController", "what if").toStdString();
    if (model) {
        m_runner = std::make_unique<ScenarioRunner>(std::move(model));
        connect(m_runner.get(), &ScenarioRunner::finished, this, &MapController::show);
        connect(m_runner.get(), &ScenarioRunner::failed, this, [this](const QString& message) {
            m_scenario->modifications.pop_back();  // the change that could not be made
            emit busy(false);
            emit failed(message);
        });
    }
    connect(&m_view, &ResultsView::clicked, this, &MapController::click);
    show(m_base);
}

MapController::~MapController() = default;

const p::Scenario& MapController::scenario() const {
    return *m_scenario;
}

void MapController::set_tool(const std::string& tool) {
    m_tool = m_runner ? tool : std::string();
}

void MapController::click(QPointF map) {
    const p::Results& r = *m_shown;
    const geo::Point at(map.x(), map.y());
    // What is near enough to be meant: a few pixels of the map as shown.
    const double radius = std::abs(m_view.to_map(QPointF(0, 0)).x() - m_view.to_map(QPointF(12, 0)).x());
    if (m_tool == "remove") {
        if (const auto place = place_near(r, at, radius)) {
            m_scenario->modifications.emplace_back(p::RemovePlace{r.places[*place].id});
            compute();
        }
        return;
    }
    if (!m_tool.empty()) {
        // At a ranked site of the kind: that candidate opened, as the siting proposed it.
        if (const auto rank = site_near(r, m_tool, at, radius)) {
            const auto& kind = r.kinds[r.find_kind(m_tool)->value()];
            m_scenario->modifications.emplace_back(
                p::PromoteCandidate{r.candidates[kind.siting->result.chosen[*rank]].id, m_tool});
            compute();
            return;
        }
        const geo::Point ll = geo::Transformer(r.crs, geo::wgs84())(at);
        m_scenario->modifications.emplace_back(p::AddPlace{m_tool, ll.x, ll.y, "", 1});
        compute();
        return;
    }
    if (const auto rank = site_near(r, m_view.kind(), at, radius)) {
        emit told(site_summary(r, m_view.kind(), *rank));
        emit picked("sites", *rank);
    } else if (const auto place = place_near(r, at, radius)) {
        emit told(place_summary(r, *place));
        emit picked("places", *place);
    } else if (const auto point = point_near(r, at, radius)) {
        emit told(point_summary(r, *point));
        emit picked("points", *point);
    } else if (const auto district = district_at(r, at)) {
        emit told(district_summary(r, *district));
        emit picked("districts", district->value());
    }
}

void MapController::save(const std::string& path) const {
    p::write_results(*m_shown, path);
}

void MapController::add_place(const std::string& kind, double lon, double lat, const std::string& name) {
    if (!m_runner) return;
    m_scenario->modifications.emplace_back(p::AddPlace{kind, lon, lat, name, 1});
    compute();
}

void MapController::drop_route(const std::string& route) {
    if (!m_runner) return;
    m_scenario->modifications.emplace_back(p::DropRoute{route});
    compute();
}

void MapController::undo() {
    if (m_scenario->modifications.empty()) return;
    m_scenario->modifications.pop_back();
    compute();
}

void MapController::reset() {
    if (m_runner) m_runner->cancel();
    m_scenario->modifications.clear();
    show(m_base);
}

void MapController::compute() {
    if (m_scenario->modifications.empty()) {
        reset();
        return;
    }
    emit busy(true);
    m_runner->run(*m_scenario);
}

void MapController::show(std::shared_ptr<const p::Results> results, bool complete) {
    m_shown = std::move(results);
    m_view.set_results(m_shown);
    emit recoloured();
    if (complete) emit busy(false);
    if (m_shown != m_base)
        emit told(changes_summary(*m_shown, m_scenario->modifications, p::compare(*m_base, *m_shown), m_view.kind()));
}

}  // namespace needmap::viewer
