// `needmap matrix`: the travel-time engine alone, as r5r's travel_time_matrix.

#include "commands.hpp"
#include "console.hpp"
#include "needmap/analysis/network/loaders.hpp"
#include "needmap/analysis/network/walk_matrix.hpp"
#include "needmap/analysis/transit/transit_matrix.hpp"
#include "needmap/geo/atomic_file.hpp"
#include "needmap/geo/csv.hpp"
#include "needmap/geo/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <optional>

namespace needmap::cli {
namespace {

namespace transit = analysis::transit;

struct MatrixArgs {
    std::string osm;
    std::string network;
    std::string network_layer;
    std::string dem;
    std::vector<std::string> gtfs;
    std::string origins;
    std::string destinations;
    std::string id_field;
    std::string mode = "walk";
    double walk_speed = 3.0;
    double max_time = 120;
    double max_snap = 500;
    std::vector<int> percentiles{50};
    std::string departure;
    std::string arrive_by;
    std::optional<int> window;  ///< default 120 departures, or 1 deadline with arrive_by
    double max_walk_to_stop = 800;
    int max_rides = 3;
    std::string snap_report;
    unsigned threads = 0;
    std::string output;
};

analysis::network::WalkNetwork load_network(const MatrixArgs& a, Console& console) {
    using namespace analysis::network;
    console.stage("walking network");
    NetworkReport report;
    WalkNetwork net = load_streets({a.osm, a.network, a.network_layer, a.dem}, report);
    console.done(fmt::format("{} of {} ways walkable, {} junctions, {} edges, {:.0f} km", report.ways_used,
                             report.ways_read, net.node_count(), net.edge_count(), net.total_length_m() / 1000));
    console.note(report.crs_reason);
    for (const auto& n : report.notes) console.note(n);
    if (report.duplicates_dropped > 0)
        console.note(fmt::format("{} edges stored twice (both directions) kept once", report.duplicates_dropped));
    return net;
}

std::vector<analysis::Place> load_places(const std::string& path, const MatrixArgs& a,
                                         const analysis::network::WalkNetwork& net, Console& console) {
    std::vector<std::string> notes;
    std::vector<std::string> warnings;
    analysis::PlacesOptions options;
    options.id_field = a.id_field;
    auto places = analysis::read_places(path, net.crs(), options, &notes, &warnings);
    for (const auto& n : notes) console.note(n);
    for (const auto& w : warnings) console.warn(w);
    analysis::network::require_within_extent(net, places, a.max_snap, path);
    return places;
}

void report_snaps(const std::string& what, const std::vector<analysis::network::Snap>& snaps,
                  const std::vector<analysis::Place>& places, Console& console) {
    const auto s = analysis::network::summarise(snaps, places);
    console.note(
        fmt::format("{}: {} joined the network (median {:.0f} m, at most {:.0f} m away), {} on small "
                    "islands, {} too far",
                    what, s.ok + s.island, s.median_m, s.max_m, s.island, s.too_far));
    if (s.passed_island > 0)
        console.note(fmt::format("{} {} passed over a nearer small disconnected piece of path to join the main network",
                                 s.passed_island, what));
    auto list = [](const std::vector<std::string>& ids) {
        std::string out;
        for (std::size_t i = 0; i < ids.size() && i < 10; ++i) out += (i ? ", " : "") + ids[i];
        return out + (ids.size() > 10 ? ", ..." : "");
    };
    if (s.too_far > 0)
        console.warn(
            fmt::format("{} {} farther than the max snap distance from any walkable way are "
                        "unreachable: {}",
                        s.too_far, what, list(s.unreachable_ids)));
    if (s.island > 0)
        console.warn(fmt::format("{} {} sit on small disconnected pieces of the network: {}", s.island, what,
                                 list(s.island_ids)));
}

void write_snap_report(const std::string& path, const std::vector<analysis::Place>& origins,
                       const std::vector<analysis::network::Snap>& o, const std::vector<analysis::Place>& destinations,
                       const std::vector<analysis::network::Snap>& d) {
    geo::AtomicFile file(path);
    file.stream() << "id,role,status,snap_distance_m\n";
    auto rows = [&](const std::vector<analysis::Place>& places, const std::vector<analysis::network::Snap>& snaps,
                    const char* role) {
        for (std::size_t i = 0; i < places.size(); ++i) {
            const auto& s = snaps[i];
            file.stream() << fmt::format("{},{},{},{:.1f}\n", geo::csv_field(places[i].id), role,
                                         analysis::network::key_of(s.status), s.distance_m);
        }
    };
    rows(origins, o, "origin");
    rows(destinations, d, "destination");
    file.commit();
}

/// The --departure or --arrive-by flag as a date and a time of day.
transit::Departure departure_of(const std::string& flag, const std::string& text) {
    const auto d = transit::parse_departure(text);
    if (!d)
        throw geo::InputError(
            fmt::format("{} \"{}\": give the date and time as YYYY-MM-DDTHH:MM, e.g. 2019-05-13T09:00", flag, text));
    return *d;
}

analysis::TravelTimeMatrix transit_matrix(const MatrixArgs& a, const analysis::network::WalkNetwork& net,
                                          const std::vector<analysis::network::Snap>& o_snaps,
                                          const std::vector<analysis::network::Snap>& d_snaps, Console& console) {
    using namespace analysis::transit;
    if (a.gtfs.empty()) throw geo::InputError("--mode transit needs at least one --gtfs FEED");
    const bool arrive_by = !a.arrive_by.empty();
    if (a.departure.empty() == !arrive_by)
        throw geo::InputError("--mode transit needs one of --departure YYYY-MM-DDTHH:MM (leave then) and --arrive-by "
                              "YYYY-MM-DDTHH:MM (be there by then)");
    const auto [date, departure] = arrive_by ? departure_of("--arrive-by", a.arrive_by) : departure_of("--departure", a.departure);
    const int window = a.window.value_or(arrive_by ? 1 : 120);
    if (window < 1 || window > 24 * 60) throw geo::InputError("--window must be 1 to 1440 minutes");
    if (a.max_rides < 1 || a.max_rides > 10) throw geo::InputError("--max-rides must be 1 to 10");
    for (const int p : a.percentiles)
        if (p < 1 || p > 100) throw geo::InputError(fmt::format("--percentiles: {} is not 1 to 100", p));

    console.stage("timetable");
    std::vector<Feed> feeds;
    for (const auto& path : a.gtfs) feeds.push_back(load_feed(path));
    DayReport day;
    const Timetable tt = build_timetable(feeds, date, DayOptions{}, day);
    console.done(fmt::format("{} ({}): {} stops, {} routes, {} trips", date.to_string(), to_string(date.weekday()),
                             tt.stop_count(), tt.route_count(), tt.trip_count()));
    for (const Feed& f : feeds)
        if (f.report.skipped_rows() > 0)
            console.note(fmt::format("{}: {} rows skipped (see needmap gtfs)", f.name, f.report.skipped_rows()));
    for (const auto& w : day.warnings) console.warn(w);

    console.stage("stops and transfers");
    StreetOptions street;
    street.walk_speed_kmh = a.walk_speed;
    street.max_walk_to_stop_m = a.max_walk_to_stop;
    street.max_snap_m = a.max_snap;
    const TransitNetwork transit = link_to_streets(tt, net, street);
    console.done(fmt::format("{} stops on the streets, {} too far from any walkable way, {} walking transfers",
                             tt.stop_count() - transit.stops_unlinked, transit.stops_unlinked,
                             transit.transfers.size()));

    std::vector<int> percentiles = a.percentiles;
    std::sort(percentiles.begin(), percentiles.end());
    RaptorOptions raptor;
    raptor.max_rides = a.max_rides;
    raptor.max_duration = Seconds(static_cast<std::int32_t>(a.max_time * 60));
    if (arrive_by) {
        console.stage("walk + transit matrix, arrive by");
        const ArriveByOptions options{departure, window, percentiles, raptor, a.threads};
        auto m = transit_matrix_arrive_by(transit, o_snaps, d_snaps, options, console.progress());
        console.done(fmt::format("{} pairs within {} min, arriving by {}{}", m.entry_count(), a.max_time,
                                 format_gtfs_time(departure).substr(0, 5),
                                 window > 1 ? fmt::format(" (deadlines over the {} minutes before)", window) : ""));
        return m;
    }
    console.stage("walk + transit matrix");
    const TransitMatrixOptions options{departure, window, percentiles, raptor, a.threads};
    auto m = analysis::transit::transit_matrix(transit, o_snaps, d_snaps, options, console.progress());
    console.done(fmt::format("{} pairs within {} min, {}-minute window from {}", m.entry_count(), a.max_time, window,
                             format_gtfs_time(departure).substr(0, 5)));
    return m;
}

void run_matrix(const MatrixArgs& a, const Common& common) {
    if (a.osm.empty() == a.network.empty())
        throw geo::InputError("give the streets with exactly one of --osm FILE.pbf or --network LINES");
    if (a.walk_speed <= 0 || a.walk_speed > 10)
        throw geo::InputError(fmt::format("--walk-speed {} km/h is not a walking speed (try 3.0)", a.walk_speed));
    if (a.max_time <= 0) throw geo::InputError("--max-time must be positive (minutes)");
    for (std::size_t i = 0; i < a.percentiles.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (a.percentiles[i] == a.percentiles[j])
                throw geo::InputError(fmt::format("--percentiles: {} is given twice; give each percentile once", a.percentiles[i]));
    const bool transit = a.mode == "transit";
    if (!transit && !a.gtfs.empty()) throw geo::InputError("--gtfs is used with --mode transit only");

    Console console(common);
    console.set_stage_count(transit ? 6 : 4);
    const auto net = load_network(a, console);

    console.stage("origins and destinations");
    const auto origins = load_places(a.origins, a, net, console);
    const auto destinations = a.destinations == a.origins ? origins : load_places(a.destinations, a, net, console);
    const auto o_snaps = analysis::network::snap_places(net, origins, a.max_snap);
    const auto d_snaps = analysis::network::snap_places(net, destinations, a.max_snap);
    console.done(fmt::format("{} origins, {} destinations", origins.size(), destinations.size()));
    report_snaps("origins", o_snaps, origins, console);
    report_snaps("destinations", d_snaps, destinations, console);

    analysis::TravelTimeMatrix m;
    if (transit) {
        m = transit_matrix(a, net, o_snaps, d_snaps, console);
    } else {
        console.stage("walk matrix");
        analysis::network::WalkOptions options;
        options.speed_kmh = a.walk_speed;
        options.max_minutes = a.max_time;
        options.max_snap_m = a.max_snap;
        options.threads = a.threads;
        m = analysis::network::walk_matrix(net, o_snaps, d_snaps, options, console.progress());
        // Walking takes the same time at every departure minute: every percentile is that time.
        if (a.percentiles != std::vector<int>{50}) {
            std::vector<float> repeated;
            repeated.reserve(m.seconds.size() * a.percentiles.size());
            for (const float s : m.seconds) repeated.insert(repeated.end(), a.percentiles.size(), s);
            m.seconds = std::move(repeated);
            m.percentiles = a.percentiles;
        }
        console.done(fmt::format("{} pairs within {} min at {} km/h", m.entry_count(), a.max_time, a.walk_speed));
    }

    console.stage("writing " + a.output);
    std::vector<std::string> o_ids, d_ids;
    for (const auto& p : origins) o_ids.push_back(p.id);
    for (const auto& p : destinations) d_ids.push_back(p.id);
    analysis::write_matrix_csv(a.output, m, o_ids, d_ids);
    // The snap report only beside a matrix: a run that fails leaves neither.
    if (!a.snap_report.empty()) write_snap_report(a.snap_report, origins, o_snaps, destinations, d_snaps);
    console.done(fmt::format("{} rows", m.entry_count()));
}

}  // namespace

void add_matrix_command(CLI::App& app, const Common& common) {
    auto a = std::make_shared<MatrixArgs>();
    CLI::App* cmd = app.add_subcommand("matrix",
                                       "Travel times from origins to destinations, on foot (or on foot and "
                                       "by bus), as r5r's travel_time_matrix");
    cmd->add_option("--osm", a->osm, "OpenStreetMap extract (.osm.pbf or .osm) for the streets");
    cmd->add_option("--network", a->network, "A road line layer (Shapefile, GeoPackage, ...) instead of --osm");
    cmd->add_option("--network-layer", a->network_layer, "Layer of --network when it has several");
    cmd->add_option("--dem", a->dem, "A digital elevation model (GeoTIFF or any raster GDAL reads): walking slows on slopes");
    cmd->add_option("--gtfs", a->gtfs, "GTFS or GTFS-JP feed (zip or folder); repeat for several feeds");
    cmd->add_option("--origins", a->origins, "Points: any point layer, or a CSV with id,lon,lat")->required();
    cmd->add_option("--destinations", a->destinations, "Points: any point layer, or a CSV with id,lon,lat")->required();
    cmd->add_option("--id-field", a->id_field, "Field holding the ids (default: id in any case; without one the points are numbered)");
    cmd->add_option("--mode", a->mode, "walk, or transit (walk + public transport)")
        ->check(CLI::IsMember({"walk", "transit"}));
    cmd->add_option("--walk-speed", a->walk_speed, "Walking speed in km/h (default 3.0, for older walkers)")->check(in_range(0.5, 10, "km/h"));
    cmd->add_option("--max-time", a->max_time, "Leave out pairs farther than this many minutes (default 120)")->check(in_range(1, 1440, "minutes"));
    cmd->add_option("--max-snap", a->max_snap,
                    "Points farther than this many metres from a walkable way are "
                    "unreachable (default 500)")
        ->check(in_range(1, 5000, "metres"));
    cmd->add_option("--percentiles", a->percentiles,
                    "Percentiles of travel time over the departure window "
                    "(default 50)")
        ->delimiter(',')
        ->check(in_range(1, 100, "percent"));
    cmd->add_option("--departure", a->departure,
                    "Transit: first departure, YYYY-MM-DDTHH:MM (a weekday the feeds "
                    "run)");
    cmd->add_option("--arrive-by", a->arrive_by,
                    "Transit, instead of --departure: be there by YYYY-MM-DDTHH:MM; the time counts from the latest "
                    "departure that makes it (waiting at the end included)");
    cmd->add_option("--window", a->window,
                    "Transit: minutes of departures, one every minute (default 120); with --arrive-by, of "
                    "deadlines up to it (default 1)")
        ->check(in_range(1, 1440, "minutes"));
    cmd->add_option("--max-walk-to-stop", a->max_walk_to_stop,
                    "Transit: metres walked to, from and between stops at most (default 800; a journey "
                    "needing a longer walk at either end is not found)")
        ->check(in_range(0, 5000, "metres"));
    cmd->add_option("--max-rides", a->max_rides, "Transit: vehicles boarded at most (default 3, as r5r)")->check(in_range(1, 10, "vehicles"));
    cmd->add_option("--snap-report", a->snap_report, "Write each point's snap distance and status to this CSV");
    cmd->add_option("--threads", a->threads, "Threads to use (default: one per core)")->check(in_range(0, 1024, "threads"));
    cmd->add_option("-o,--output", a->output, "Output CSV: from_id,to_id,travel_time_p50 in minutes")->required();
    cmd->callback([a, &common] { run_matrix(*a, common); });
}

}  // namespace needmap::cli
