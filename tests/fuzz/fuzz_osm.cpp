// OpenStreetMap files as libosmium reads them into the walking network: PBF when the input starts
// with a zero byte (a PBF block header's length), OSM XML otherwise.
#include "fuzz_support.hpp"

#include "needmap/analysis/network/loaders.hpp"
#include "needmap/geo/crs.hpp"
#include "needmap/geo/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace needmap;
    const bool pbf = size > 0 && data[0] == 0;
    try {
        const auto file = fuzz::write_scratch(pbf ? "fuzz.osm.pbf" : "fuzz.osm", fuzz::as_text(data, size));
        analysis::network::NetworkReport report;
        // A fixed metric CRS (JGD2011 / Japan Plane Rectangular CS III) keeps each run alike.
        static const geo::Crs metric = geo::Crs::from_user_input("EPSG:6671");
        auto network = analysis::network::load_osm_network(file, analysis::network::WalkProfile{}, report, metric);
        (void)network;
    } catch (const geo::InputError&) {
    }
    return 0;
}
