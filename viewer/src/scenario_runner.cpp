#include "needmap/viewer/scenario_runner.hpp"

#include "needmap/analysis/pipeline/compute.hpp"
#include "needmap/analysis/pipeline/model.hpp"
#include "needmap/geo/error.hpp"

#include <QMetaObject>
#include <QPointer>

namespace needmap::viewer {

namespace p = analysis::pipeline;

ScenarioRunner::ScenarioRunner(std::shared_ptr<const p::Model> model, bool rank_sites, QObject* parent)
    : QObject(parent), m_model(std::move(model)), m_rank_sites(rank_sites) {}

ScenarioRunner::~ScenarioRunner() {
    cancel();
}

void ScenarioRunner::cancel() {
    if (m_cancel) *m_cancel = true;
    if (m_worker.joinable()) m_worker.join();
    m_cancel.reset();
}

void ScenarioRunner::run(const p::Scenario& scenario) {
    cancel();
    auto flag = std::make_shared<std::atomic<bool>>(false);
    m_cancel = flag;
    QPointer<ScenarioRunner> self(this);
    m_worker = std::jthread([self, flag, model = m_model, rank_sites = m_rank_sites, scenario] {
        analysis::Feedback feedback;
        feedback.cancel_with(flag.get());
        try {
            for (const bool complete : {false, true}) {
                auto results = std::make_shared<const p::Results>(
                    p::compute(*model, scenario, feedback, p::ComputeOptions{rank_sites, complete}));
                QMetaObject::invokeMethod(
                    self, [self, flag, results, complete] {
                        if (self && !*flag) emit self->finished(results, complete);
                    },
                    Qt::QueuedConnection);
            }
        } catch (const analysis::Cancelled&) {
        } catch (const std::exception& e) {
            QMetaObject::invokeMethod(
                self, [self, flag, message = QString::fromUtf8(e.what())] {
                    if (self && !*flag) emit self->failed(message);
                },
                Qt::QueuedConnection);
        }
    });
}

}  // namespace needmap::viewer
