#pragma once

// Layouts of 国土数値情報 (MLIT National Land Numerical Information) layers that needmap reads.

#include "needmap/geo/layer.hpp"

#include <cstddef>
#include <optional>
#include <string_view>

namespace needmap::geo {

/// Where the attributes of an A32 中学校区 (junior-high-school district) layer are. The 2016
/// edition (A32-16) names them A32_006..A32_010; the 2021 and later editions A32_001..A32_005,
/// without a municipality name.
struct A32Layout {
    int edition = 0;                               ///< 2016, or 2021 for the 2021+ layout
    std::size_t municipality_code = 0;             ///< 行政区域コード (5 digits)
    std::optional<std::size_t> municipality_name;  ///< 市町村名 (2016 only)
    std::size_t school_name = 0;                   ///< 学校名 / 名称, e.g. "愛知中学校"
    std::optional<std::size_t> address;            ///< 所在地
};

/// The A32 layout of the layer, or nothing when it has neither edition's fields.
[[nodiscard]] std::optional<A32Layout> detect_a32_layout(const Layer& layer);

}  // namespace needmap::geo
