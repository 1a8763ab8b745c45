#pragma once

// The layout of a results GeoPackage, defined once for its writer and its reader (and for the
// viewer, the reports and the QGIS styles): layer and field names, types and units, and the
// schema's version. A reader refuses a file of another version.

#include "needmap/geo/layer.hpp"

#include <array>
#include <string>
#include <string_view>

namespace needmap::analysis::pipeline::schema {

/// Raised whenever a layer or field changes name, type or meaning.
/// 1: needmap 0.1.0 (no version in the file). 2: numbers beside texts in run_summary, place numbers.
inline constexpr int kVersion = 2;

inline constexpr std::string_view kDistricts = "districts_access";
inline constexpr std::string_view kPoints = "demand_access";
inline constexpr std::string_view kPlaces = "resources";
inline constexpr std::string_view kCandidates = "candidates_ranked";
inline constexpr std::string_view kServiceAreas = "service_areas";
inline constexpr std::string_view kSummary = "run_summary";
inline constexpr std::string_view kChanges = "scenario_changes";
inline constexpr std::string_view kBusStops = "bus_stops";
inline constexpr std::string_view kBusRoutes = "bus_routes";

/// A field of a layer: its name (or, for per-kind fields, the suffix after "<kind>_"), type and unit.
struct Field {
    std::string_view name;
    geo::FieldType type;
    std::string_view unit;  ///< "people", "min", "0..1", "places", "" for text
};

/// Per district and kind: "<kind>_<name>".
inline constexpr std::array kDistrictKindFields{
    Field{"need", geo::FieldType::Real, "people"},
    Field{"gap_people", geo::FieldType::Real, "people"},
    Field{"gap_share", geo::FieldType::Real, "0..1"},
    Field{"gap_need", geo::FieldType::Real, "people"},
    Field{"gap_need_share", geo::FieldType::Real, "0..1"},
    Field{"gap_rank", geo::FieldType::Integer, ""},
    Field{"minutes_median", geo::FieldType::Real, "min"},
    Field{"minutes_p90", geo::FieldType::Real, "min"},
    Field{"inside", geo::FieldType::Integer, "places"},
    Field{"2sfca_per_1000", geo::FieldType::Real, "places per 1,000 older people"},
};
/// The same on foot alone, with buses: "<kind>_walk_<name>".
inline constexpr std::array kDistrictKindWalkFields{
    Field{"walk_gap_people", geo::FieldType::Real, "people"},
    Field{"walk_gap_share", geo::FieldType::Real, "0..1"},
    Field{"walk_gap_need", geo::FieldType::Real, "people"},
    Field{"walk_minutes_median", geo::FieldType::Real, "min"},
    Field{"walk_minutes_p90", geo::FieldType::Real, "min"},
};
/// Per district and need kind: "<need>_<name>".
inline constexpr std::array kDistrictNeedFields{
    Field{"rate", geo::FieldType::Real, "0..1"}, Field{"low", geo::FieldType::Real, "0..1"},
    Field{"high", geo::FieldType::Real, "0..1"}, Field{"n", geo::FieldType::Real, "respondents"},
    Field{"weight", geo::FieldType::Real, "people"},
};
/// The national yardstick per district, with food stores.
inline constexpr std::array kYardstickFields{
    Field{"maff_people65", geo::FieldType::Real, "people"},
    Field{"maff_far500", geo::FieldType::Real, "people"},
    Field{"maff_no_car_share", geo::FieldType::Real, "0..1"},
    Field{"maff_people", geo::FieldType::Real, "people"},
    Field{"maff_share", geo::FieldType::Real, "0..1"},
};
/// Per demand point and kind: "<kind>_<name>"; minutes are null beyond the time limit.
inline constexpr std::array kPointKindFields{
    Field{"minutes", geo::FieldType::Real, "min"},
    Field{"within", geo::FieldType::Integer, "places"},
    Field{"covered", geo::FieldType::Integer, "0/1"},
    Field{"2sfca", geo::FieldType::Real, "places per older person"},
};
inline constexpr std::array kPointKindWalkFields{
    Field{"walk_minutes", geo::FieldType::Real, "min"},
    Field{"walk_covered", geo::FieldType::Integer, "0/1"},
};
/// Places and candidates.
inline constexpr std::array kPlaceFields{
    Field{"no", geo::FieldType::Integer, ""},  ///< the place's number in the run, from 1: its PlaceId + 1
    Field{"id", geo::FieldType::String, ""},          Field{"kind", geo::FieldType::String, ""},
    Field{"name", geo::FieldType::String, ""},        Field{"capacity", geo::FieldType::Real, "places"},
    Field{"district_id", geo::FieldType::String, ""}, Field{"district", geo::FieldType::String, ""},
    Field{"food_store", geo::FieldType::Integer, "0/1"}, Field{"added", geo::FieldType::Integer, "0/1"},
    Field{"snap", geo::FieldType::String, ""},        Field{"snap_m", geo::FieldType::Real, "m"},
    Field{"address", geo::FieldType::String, ""},     Field{"days", geo::FieldType::String, ""},
    Field{"hours", geo::FieldType::String, ""},
};
/// Candidates, per kind sited: one row per candidate and kind, ranked ones first.
inline constexpr std::array kRankFields{
    Field{"for_kind", geo::FieldType::String, ""},
    Field{"rank", geo::FieldType::Integer, ""},
    Field{"new_need", geo::FieldType::Real, "people"},
    Field{"cumulative_need", geo::FieldType::Real, "people"},
    Field{"cumulative_share", geo::FieldType::Real, "0..1"},
    Field{"districts_gain", geo::FieldType::String, ""},
    Field{"alone_need", geo::FieldType::Real, "people"},
    Field{"method", geo::FieldType::String, ""},
};
inline constexpr std::array kServiceAreaFields{
    Field{"kind", geo::FieldType::String, ""},
    Field{"minutes", geo::FieldType::Real, "min"},
    Field{"walk_kmh", geo::FieldType::Real, "km/h"},
    Field{"area_km2", geo::FieldType::Real, "km2"},
};
/// The run summary: a stable key for programs, a label and a text for people, and the number
/// itself where the item is one.
inline constexpr std::array kSummaryFields{
    Field{"section", geo::FieldType::String, ""}, Field{"key", geo::FieldType::String, ""},
    Field{"item", geo::FieldType::String, ""},    Field{"value", geo::FieldType::String, ""},
    Field{"number", geo::FieldType::Real, ""},
};
inline constexpr std::array kChangeFields{
    Field{"district_id", geo::FieldType::String, ""}, Field{"district", geo::FieldType::String, ""},
    Field{"kind", geo::FieldType::String, ""},        Field{"people_before", geo::FieldType::Real, "people"},
    Field{"people_after", geo::FieldType::Real, "people"}, Field{"people_change", geo::FieldType::Real, "people"},
    Field{"need_before", geo::FieldType::Real, "people"},  Field{"need_after", geo::FieldType::Real, "people"},
    Field{"need_change", geo::FieldType::Real, "people"},
};

/// Bus stops (points) and routes (lines through their stops) of the run's day.
inline constexpr std::array kBusStopFields{
    Field{"id", geo::FieldType::String, ""},
    Field{"name", geo::FieldType::String, ""},
};
inline constexpr std::array kBusRouteFields{
    Field{"id", geo::FieldType::String, ""},
    Field{"name", geo::FieldType::String, ""},
    Field{"trips", geo::FieldType::Integer, "trips"},
};

/// "<prefix>_<name>": per-kind and per-need field names.
[[nodiscard]] inline std::string field(std::string_view prefix, std::string_view name) {
    std::string s(prefix);
    s += '_';
    s += name;
    return s;
}

}  // namespace needmap::analysis::pipeline::schema
