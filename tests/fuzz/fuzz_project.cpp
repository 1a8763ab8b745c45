// The TOML project file. It is read beside the sample town's files (linked into the scratch
// folder), so a project that names them gets past "no such file" to the checks of every section.
#include "fuzz_support.hpp"

#include "needmap/analysis/pipeline/project.hpp"
#include "needmap/geo/error.hpp"

namespace fs = std::filesystem;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    const fs::path town = fs::path(NEEDMAP_SOURCE_DIR) / "datasets" / "sample-town";
    for (const auto& entry : fs::directory_iterator(town)) {
        const fs::path link = needmap::fuzz::scratch_dir() / entry.path().filename();
        std::error_code ec;
        fs::create_symlink(entry.path(), link, ec);
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace needmap;
    try {
        const fs::path file = fuzz::write_scratch("fuzz-project.toml", fuzz::as_text(data, size));
        (void)analysis::pipeline::load_project(file);
    } catch (const geo::InputError&) {
    }
    return 0;
}
