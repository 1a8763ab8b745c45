#include "needmap/geo/ksj.hpp"

namespace needmap::geo {

std::optional<A32Layout> detect_a32_layout(const Layer& layer) {
    // The 2021+ school-name field is A32_004 in files, A32_004_ja in MLIT's web API.
    const auto school_2021 =
        layer.field_index("A32_004") ? layer.field_index("A32_004") : layer.field_index("A32_004_ja");
    if (auto code = layer.field_index("A32_001"); code && school_2021) {
        A32Layout out;
        out.edition = 2021;
        out.municipality_code = *code;
        out.school_name = *school_2021;
        out.address = layer.field_index("A32_005");
        return out;
    }
    if (auto code = layer.field_index("A32_006"), school = layer.field_index("A32_008"); code && school) {
        A32Layout out;
        out.edition = 2016;
        out.municipality_code = *code;
        out.municipality_name = layer.field_index("A32_007");
        out.school_name = *school;
        out.address = layer.field_index("A32_009");
        return out;
    }
    return std::nullopt;
}

}  // namespace needmap::geo
