// JIS X 0410 mesh codes as they come in e-Stat's KEY_CODE and survey columns.
#include "fuzz_support.hpp"

#include "needmap/geo/error.hpp"
#include "needmap/geo/mesh.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace needmap;
    std::string reason;
    auto code = geo::MeshCode::try_parse(fuzz::as_text(data, size), &reason);
    if (!code) {
        if (reason.empty()) __builtin_trap();  // a refusal always says why
        return 0;
    }
    // A valid code prints back as itself and contains its own centre.
    if (code->to_string() != fuzz::as_text(data, size)) __builtin_trap();
    geo::Box box = code->bounds();
    geo::Point centre{(box.min_corner().x + box.max_corner().x) / 2,
                      (box.min_corner().y + box.max_corner().y) / 2};
    try {
        if (geo::MeshCode::containing(centre, code->level()) != *code) __builtin_trap();
    } catch (const geo::InputError&) {
        // a code beyond the range containing() covers (latitude above 66.67°N)
    }
    if (auto parent = code->parent()) (void)parent->children();
    return 0;
}
