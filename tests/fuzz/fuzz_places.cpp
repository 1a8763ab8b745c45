// Named points from a CSV (origins, destinations, salons, shops, candidates): the id column,
// lon/lat or lat/lon columns, duplicate and missing ids.
#include "fuzz_support.hpp"

#include "needmap/analysis/places.hpp"
#include "needmap/geo/crs.hpp"
#include "needmap/geo/error.hpp"

#include <cmath>
#include <set>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace needmap;
    static const geo::Crs wgs84 = geo::Crs::from_epsg(4326);
    try {
        const auto file = fuzz::write_scratch("fuzz-places.csv", fuzz::as_text(data, size));
        std::vector<std::string> notes, warnings;
        auto places = analysis::read_places(file, wgs84, {}, &notes, &warnings);
        std::set<std::string> ids;
        for (const auto& p : places) {
            if (!ids.insert(p.id).second) __builtin_trap();  // ids are unique
            if (!std::isfinite(p.position.x) || !std::isfinite(p.position.y)) __builtin_trap();
        }
    } catch (const geo::InputError&) {
    }
    return 0;
}
