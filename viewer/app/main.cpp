// needmap-viewer [FILE]: a map window for needmap's results (or any GIS file).
//   needmap-viewer results.gpkg                     the thematic map of a run, kind by kind
//   needmap-viewer --render map.png results.gpkg   the same map as PNG or PDF, without a window

#include "needmap/geo/error.hpp"
#include "needmap/geo/layer_io.hpp"
#include "needmap/viewer/handout.hpp"
#include "needmap/viewer/language.hpp"
#include "needmap/viewer/map_canvas.hpp"
#include "needmap/viewer/report.hpp"
#include "needmap/analysis/pipeline/results_io.hpp"
#include "needmap/viewer/results_map.hpp"

#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QLabel>
#include <QMainWindow>
#include <QMessageBox>
#include <QPainter>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <optional>

namespace {

using needmap::viewer::ResultsMap;

/// Shows a ResultsMap, redrawn to the window's size.
class ResultsMapWidget : public QWidget {
public:
    explicit ResultsMapWidget(ResultsMap map, QWidget* parent = nullptr) : QWidget(parent), m_map(std::move(map)) {
        setMinimumSize(800, 560);
    }
    void setMap(ResultsMap map) {
        m_map = std::move(map);
        update();
    }

protected:
    void paintEvent(QPaintEvent* /*event*/) override {
        QPainter painter(this);
        m_map.render(painter, QRectF(rect()));
    }

private:
    ResultsMap m_map;
};

bool is_results(const std::string& path) {
    try {
        const auto names = needmap::geo::list_layers(path);
        return std::find(names.begin(), names.end(), "districts_access") != names.end() &&
               std::find(names.begin(), names.end(), "run_summary") != names.end();
    } catch (const needmap::geo::InputError&) {
        return false;
    }
}

/// Any GIS file: every layer, drawn in a metric CRS so that the map is not stretched.
void show_layers(needmap::viewer::MapCanvas& canvas, const std::string& path) {
    std::optional<needmap::geo::Crs> display;
    for (const auto& name : needmap::geo::list_layers(path)) {
        needmap::geo::ReadOptions read;
        read.layer = name;
        read.allow_empty = true;
        needmap::geo::Layer layer = needmap::geo::read_layer(path, read);
        if (!layer.extent() || layer.crs.empty()) continue;
        if (!display) display = needmap::geo::choose_metric_crs(needmap::geo::centre_lon_lat(layer)).crs;
        canvas.add_layer(needmap::geo::reproject(std::move(layer), *display));
    }
}

}  // namespace

int main(int argc, char** argv) {
    // Rendering to a file needs no screen.
    for (int i = 1; i < argc; ++i)
        if ((std::strcmp(argv[i], "--render") == 0 || std::strcmp(argv[i], "--report") == 0 ||
             std::strcmp(argv[i], "--handout") == 0) &&
            qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
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
    parser.addOption(lang);
    const QCommandLineOption report("report", "Write the district profiles (地域カルテ) of the results to a PDF and quit.",
                                    "pdf");
    const QCommandLineOption districts("districts", "With --report: all (default), or district ids ID,ID,...", "ids");
    const QCommandLineOption paper("paper", "With --report: a4 (default) or a3.", "a4|a3");
    const QCommandLineOption handout("handout", "Write a map of places for residents (A3) to a PDF and quit; with --kind "
                                     "and --district.", "pdf");
    const QCommandLineOption district("district", "With --handout: one district's id (default: the whole town).", "id");
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
    if (parser.isSet(handout)) {
        try {
            if (path.empty()) throw needmap::geo::InputError("--handout needs a results GeoPackage");
            needmap::viewer::HandoutOptions handout_options;
            handout_options.kind = parser.value(kind).toStdString();
            handout_options.district = parser.value(district).toStdString();
            needmap::viewer::write_handout(needmap::analysis::pipeline::read_results(path),
                                           parser.value(handout).toStdString(), handout_options);
            return 0;
        } catch (const needmap::geo::InputError& e) {
            std::fprintf(stderr, "needmap-viewer: error: %s\n", e.what());
            return 1;
        }
    }
    if (parser.isSet(report)) {
        try {
            if (path.empty()) throw needmap::geo::InputError("--report needs a results GeoPackage");
            needmap::viewer::ReportOptions report_options;
            const QString ids = parser.value(districts);
            if (!ids.isEmpty() && ids != "all")
                for (const auto& id : ids.split(',', Qt::SkipEmptyParts))
                    report_options.districts.push_back(id.trimmed().toStdString());
            if (parser.isSet(paper)) report_options.paper = needmap::viewer::paper_named(parser.value(paper).toStdString());
            needmap::viewer::write_report(needmap::analysis::pipeline::read_results(path),
                                          parser.value(report).toStdString(), report_options);
            return 0;
        } catch (const needmap::geo::InputError& e) {
            std::fprintf(stderr, "needmap-viewer: error: %s\n", e.what());
            return 1;
        }
    }
    if (parser.isSet(render)) {
        try {
            if (path.empty()) throw needmap::geo::InputError("--render needs a results GeoPackage");
            ResultsMap::load(path, options).save(parser.value(render).toStdString());
            return 0;
        } catch (const needmap::geo::InputError& e) {
            std::fprintf(stderr, "needmap-viewer: error: %s\n", e.what());
            return 1;
        }
    }

    QMainWindow window;
    window.setWindowTitle(QCoreApplication::translate("Viewer", "needmap: the map of a run"));
    window.resize(1400, 990);
    try {
        if (!path.empty() && is_results(path)) {
            ResultsMap map = ResultsMap::load(path, options);
            auto* kinds = new QComboBox(&window);
            for (const auto& k : map.kinds()) kinds->addItem(needmap::viewer::kind_name(k), QString::fromStdString(k));
            kinds->setCurrentIndex(kinds->findData(QString::fromStdString(map.kind())));
            auto* view = new ResultsMapWidget(std::move(map), &window);
            window.setCentralWidget(view);
            QObject::connect(kinds, &QComboBox::currentIndexChanged, view, [view, kinds, path, options](int index) {
                auto chosen = options;
                chosen.kind = kinds->itemData(index).toString().toStdString();
                try {
                    view->setMap(ResultsMap::load(path, chosen));
                } catch (const needmap::geo::InputError& e) {
                    QMessageBox::warning(view, "needmap", QString::fromUtf8(e.what()));
                }
            });
            QToolBar* bar = window.addToolBar("Kind");
            bar->addWidget(new QLabel(QCoreApplication::translate("Viewer", "Kind of place: "), bar));
            bar->addWidget(kinds);
        } else {
            auto* canvas = new needmap::viewer::MapCanvas(&window);
            window.setCentralWidget(canvas);
            if (!path.empty()) show_layers(*canvas, path);
        }
        if (!path.empty()) window.statusBar()->showMessage(QString::fromStdString(path));
    } catch (const needmap::geo::InputError& e) {
        QMessageBox::critical(&window, "needmap", QString::fromUtf8(e.what()));
        return 1;
    }
    window.show();
    if (auto* canvas = dynamic_cast<needmap::viewer::MapCanvas*>(window.centralWidget())) canvas->zoom_to_extent();
    if (parser.isSet(screenshot)) {
        QTimer::singleShot(300, [&] {
            const bool saved = window.grab().save(parser.value(screenshot), "PNG");
            QApplication::exit(saved ? 0 : 1);
        });
    }
    return QApplication::exec();
}
