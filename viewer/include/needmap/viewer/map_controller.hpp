#pragma once

// What a click on the results map does: tells about the district, point or place under it, or, with
// a what-if tool chosen, opens a place of that kind there (or closes the one clicked) and shows the
// scenario's map and what changes, computed off the GUI thread. Undo and reset step back.

#include <QObject>
#include <QPointF>
#include <QString>

#include <memory>
#include <string>
#include <vector>

namespace needmap::analysis::pipeline {
struct Model;
struct Results;
struct Scenario;
}  // namespace needmap::analysis::pipeline

namespace needmap::viewer {

class ResultsView;
class ScenarioRunner;

class MapController : public QObject {
    Q_OBJECT
public:
    /// Shows `base` in `view`. With a model, the what-if tools work; without, clicks only tell.
    MapController(ResultsView& view, std::shared_ptr<const analysis::pipeline::Results> base,
                  std::shared_ptr<const analysis::pipeline::Model> model = nullptr, QObject* parent = nullptr);
    ~MapController() override;

    [[nodiscard]] bool can_what_if() const { return m_runner != nullptr; }
    /// The tool: "" tells about what is clicked; a kind opens a place of it; "remove" closes one.
    void set_tool(const std::string& tool);
    [[nodiscard]] const std::string& tool() const { return m_tool; }
    /// The changes so far, in order.
    [[nodiscard]] const analysis::pipeline::Scenario& scenario() const;
    [[nodiscard]] std::shared_ptr<const analysis::pipeline::Results> shown() const { return m_shown; }

    /// Adds a place of a kind at longitude, latitude (what `needmap whatif --add-site` takes).
    void add_place(const std::string& kind, double lon, double lat, const std::string& name = {});
    /// Stops every trip of a bus route ("<feed>:<route_id>").
    void drop_route(const std::string& route);
    /// Writes the scenario's results as `needmap whatif` would (the base's, before any change).
    /// @throws geo::InputError when the file cannot be written.
    void save(const std::string& path) const;

public slots:
    void click(QPointF map);
    void undo();
    void reset();

signals:
    /// Text about what was clicked, or what a scenario changes (HTML).
    void told(QString html);
    /// What a click picked: "districts", "places", "points" or "sites" (a rank of the kind shown),
    /// and its index there.
    void picked(QString layer, qulonglong index);
    /// A scenario started (true) or its map is shown whole (false).
    void busy(bool running);
    /// The map shows a scenario's gaps (its walking areas may follow, with busy(false)).
    void recoloured();
    void failed(QString message);

private:
    void compute();
    void show(std::shared_ptr<const analysis::pipeline::Results> results, bool complete = true);

    ResultsView& m_view;
    std::shared_ptr<const analysis::pipeline::Results> m_base;
    std::shared_ptr<const analysis::pipeline::Results> m_shown;
    std::unique_ptr<analysis::pipeline::Scenario> m_scenario;
    std::unique_ptr<ScenarioRunner> m_runner;
    std::string m_tool;
};

}  // namespace needmap::viewer
