#pragma once

// The layout of a results GeoPackage, defined once for its writer and its reader (and for the
// viewer, the reports and the QGIS styles): layer and field names, types and units, and the
// schema's version. A reader refuses a file of another version.

#include "needmap/geo/layer.hpp"

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace needmap::analysis::pipeline::schema {

/// Raised whenever a layer or field changes name, type or meaning.
/// 1: needmap 0.1.0 (no version in the file). 2: numbers beside texts in run_summary, place numbers.
/// 3: graded access (time-weighted places and E2SFCA per point, E2SFCA per district).
/// 4: cumulative opportunities at the run's cut-offs (places within each per point, the share
///    of older people reaching one per district).
inline constexpr int kVersion = 4;

inline constexpr std::string_view kDistricts = "districts_access";
inline constexpr std::string_view kPoints = "demand_access";
inline constexpr std::string_view kPlaces = "resources";
inline constexpr std::string_view kCandidates = "candidates_ranked";
inline constexpr std::string_view kServiceAreas = "service_areas";
inline constexpr std::string_view kSummary = "run_summary";
inline constexpr std::string_view kChanges = "scenario_changes";
inline constexpr std::string_view kBusStops = "bus_stops";
inline constexpr std::string_view kBusRoutes = "bus_routes";

/// A field of a layer: its name (or, for per-kind and per-need fields, the suffix after
/// "<kind>_" or "<need>_"), type and unit; its name in a Shapefile (after the "k1_" or "n1_" of
/// per-kind and per-need fields: at most 6 ASCII bytes there, 10 elsewhere) and its Japanese label
/// for people, where "{min}" stands for the run's threshold in minutes.
struct Field {
    std::string_view name;
    geo::FieldType type;
    std::string_view unit;  ///< "people", "min", "0..1", "places", "" for text
    std::string_view short_name;
    std::string_view label;
};

using geo::FieldType;

/// Per district, first: its id and name; then the population bands; then these.
inline constexpr std::array kDistrictFields{
    Field{"id", FieldType::String, "", "id", "圏域コード"},
    Field{"name", FieldType::String, "", "name", "圏域名"},
};
inline constexpr std::array kDistrictCountFields{
    Field{"points", FieldType::Integer, "points", "points", "需要地点数"},
    Field{"respondents", FieldType::Real, "respondents", "resp", "調査回答者数"},
    Field{"small_sample", FieldType::Integer, "0/1", "small_n", "回答者が少ない（1=参考値）"},
};
/// Per district and kind: "<kind>_<name>".
inline constexpr std::array kDistrictKindFields{
    Field{"need", FieldType::Real, "people", "need", "ニーズのある高齢者数"},
    Field{"gap_people", FieldType::Real, "people", "gap_p", "{min}分以内に行けない高齢者数"},
    Field{"gap_share", FieldType::Real, "0..1", "gap_s", "{min}分以内に行けない高齢者の割合"},
    Field{"gap_need", FieldType::Real, "people", "gap_n", "{min}分以内に行けないニーズのある高齢者数"},
    Field{"gap_need_share", FieldType::Real, "0..1", "gap_ns", "{min}分以内に行けないニーズのある高齢者の割合"},
    Field{"gap_rank", FieldType::Integer, "", "rank", "行けないニーズのある高齢者数の順位"},
    Field{"minutes_median", FieldType::Real, "min", "min50", "所要時間の中央値（分）"},
    Field{"minutes_p90", FieldType::Real, "min", "min90", "所要時間の90%値（分）"},
    Field{"inside", FieldType::Integer, "places", "inside", "圏域内の箇所数"},
    Field{"2sfca_per_1000", FieldType::Real, "places per 1,000 older people", "sfca1k",
          "高齢者千人あたり箇所数（2SFCA）"},
    Field{"e2sfca_per_1000", FieldType::Real, "places per 1,000 older people", "esfc1k",
          "高齢者千人あたり箇所数（E2SFCA、近いほど重く）"},
};
/// The same on foot alone, with buses: "<kind>_walk_<name>".
inline constexpr std::array kDistrictKindWalkFields{
    Field{"walk_gap_people", FieldType::Real, "people", "wgap_p", "徒歩のみで{min}分以内に行けない高齢者数"},
    Field{"walk_gap_share", FieldType::Real, "0..1", "wgap_s", "徒歩のみで{min}分以内に行けない高齢者の割合"},
    Field{"walk_gap_need", FieldType::Real, "people", "wgap_n", "徒歩のみで{min}分以内に行けないニーズのある高齢者数"},
    Field{"walk_minutes_median", FieldType::Real, "min", "wmin50", "徒歩のみの所要時間の中央値（分）"},
    Field{"walk_minutes_p90", FieldType::Real, "min", "wmin90", "徒歩のみの所要時間の90%値（分）"},
};
/// Per district and need kind: "<need>_<name>".
inline constexpr std::array kDistrictNeedFields{
    Field{"rate", FieldType::Real, "0..1", "rate", "該当率"},
    Field{"low", FieldType::Real, "0..1", "low", "該当率の95%下限"},
    Field{"high", FieldType::Real, "0..1", "high", "該当率の95%上限"},
    Field{"n", FieldType::Real, "respondents", "n", "回答者数"},
    Field{"weight", FieldType::Real, "people", "weight", "推計該当者数"},
};
/// The national yardstick per district, with food stores.
inline constexpr std::array kYardstickFields{
    Field{"maff_people65", FieldType::Real, "people", "maff_p65", "農水省方式：65歳以上人口"},
    Field{"maff_far500", FieldType::Real, "people", "maff_far", "農水省方式：店まで500m以上の65歳以上人口"},
    Field{"maff_no_car_share", FieldType::Real, "0..1", "maff_nocar", "農水省方式：自動車を使えない割合"},
    Field{"maff_people", FieldType::Real, "people", "maff_p", "農水省方式：食料品アクセス困難人口"},
    Field{"maff_share", FieldType::Real, "0..1", "maff_s", "農水省方式：食料品アクセス困難人口の割合"},
};
/// Per demand point, first these; then the population bands; then per need and per kind.
inline constexpr std::array kPointFields{
    Field{"id", FieldType::String, "", "id", "地点ID"},
    Field{"unit_id", FieldType::String, "", "unit_id", "人口の単位（メッシュ・小地域）"},
    Field{"district_id", FieldType::String, "", "dist_id", "圏域コード"},
    Field{"district", FieldType::String, "", "district", "圏域名"},
    Field{"share", FieldType::Real, "0..1", "share", "人口の単位のうちこの地点の割合"},
};
/// Per demand point and need kind: "<need>_<name>".
inline constexpr std::array kPointNeedFields{
    Field{"weight", FieldType::Real, "people", "weight", "推計該当者数"},
};
/// Per demand point and kind: "<kind>_<name>"; minutes are null beyond the time limit.
inline constexpr std::array kPointKindFields{
    Field{"minutes", FieldType::Real, "min", "min", "最寄りまでの所要時間（分）"},
    Field{"within", FieldType::Integer, "places", "within", "{min}分以内の箇所数"},
    Field{"covered", FieldType::Integer, "0/1", "cov", "{min}分以内に行ける（1/0）"},
    Field{"2sfca", FieldType::Real, "places per older person", "sfca", "高齢者1人あたり箇所数（2SFCA）"},
    Field{"weighted", FieldType::Real, "places", "wplace", "近いほど重く数えた{min}分以内の箇所数"},
    Field{"e2sfca", FieldType::Real, "places per older person", "esfca", "高齢者1人あたり箇所数（E2SFCA、近いほど重く）"},
};
inline constexpr std::array kPointKindWalkFields{
    Field{"walk_minutes", FieldType::Real, "min", "wmin", "徒歩のみで最寄りまでの所要時間（分）"},
    Field{"walk_covered", FieldType::Integer, "0/1", "wcov", "徒歩のみで{min}分以内に行ける（1/0）"},
};
/// Places and candidates.
inline constexpr std::array kPlaceFields{
    Field{"no", FieldType::Integer, "", "no", "番号"},  ///< the place's number in the run, from 1: its PlaceId + 1
    Field{"id", FieldType::String, "", "id", "ID"},
    Field{"kind", FieldType::String, "", "kind", "種類"},
    Field{"name", FieldType::String, "", "name", "名称"},
    Field{"capacity", FieldType::Real, "places", "capacity", "規模（箇所換算）"},
    Field{"district_id", FieldType::String, "", "dist_id", "圏域コード"},
    Field{"district", FieldType::String, "", "district", "圏域名"},
    Field{"food_store", FieldType::Integer, "0/1", "food", "食料品店（1/0）"},
    Field{"added", FieldType::Integer, "0/1", "added", "シナリオで追加（1/0）"},
    Field{"snap", FieldType::String, "", "snap", "道への接続"},
    Field{"snap_m", FieldType::Real, "m", "snap_m", "道までの距離（m）"},
    Field{"address", FieldType::String, "", "address", "住所"},
    Field{"days", FieldType::String, "", "days", "曜日"},
    Field{"hours", FieldType::String, "", "hours", "時間帯"},
};
/// Candidates, per kind sited: one row per candidate and kind, ranked ones first.
inline constexpr std::array kRankFields{
    Field{"for_kind", FieldType::String, "", "for_kind", "配置を考える種類"},
    Field{"rank", FieldType::Integer, "", "rank", "順位"},
    Field{"new_need", FieldType::Real, "people", "new_need", "新たに{min}分以内になるニーズのある高齢者数"},
    Field{"cumulative_need", FieldType::Real, "people", "cum_need", "上位から累計で{min}分以内になるニーズのある高齢者数"},
    Field{"cumulative_share", FieldType::Real, "0..1", "cum_share", "行けないニーズのある高齢者のうち累計で解消する割合"},
    Field{"districts_gain", FieldType::String, "", "dist_gain", "圏域ごとの効果"},
    Field{"alone_need", FieldType::Real, "people", "alone_need", "単独で{min}分以内になるニーズのある高齢者数"},
    Field{"method", FieldType::String, "", "method", "解き方"},
};
inline constexpr std::array kServiceAreaFields{
    Field{"kind", FieldType::String, "", "kind", "種類"},
    Field{"minutes", FieldType::Real, "min", "minutes", "時間（分）"},
    Field{"walk_kmh", FieldType::Real, "km/h", "walk_kmh", "歩く速さ（km/h）"},
    Field{"area_km2", FieldType::Real, "km2", "area_km2", "面積（km²）"},
};
/// The run summary: a stable key for programs, a label and a text for people, and the number
/// itself where the item is one.
inline constexpr std::array kSummaryFields{
    Field{"section", FieldType::String, "", "section", "区分"}, Field{"key", FieldType::String, "", "key", "キー"},
    Field{"item", FieldType::String, "", "item", "項目"},       Field{"value", FieldType::String, "", "value", "内容"},
    Field{"number", FieldType::Real, "", "number", "数値"},
};
inline constexpr std::array kChangeFields{
    Field{"district_id", FieldType::String, "", "dist_id", "圏域コード"},
    Field{"district", FieldType::String, "", "district", "圏域名"},
    Field{"kind", FieldType::String, "", "kind", "種類"},
    Field{"people_before", FieldType::Real, "people", "ppl_bef", "変更前：基準時間内に行けない高齢者数"},
    Field{"people_after", FieldType::Real, "people", "ppl_aft", "変更後：基準時間内に行けない高齢者数"},
    Field{"people_change", FieldType::Real, "people", "ppl_chg", "増減：基準時間内に行けない高齢者数"},
    Field{"need_before", FieldType::Real, "people", "need_bef", "変更前：基準時間内に行けないニーズのある高齢者数"},
    Field{"need_after", FieldType::Real, "people", "need_aft", "変更後：基準時間内に行けないニーズのある高齢者数"},
    Field{"need_change", FieldType::Real, "people", "need_chg", "増減：基準時間内に行けないニーズのある高齢者数"},
};

/// Bus stops (points) and routes (lines through their stops) of the run's day.
inline constexpr std::array kBusStopFields{
    Field{"id", FieldType::String, "", "id", "停留所ID"},
    Field{"name", FieldType::String, "", "name", "停留所名"},
};
inline constexpr std::array kBusRouteFields{
    Field{"id", FieldType::String, "", "id", "路線ID"},
    Field{"name", FieldType::String, "", "name", "路線名"},
    Field{"trips", FieldType::Integer, "trips", "trips", "便数"},
};

/// "<prefix>_<name>": per-kind and per-need field names.
[[nodiscard]] inline std::string field(std::string_view prefix, std::string_view name) {
    std::string s(prefix);
    s += '_';
    s += name;
    return s;
}

/// Cumulative opportunities at a cut-off of `minutes` (whole minutes), after "<kind>_": places
/// within it per demand point, and the share of older people with one within it per district.
[[nodiscard]] inline std::string within_field(int minutes) {
    return "within_" + std::to_string(minutes);
}
[[nodiscard]] inline std::string reach_field(int minutes) {
    return "reach_" + std::to_string(minutes);
}

/// What a run's per-kind, per-need and band fields are named after, in the run's order (kind 1
/// is kinds[0]), the threshold its labels speak of and its cut-offs.
struct RunNames {
    std::vector<std::string> bands;
    std::vector<std::string> needs;
    std::vector<std::string> kinds;
    double threshold_min = 30;
    std::vector<int> cutoffs_min;
};

/// A field of a results layer of one run, as written and as people read it.
struct NamedField {
    std::string name;  ///< in the GeoPackage: "salon_gap_share"
    FieldType type = FieldType::String;
    std::string short_name;  ///< in a Shapefile: "k1_gap_s"
    std::string label;       ///< for people: "salon：30分以内に行けない高齢者の割合"
    std::string unit;        ///< as in the schema
    std::string prefix;      ///< of a per-kind or per-need field: "k1 = salon", "n2 = 買物困難"; else ""
};

/// Every field the results layer `layer` can hold in a run of these names, in the writer's order
/// (with the walk and yardstick fields, which a run may leave out); empty for a name that is no
/// results layer.
///
/// Shapefile names: fixed fields have their own short name; per-kind fields are "k<i>_<short>"
/// and per-need fields "n<i>_<short>" with i the kind's or need's number in the run, from 1; a
/// population band keeps its name where that is at most 10 ASCII letters, digits and "_" and is
/// taken by no other field, else it is "band<i>". Within a layer no two short names are equal
/// (in any case), and one short name means one field name in every layer of the run. Numbers up
/// to 99 keep every name within 10 bytes.
/// Labels are unique within a layer; per-kind and per-need labels start with "<kind>：".
[[nodiscard]] std::vector<NamedField> layer_fields(std::string_view layer, const RunNames& names);

}  // namespace needmap::analysis::pipeline::schema
