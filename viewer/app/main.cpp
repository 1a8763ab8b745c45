// needmap-viewer [FILE]: shows the layers of a GIS file (for now; the project viewer comes later).

#include "needmap/geo/error.hpp"
#include "needmap/geo/layer_io.hpp"
#include "needmap/viewer/map_canvas.hpp"

#include <QApplication>
#include <QCommandLineParser>
#include <QMainWindow>
#include <QMessageBox>
#include <QStatusBar>
#include <QTimer>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName("needmap-viewer");
    QMainWindow window;
    window.setWindowTitle("needmap");
    auto* canvas = new needmap::viewer::MapCanvas(&window);
    window.setCentralWidget(canvas);
    window.resize(1000, 750);

    QCommandLineParser parser;
    parser.setApplicationDescription("needmap's map viewer");
    parser.addHelpOption();
    const QCommandLineOption screenshot("screenshot", "Save the window as a PNG once drawn, then quit.", "png");
    parser.addOption(screenshot);
    parser.addPositionalArgument("file", "A GIS file to show (GeoPackage, Shapefile, GeoJSON, ...)");
    parser.process(app);
    const QStringList args = parser.positionalArguments();
    if (!args.isEmpty()) {
        const std::string path = args.at(0).toStdString();
        try {
            std::optional<needmap::geo::Crs> display;
            for (const auto& name : needmap::geo::list_layers(path)) {
                needmap::geo::ReadOptions read;
                read.layer = name;
                read.allow_empty = true;
                needmap::geo::Layer layer = needmap::geo::read_layer(path, read);
                if (!layer.extent() || layer.crs.empty()) continue;
                // Draw in a metric CRS so that the map is not stretched east-west.
                if (!display) display = needmap::geo::choose_metric_crs(needmap::geo::centre_lon_lat(layer)).crs;
                canvas->add_layer(needmap::geo::reproject(std::move(layer), *display));
            }
            window.statusBar()->showMessage(QString::fromStdString(path));
        } catch (const needmap::geo::InputError& e) {
            QMessageBox::critical(&window, "needmap", QString::fromUtf8(e.what()));
            return 1;
        }
    }
    window.show();
    canvas->zoom_to_extent();
    if (parser.isSet(screenshot)) {
        QTimer::singleShot(300, [&] {
            const bool saved = window.grab().save(parser.value(screenshot), "PNG");
            QApplication::exit(saved ? 0 : 1);
        });
    }
    return QApplication::exec();
}
