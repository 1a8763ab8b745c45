#pragma once

// What a click on the map points at, and what a planner reads about it: a district's figures, a
// demand point's minutes to each kind of place, a place. Texts in the application's language.

#include "needmap/analysis/pipeline/results.hpp"
#include "needmap/analysis/pipeline/scenario.hpp"

#include <QString>

#include <optional>
#include <span>
#include <vector>

namespace needmap::viewer {

/// The district containing `at` (map metres), if any.
[[nodiscard]] std::optional<analysis::DistrictId> district_at(const analysis::pipeline::Results& r, geo::Point at);
/// The existing place nearest to `at` within `radius` metres.
[[nodiscard]] std::optional<std::size_t> place_near(const analysis::pipeline::Results& r, geo::Point at, double radius);
/// The ranked new site of `kind` (its rank, from 0) nearest to `at` within `radius` metres, among
/// the first `shown` ranks (those the map draws).
[[nodiscard]] std::optional<std::size_t> site_near(const analysis::pipeline::Results& r, const std::string& kind,
                                                   geo::Point at, double radius, std::size_t shown = 5);
/// The demand point nearest to `at` within `radius` metres.
[[nodiscard]] std::optional<std::size_t> point_near(const analysis::pipeline::Results& r, geo::Point at, double radius);

/// A district's figures (HTML): older people, the gap per kind with the bus and on foot, unmet
/// need, the survey's rates with 95% intervals and a small-sample flag, the places inside.
[[nodiscard]] QString district_summary(const analysis::pipeline::Results& r, analysis::DistrictId d);
/// A demand point's minutes to the nearest place of each kind (HTML).
[[nodiscard]] QString point_summary(const analysis::pipeline::Results& r, std::size_t point);
/// A place: its name, kind, address, days and hours (HTML).
[[nodiscard]] QString place_summary(const analysis::pipeline::Results& r, std::size_t place);
/// A ranked new site (its rank, from 0): where it is, the need it would cover alone and with the
/// better-ranked sites, and in which districts (HTML).
[[nodiscard]] QString site_summary(const analysis::pipeline::Results& r, const std::string& kind, std::size_t rank);
/// A what-if change as a planner says it: 「サロン・通いの場を置く（136.56344, 35.52735）」.
[[nodiscard]] QString describe_change(const analysis::pipeline::Modification& change);

/// The changes made, then per district the gap of one kind before and after them (HTML).
[[nodiscard]] QString changes_summary(const analysis::pipeline::Results& scenario,
                                      std::span<const analysis::pipeline::Modification> made,
                                      std::span<const analysis::pipeline::Change> changes, const std::string& kind);

}  // namespace needmap::viewer
