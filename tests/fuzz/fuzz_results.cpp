// A results GeoPackage as the viewer and the reports open it (through GDAL's GeoPackage driver
// and SQLite).
#include "fuzz_support.hpp"

#include "needmap/analysis/pipeline/results_io.hpp"
#include "needmap/geo/error.hpp"

#include <gdal.h>

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    GDALAllRegister();
    CPLSetErrorHandler(CPLQuietErrorHandler);  // GDAL's own warnings would flood the fuzzer's log
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace needmap;
    try {
        const auto file = needmap::fuzz::write_scratch("fuzz-results.gpkg", fuzz::as_text(data, size));
        (void)analysis::pipeline::read_results(file);
    } catch (const geo::InputError&) {
    }
    return 0;
}
