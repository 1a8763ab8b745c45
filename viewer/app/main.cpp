// needmap-viewer [FILE]: a map window for needmap's results (or any GIS file).
//   needmap-viewer results.gpkg                     the thematic map of a run, kind by kind
//   needmap-viewer --render map.png results.gpkg   the same map as PNG or PDF, without a window

#include "needmap/geo/error.hpp"
#include "needmap/geo/layer_io.hpp"
#include "needmap/viewer/handout.hpp"
#include "needmap/viewer/language.hpp"
#include "needmap/viewer/map_controller.hpp"
#include "needmap/viewer/results_view.hpp"
#include "needmap/analysis/pipeline/compute.hpp"
#include "needmap/analysis/pipeline/scenario.hpp"
#include "needmap/analysis/pipeline/model.hpp"
#include "needmap/viewer/report.hpp"
#include "needmap/analysis/pipeline/results_io.hpp"
#include "needmap/viewer/results_map.hpp"
#include "needmap/viewer/attribute_table.hpp"
#include "needmap/viewer/basemap.hpp"
#include "needmap/viewer/choropleth.hpp"
#include "needmap/viewer/export_dialog.hpp"
#include "needmap/viewer/layer_panel.hpp"
#include "needmap/geo/crs.hpp"

#include <QApplication>
#include <QActionGroup>
#include <QComboBox>
#include <QShortcut>
#include <QHashFunctions>
#include <QDockWidget>
#include <QFileDialog>
#include <QMenuBar>
#include <QTextBrowser>
#include <QCommandLineParser>
#include <QLabel>
#include <QMainWindow>
#include <QMessageBox>
#include <QPainter>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <filesystem>
#include <functional>
#include <memory>
#include <initializer_list>
#include <optional>
#include <utility>

namespace {

using needmap::viewer::ResultsMap;

bool is_results(const std::string& path) {
    try {
        const auto names = needmap::geo::list_layers(path);
        return std::find(names.begin(), names.end(), "districts_access") != names.end() &&
               std::find(names.begin(), names.end(), "run_summary") != names.end();
    } catch (const needmap::geo::InputError&) {
        return false;
    }
}

/// A whole number given for `option`, between low and high. @throws geo::InputError otherwise.
int whole_number(const char* option, const QString& text, int low, int high) {
    bool ok = false;
    const int n = text.trimmed().toInt(&ok);
    if (!ok || n < low || n > high)
        throw needmap::geo::InputError(
            fmt::format("{} takes a whole number from {} to {}, not \"{}\"", option, low, high, text.toStdString()));
    return n;
}

/// "WEST,SOUTH,EAST,NORTH" in longitude and latitude as an area of the map in `crs`.
QRectF extent_in(const needmap::geo::Crs& crs, const QString& text) {
    const QStringList parts = text.split(',');
    std::vector<double> v;
    for (const QString& part : parts) {
        bool ok = false;
        v.push_back(part.trimmed().toDouble(&ok));
        if (!ok || !std::isfinite(v.back())) v.clear();
        if (v.empty()) break;
    }
    if (v.size() != 4 || v[0] >= v[2] || v[1] >= v[3] || v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90)
        throw needmap::geo::InputError(fmt::format(
            "--extent takes WEST,SOUTH,EAST,NORTH in degrees (west < east, south < north), e.g. "
            "130.74,35.05,130.80,35.09; not \"{}\"", text.toStdString()));
    const needmap::geo::Transformer to_map(needmap::geo::wgs84(), crs);
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    for (const double lon : {v[0], v[2]})
        for (const double lat : {v[1], v[3]}) {
            const auto at = to_map(needmap::geo::Point(lon, lat));
            x0 = std::min(x0, at.x), x1 = std::max(x1, at.x), y0 = std::min(y0, at.y), y1 = std::max(y1, at.y);
        }
    return {QPointF(x0, y0), QPointF(x1, y1)};
}

QString ui(const char* text) {
    return QCoreApplication::translate("Viewer", text);
}

/// The File menu: another GIS file laid on the map, the map exported, quitting.
QMenu* file_menu(QMainWindow& window, needmap::viewer::ResultsView& shown) {
    auto* view = &shown;
    QMenu* file = window.menuBar()->addMenu(ui("&File"));
    file->addAction(ui("Add a layer from a file..."), view, [&window, view] {
        const QString chosen = QFileDialog::getOpenFileName(&window, ui("Add a layer from a file"), QString(),
                                                            ui("GIS files (*.gpkg *.shp *.geojson *.json *.kml *.gml *.csv);;All files (*)"));
        if (chosen.isEmpty()) return;
        try {
            view->add_file(chosen.toStdString());
        } catch (const needmap::geo::InputError& e) {
            QMessageBox::warning(&window, "needmap", QString::fromUtf8(e.what()));
        }
    });
    file->addAction(ui("Export the map..."), view, [&window, view] {
        if (view->map()) needmap::viewer::export_map(&window, *view->map());
    });
    return file;
}

/// A run's results (a results GeoPackage, or a project computed here) in the window: the map, the
/// kind chooser, the what-if tools (when the project can be read) and a panel of what is clicked.
needmap::viewer::MapController* show_results(QMainWindow& window, const std::string& path, bool is_project,
                                             const std::string& kind) {
    namespace p = needmap::analysis::pipeline;
    std::shared_ptr<const p::Results> base;
    std::shared_ptr<const p::Model> model;
    needmap::analysis::Feedback quiet;
    std::filesystem::path project_file = is_project ? std::filesystem::path(path) : std::filesystem::path();
    if (!is_project) {
        base = std::make_shared<const p::Results>(p::read_results(path));
        // The run's project, where it is still there, for what-if.
        if (!base->info.project_file.empty() && std::filesystem::exists(base->info.project_file))
            project_file = base->info.project_file;
    }
    if (!project_file.empty()) {
        try {
            std::fprintf(stderr, "needmap-viewer: reading %s ...\n", project_file.string().c_str());
            model = std::make_shared<const p::Model>(p::load_inputs(p::load_project(project_file), quiet));
            if (!base) base = std::make_shared<const p::Results>(p::compute(*model, {}, quiet));
        } catch (const needmap::geo::InputError& e) {
            if (is_project) throw;
            std::fprintf(stderr, "needmap-viewer: what-if is off: %s\n", e.what());
        }
    }

    auto* view = new needmap::viewer::ResultsView(&window);
    view->set_kind(kind);
    auto* controller = new needmap::viewer::MapController(*view, base, model, &window);
    window.setCentralWidget(view);
    QObject::connect(view, &needmap::viewer::ResultsView::layers_failed, &window, [&window](const QStringList& errors) {
        window.statusBar()->showMessage(ui("Not drawn: %1").arg(errors.join("; ")));
    });
    if (model && model->streets)  // the project's own streets, quietly under the results
        view->add_layer(ui("Streets").toStdString(),
                        std::make_shared<const needmap::geo::Layer>(needmap::viewer::streets_basemap(*model->streets)),
                        QColor(185, 185, 185));

    auto* panel = new QTextBrowser(&window);
    panel->setMinimumWidth(300);
    panel->setHtml(ui("<p>Click a district, a place or a dot to see its figures.</p>"));
    auto* dock = new QDockWidget(ui("Details"), &window);
    dock->setWidget(panel);
    window.addDockWidget(Qt::RightDockWidgetArea, dock);
    QObject::connect(controller, &needmap::viewer::MapController::told, panel, &QTextBrowser::setHtml);
    auto* layers = new QDockWidget(ui("Layers"), &window);
    layers->setWidget(new needmap::viewer::LayerPanel(*view, layers));
    window.addDockWidget(Qt::LeftDockWidgetArea, layers);
    auto* table = new needmap::viewer::AttributeTable(*view, &window);
    auto* tables = new QDockWidget(ui("Table"), &window);
    tables->setWidget(table);
    window.addDockWidget(Qt::BottomDockWidgetArea, tables);
    QObject::connect(controller, &needmap::viewer::MapController::picked, table, &needmap::viewer::AttributeTable::pick);
    window.resizeDocks({layers, dock}, {215, 360}, Qt::Horizontal);
    window.resizeDocks({tables}, {170}, Qt::Vertical);

    QMenu* file = file_menu(window, *view);
    QAction* save = file->addAction(ui("Save the what-if..."), controller, [&window, controller] {
        const QString chosen = QFileDialog::getSaveFileName(&window, ui("Save the what-if"), QString(),
                                                            ui("GeoPackage (*.gpkg)"));
        if (chosen.isEmpty()) return;
        try {
            controller->save((chosen.endsWith(".gpkg") ? chosen : chosen + ".gpkg").toStdString());
        } catch (const needmap::geo::InputError& e) {
            QMessageBox::warning(&window, "needmap", QString::fromUtf8(e.what()));
        }
    });
    save->setEnabled(false);
    file->addSeparator();
    file->addAction(ui("Quit"), QKeySequence::Quit, &window, &QWidget::close);
    QObject::connect(controller, &needmap::viewer::MapController::failed, &window,
                     [&window](const QString& message) { QMessageBox::warning(&window, "needmap", message); });
    QObject::connect(controller, &needmap::viewer::MapController::busy, &window, [&window, save, controller](bool running) {
        window.statusBar()->showMessage(running ? ui("Computing the what-if ...") : QString());
        save->setEnabled(!running && !controller->scenario().modifications.empty());
    });

    QToolBar* bar = window.addToolBar(ui("Map"));
    bar->addWidget(new QLabel(ui("Kind of place: "), bar));
    auto* kinds = new QComboBox(bar);
    for (const auto& k : base->kinds) kinds->addItem(needmap::viewer::kind_name(k.kind), QString::fromStdString(k.kind));
    kinds->setCurrentIndex(std::max(0, kinds->findData(QString::fromStdString(view->kind()))));
    bar->addWidget(kinds);
    QObject::connect(kinds, &QComboBox::currentIndexChanged, view,
                     [view, kinds](int index) { view->set_kind(kinds->itemData(index).toString().toStdString()); });
    bar->addAction(ui("Whole map"), view, &needmap::viewer::ResultsView::show_all);

    // Meeting mode: F11 for the map alone on the whole screen; Page Up / Down step through the
    // kinds, N / P through the districts, Home back to the whole map.
    auto* meeting = new QAction(ui("Meeting mode"), &window);
    meeting->setShortcut(Qt::Key_F11);
    meeting->setCheckable(true);
    window.addAction(meeting);
    bar->addAction(meeting);
    QObject::connect(meeting, &QAction::toggled, &window, [&window, bar, dock, layers, tables](bool on) {
        bar->setVisible(!on);
        for (QDockWidget* d : {dock, layers, tables}) d->setVisible(!on);
        window.menuBar()->setVisible(!on);
        window.statusBar()->setVisible(!on);
        if (on)
            window.showFullScreen();
        else
            window.showNormal();
    });
    const auto step_kind = [kinds](int by) {
        if (kinds->count() > 0) kinds->setCurrentIndex((kinds->currentIndex() + by + kinds->count()) % kinds->count());
    };
    auto district = std::make_shared<int>(-1);
    const auto step_district = [view, district, n = static_cast<int>(base->districts.size())](int by) {
        if (n == 0) return;
        *district = ((*district + by) % n + n) % n;
        view->show_district(static_cast<std::size_t>(*district));
    };
    for (const auto& [key, action] : std::initializer_list<std::pair<int, std::function<void()>>>{
             {Qt::Key_PageDown, [step_kind] { step_kind(1); }},
             {Qt::Key_PageUp, [step_kind] { step_kind(-1); }},
             {Qt::Key_N, [step_district] { step_district(1); }},
             {Qt::Key_P, [step_district] { step_district(-1); }}}) {
        auto* shortcut = new QShortcut(QKeySequence(key), &window);
        QObject::connect(shortcut, &QShortcut::activated, &window, action);
    }
    if (!controller->can_what_if()) return controller;

    bar->addSeparator();
    auto* tools = new QActionGroup(bar);
    const auto tool = [&](const QString& label, const std::string& name) {
        QAction* action = bar->addAction(label);
        action->setCheckable(true);
        tools->addAction(action);
        QObject::connect(action, &QAction::triggered, controller, [controller, name] { controller->set_tool(name); });
        return action;
    };
    tool(ui("Look"), "")->setChecked(true);
    for (const auto& k : base->kinds) tool(ui("Open a %1 here").arg(needmap::viewer::kind_name(k.kind)), k.kind);
    tool(ui("Close a place"), "remove");
    bar->addSeparator();
    if (!base->bus_routes.empty()) {  // a route taken off
        auto* routes = new QComboBox(bar);
        for (const auto& route : base->bus_routes)
            routes->addItem(QString::fromStdString(route.name.empty() ? route.id : route.name),
                            QString::fromStdString(route.id));
        bar->addWidget(routes);
        bar->addAction(ui("Stop this bus route"), controller, [controller, routes] {
            controller->drop_route(routes->currentData().toString().toStdString());
        });
    }
    bar->addSeparator();
    bar->addAction(ui("Undo"), controller, &needmap::viewer::MapController::undo);
    bar->addAction(ui("Back to the plan"), controller, &needmap::viewer::MapController::reset);
    return controller;
}

}  // namespace

int main(int argc, char** argv) {
    // The same inputs give the same PDF (apart from its date): Qt writes fonts in hash order.
    QHashSeed::setDeterministicGlobalSeed();
    // Writing a file, or the help, needs no screen (also written --render=map.png).
    const auto without_screen = [](std::string_view arg) {
        for (const std::string_view option : {"--render", "--report", "--handout"})
            if (arg == option || (arg.starts_with(option) && arg.size() > option.size() && arg[option.size()] == '='))
                return true;
        return arg == "--help" || arg == "-h" || arg == "--help-all" || arg == "-?";
    };
    for (int i = 1; i < argc; ++i)
        if (without_screen(argv[i]) && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName("needmap-viewer");
    QCommandLineParser parser;
    parser.setApplicationDescription("needmap's map viewer");
    parser.addHelpOption();
    const QCommandLineOption render("render", "Draw the results map to a .png or .pdf file and quit.", "file");
    const QCommandLineOption kind("kind", "The kind of place to map (salon, shop, ...); default: the first.", "kind");
    const QCommandLineOption screenshot("screenshot", "Save the window as a PNG once drawn, then quit.", "png");
    const QCommandLineOption lang("lang", "Language of the window and the maps: ja or en (default: the system's).",
                                  "ja|en");
    parser.addOption(render);
    parser.addOption(kind);
    parser.addOption(screenshot);
    const QCommandLineOption add_site("add-site", "Open the window with a new place: KIND:LON,LAT[:NAME] (repeatable).",
                                      "site");
    parser.addOption(add_site);
    parser.addOption(lang);
    const QCommandLineOption report("report", "Write the district profiles (地域カルテ) of the results to a PDF and quit.",
                                    "pdf");
    const QCommandLineOption districts("districts", "With --report: all (default), or district ids ID,ID,...", "ids");
    const QCommandLineOption paper("paper", "With --report: a4 (default) or a3; with --render also a4-portrait or "
                                   "a3-portrait (default: landscape).", "paper");
    const QCommandLineOption handout("handout", "Write a map of places for residents (A3) to a PDF and quit; with --kind "
                                     "and --district.", "pdf");
    const QCommandLineOption district("district", "With --handout: one district's id (default: the whole town).", "id");
    const QCommandLineOption size("size", "With --render to PNG: its pixels, e.g. 1920x1080.", "WxH");
    const QCommandLineOption dpi("dpi", "With --render: the resolution (default 150; PNG on paper).", "dpi");
    const QCommandLineOption extent("extent", "With --render: the area to show, in longitude and latitude "
                                    "(WGS 84): WEST,SOUTH,EAST,NORTH.", "box");
    const QCommandLineOption field("field", "With --render: the districts' figure to shade by (gap_share, "
                                   "older_people, unmet_need, ...).", "field");
    const QCommandLineOption classes("classes", "With --render: policy, quantile, equal or jenks, and the "
                                     "number of classes, e.g. jenks:5.", "method[:n]");
    for (const auto* option : {&size, &dpi, &extent, &field, &classes}) parser.addOption(*option);
    parser.addOption(handout);
    parser.addOption(district);
    parser.addOption(report);
    parser.addOption(districts);
    parser.addOption(paper);
    parser.addPositionalArgument("file", "needmap's results GeoPackage, or any GIS file");
    parser.process(app);
    const QStringList args = parser.positionalArguments();
    const std::string path = args.isEmpty() ? std::string() : args.at(0).toStdString();

    try {
        needmap::viewer::use_language(needmap::viewer::choose_language(parser.value(lang)));
    } catch (const needmap::geo::InputError& e) {
        std::fprintf(stderr, "needmap-viewer: error: %s\n", e.what());
        return 1;
    }
    needmap::viewer::ResultsMapOptions options;
    options.kind = parser.value(kind).toStdString();
    // A file written without a window: exit 0, or 1 with the message on stderr.
    const auto write_file = [&](const char* option, const std::function<void()>& write) {
        try {
            if (path.empty()) throw needmap::geo::InputError(fmt::format("--{} needs a results GeoPackage", option));
            write();
            return 0;
        } catch (const needmap::geo::InputError& e) {
            std::fprintf(stderr, "needmap-viewer: error: %s\n", e.what());
            return 1;
        }
    };
    if (parser.isSet(handout))
        return write_file("handout", [&] {
            needmap::viewer::HandoutOptions handout_options;
            handout_options.kind = parser.value(kind).toStdString();
            handout_options.district = parser.value(district).toStdString();
            needmap::viewer::write_handout(needmap::analysis::pipeline::read_results(path),
                                           parser.value(handout).toStdString(), handout_options);
        });
    if (parser.isSet(report))
        return write_file("report", [&] {
            needmap::viewer::ReportOptions report_options;
            const QString ids = parser.value(districts);
            if (!ids.isEmpty() && ids != "all")
                for (const auto& id : ids.split(',', Qt::SkipEmptyParts))
                    report_options.districts.push_back(id.trimmed().toStdString());
            if (parser.isSet(paper)) report_options.paper = needmap::viewer::paper_named(parser.value(paper).toStdString());
            needmap::viewer::write_report(needmap::analysis::pipeline::read_results(path),
                                          parser.value(report).toStdString(), report_options);
        });
    if (parser.isSet(render))
        return write_file("render", [&] {
            const auto results = needmap::analysis::pipeline::read_results(path);
            if (parser.isSet(field)) options.field = parser.value(field).toStdString();
            if (parser.isSet(classes)) {
                const QStringList parts = parser.value(classes).split(':');
                options.classing = needmap::viewer::classing_named(parts.front().toStdString());
                if (parts.size() > 1) options.classes = static_cast<std::size_t>(whole_number("--classes", parts[1], 2, 7));
            }
            needmap::viewer::PageSetup page;
            if (parser.isSet(paper)) {
                QString name = parser.value(paper);
                if (name.endsWith("-portrait")) {
                    page.orientation = QPageLayout::Portrait;
                    name.chop(9);
                } else if (name.endsWith("-landscape")) {
                    name.chop(10);
                }
                page.paper = needmap::viewer::paper_named(name.toStdString());
            }
            if (parser.isSet(dpi)) page.dpi = whole_number("--dpi", parser.value(dpi), 50, 1200);
            if (parser.isSet(size)) {
                const QStringList wh = parser.value(size).split('x');
                if (wh.size() != 2) throw needmap::geo::InputError("--size takes WIDTHxHEIGHT in pixels, e.g. 1920x1080");
                page.pixels = QSize(whole_number("--size", wh[0], 100, 20000), whole_number("--size", wh[1], 100, 20000));
            }
            ResultsMap map = ResultsMap::from(results, options);
            if (parser.isSet(extent)) map.look_at(extent_in(results.crs, parser.value(extent)));
            map.save(parser.value(render).toStdString(), page);
        });

    QMainWindow window;
    window.setWindowTitle(QCoreApplication::translate("Viewer", "needmap: the map of a run"));
    window.resize(1500, 1000);
    try {
        const bool project = path.ends_with(".toml");
        if (!path.empty() && (project || is_results(path))) {
            needmap::viewer::MapController* controller = show_results(window, path, project, options.kind);
            for (const auto& site : parser.values(add_site)) {
                const auto add = needmap::analysis::pipeline::parse_add_site(site.toStdString());
                controller->add_place(add.kind, add.lon, add.lat, add.name);
            }
            if (parser.isSet(screenshot) && parser.isSet(add_site))  // once the scenario is drawn
                QObject::connect(controller, &needmap::viewer::MapController::busy, &window, [&](bool running) {
                    if (!running)
                        QTimer::singleShot(300, [&] {
                            QApplication::exit(window.grab().save(parser.value(screenshot), "PNG") ? 0 : 1);
                        });
                });
        } else {  // any other GIS file: its layers alone
            auto* view = new needmap::viewer::ResultsView(&window);
            window.setCentralWidget(view);
            if (!path.empty()) view->show_file(path);
            auto* layers = new QDockWidget(ui("Layers"), &window);
            layers->setWidget(new needmap::viewer::LayerPanel(*view, layers));
            window.addDockWidget(Qt::LeftDockWidgetArea, layers);
            QMenu* file = file_menu(window, *view);
            file->addSeparator();
            file->addAction(ui("Quit"), QKeySequence::Quit, &window, &QWidget::close);
        }
        if (!path.empty()) window.statusBar()->showMessage(QString::fromStdString(path));
    } catch (const needmap::geo::InputError& e) {
        std::fprintf(stderr, "needmap-viewer: error: %s\n", e.what());
        QMessageBox::critical(&window, "needmap", QString::fromUtf8(e.what()));
        return 1;
    }
    window.show();
    if (parser.isSet(screenshot) && !parser.isSet(add_site)) {
        QTimer::singleShot(300, [&] {
            const bool saved = window.grab().save(parser.value(screenshot), "PNG");
            QApplication::exit(saved ? 0 : 1);
        });
    }
    return QApplication::exec();
}
