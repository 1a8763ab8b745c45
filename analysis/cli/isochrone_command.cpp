// `needmap isochrone`: the area within N minutes' walk of each point, as GeoPackage polygons.

#include "commands.hpp"
#include "console.hpp"
#include "needmap/analysis/network/loaders.hpp"
#include "needmap/analysis/network/service_area.hpp"
#include "needmap/analysis/network/walk_matrix.hpp"
#include "needmap/geo/error.hpp"
#include "needmap/geo/layer_io.hpp"

#include <fmt/format.h>

namespace needmap::cli {
namespace {

struct IsochroneArgs {
    std::string osm;
    std::string network;
    std::string network_layer;
    std::string dem;
    std::string points;
    std::string id_field;
    std::vector<double> minutes{30};
    double walk_speed = 3.0;
    double max_snap = 500;
    double buffer = 50;
    std::string output;
};

void run_isochrone(const IsochroneArgs& a, const Common& common) {
    using namespace analysis::network;
    if (a.osm.empty() == a.network.empty())
        throw geo::InputError("give the streets with exactly one of --osm FILE.pbf or --network LINES");
    for (const double m : a.minutes)
        if (m <= 0 || m > 240) throw geo::InputError(fmt::format("--minutes {}: give minutes between 1 and 240", m));
    if (a.walk_speed <= 0 || a.walk_speed > 10)
        throw geo::InputError(fmt::format("--walk-speed {} km/h is not a walking speed (try 3.0)", a.walk_speed));

    Console console(common);
    console.set_stage_count(3);
    console.stage("walking network");
    NetworkReport report;
    const WalkNetwork net = load_streets({a.osm, a.network, a.network_layer, a.dem}, report);
    console.done(fmt::format("{} junctions, {} edges", net.node_count(), net.edge_count()));
    console.note(report.crs_reason);

    console.stage("points");
    analysis::PlacesOptions options;
    options.id_field = a.id_field;
    std::vector<std::string> notes;
    std::vector<std::string> warnings;
    const auto places = analysis::read_places(a.points, net.crs(), options, &notes, &warnings);
    for (const auto& n : notes) console.note(n);
    for (const auto& w : warnings) console.warn(w);
    require_within_extent(net, places, a.max_snap, a.points);
    const auto snaps = snap_places(net, places, a.max_snap);
    console.done(fmt::format("{} points", places.size()));

    console.stage("service areas");
    geo::Layer layer;
    layer.name = "service_areas";
    layer.crs = net.crs();
    layer.geometry_kind = geo::GeometryKind::Polygons;
    layer.fields = {{"id", geo::FieldType::String},
                    {"minutes", geo::FieldType::Real},
                    {"walk_kmh", geo::FieldType::Real},
                    {"area_km2", geo::FieldType::Real},
                    {"status", geo::FieldType::String}};
    WalkSearch search(net);
    const double speed = a.walk_speed / 3.6;
    for (std::size_t i = 0; i < places.size(); ++i) {
        for (const double minutes : a.minutes) {
            const geo::MultiPolygon area =
                service_area(net, search, snaps[i], effort_in(minutes * 60, speed), a.buffer);
            layer.features.push_back(
                {static_cast<std::int64_t>(layer.features.size() + 1),
                 area,
                 {places[i].id, minutes, a.walk_speed, geo::area(area) / 1e6, std::string(key_of(snaps[i].status))}});
        }
        if (auto progress = console.progress()) progress({"service areas", i + 1, places.size()});
    }
    geo::write_layers(a.output, std::span(&layer, 1));
    console.done(fmt::format("{} polygons written to {}", layer.features.size(), a.output));
}

}  // namespace

void add_isochrone_command(CLI::App& app, const Common& common) {
    auto a = std::make_shared<IsochroneArgs>();
    CLI::App* cmd = app.add_subcommand("isochrone",
                                       "The area within N minutes' walk of each point (service areas), "
                                       "written as polygons to a GeoPackage");
    cmd->add_option("--osm", a->osm, "OpenStreetMap extract (.osm.pbf or .osm)");
    cmd->add_option("--network", a->network, "A road line layer instead of --osm");
    cmd->add_option("--network-layer", a->network_layer, "The layer of --network, when it has several");
    cmd->add_option("--dem", a->dem, "A digital elevation model (GeoTIFF or any raster GDAL reads): walking slows on slopes");
    cmd->add_option("--points", a->points, "Points: any point layer, or a CSV with id,lon,lat")->required();
    cmd->add_option("--id-field", a->id_field, "Field holding the ids (default: id in any case; without one the points are numbered)");
    cmd->add_option("--minutes", a->minutes, "Minutes of walking, e.g. 15,30 (default 30)")->check(in_range(1, 240, "minutes"))->delimiter(',');
    cmd->add_option("--walk-speed", a->walk_speed, "Walking speed in km/h (default 3.0)")->check(in_range(0.5, 10, "km/h"));
    cmd->add_option("--max-snap", a->max_snap, "Metres a point may lie from a walkable way (default 500)")->check(in_range(1, 5000, "metres"));
    cmd->add_option("--buffer", a->buffer, "Metres on each side of a reached street counted as reached (default 50)")->check(in_range(1, 1000, "metres"));
    cmd->add_option("-o,--output", a->output, "Output GeoPackage (or .shp, .geojson)")->required();
    cmd->callback([a, &common] { run_isochrone(*a, common); });
}

}  // namespace needmap::cli
