#pragma once

// How needmap's maps show the access gap, defined once for the viewer and for the styles a results
// GeoPackage carries for QGIS: five classes of the share of older people beyond the threshold.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace needmap::analysis::pipeline {

struct GapClass {
    double upto;                      ///< the largest share (0..1) in the class, as QGIS ranges count
    std::array<std::uint8_t, 3> rgb;  ///< ColorBrewer Oranges, 5 classes
    const char* label;
};

/// 5% or less, 5–15%, 15–25%, 25–35%, over 35%: light where nearly everyone is within reach,
/// dark where many are not.
[[nodiscard]] const std::vector<GapClass>& gap_classes();

/// A QGIS layer style (QML) for the districts: filled by the classes of `share_field`, outlined,
/// labelled with `name_field`.
[[nodiscard]] std::string districts_gap_qml(std::string_view share_field, std::string_view name_field);

/// Demand points coloured by minutes to the nearest place (`minutes_field`): within a third, two
/// thirds and all of `threshold_min`, up to half as much again, and beyond (or not reached).
[[nodiscard]] std::string points_minutes_qml(std::string_view minutes_field, double threshold_min);

/// Places, one colour per kind (`kind_field` holds it), labelled with `name_field`.
[[nodiscard]] std::string places_qml(std::string_view kind_field, const std::vector<std::string>& kinds,
                                     std::string_view name_field);

/// Candidates: the ranked ones as numbered stars, the others faint.
[[nodiscard]] std::string candidates_qml(std::string_view rank_field);

/// Service areas, one translucent fill per kind.
[[nodiscard]] std::string service_areas_qml(std::string_view kind_field, const std::vector<std::string>& kinds);

}  // namespace needmap::analysis::pipeline
