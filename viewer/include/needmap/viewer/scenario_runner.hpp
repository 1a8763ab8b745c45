#pragma once

// What-if scenarios computed off the GUI thread: one at a time, a new one cancelling the one still
// running, the results handed back on the GUI thread in two steps: first access and gaps (the
// districts recolour at once), then the same with the walking areas, which take longer.

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <thread>

// Kept light for moc: the model, scenario and results are declared, not included.
namespace needmap::analysis::pipeline {
struct Model;
struct Results;
struct Scenario;
}  // namespace needmap::analysis::pipeline

namespace needmap::viewer {

class ScenarioRunner : public QObject {
    Q_OBJECT
public:
    /// Each scenario computes access, gaps and service areas; ranking new sites is left out with
    /// `rank_sites` false (a click should answer at once).
    explicit ScenarioRunner(std::shared_ptr<const analysis::pipeline::Model> model, bool rank_sites = false,
                            QObject* parent = nullptr);
    ~ScenarioRunner() override;
    ScenarioRunner(const ScenarioRunner&) = delete;
    ScenarioRunner& operator=(const ScenarioRunner&) = delete;

    [[nodiscard]] const analysis::pipeline::Model& model() const { return *m_model; }
    /// Starts computing `scenario`; a run still going is cancelled first.
    void run(const analysis::pipeline::Scenario& scenario);
    /// Stops the run going, if any; it reports nothing.
    void cancel();

signals:
    /// The scenario's results: without walking areas first (`complete` false), then whole.
    void finished(std::shared_ptr<const analysis::pipeline::Results> results, bool complete);
    void failed(QString message);

private:
    std::shared_ptr<const analysis::pipeline::Model> m_model;
    bool m_rank_sites;
    std::shared_ptr<std::atomic<bool>> m_cancel;  ///< of the run going
    std::jthread m_worker;
};

}  // namespace needmap::viewer
