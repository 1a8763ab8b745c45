#pragma once

// Layers of a results file written for people and for other GIS software (`needmap export`):
// Shapefiles with the schema's short field names and a list of them beside, CSV tables with whole
// people, percentages and, on request, Japanese headers.

#include "needmap/analysis/pipeline/results_schema.hpp"
#include "needmap/geo/layer_io.hpp"

#include <optional>
#include <span>
#include <vector>

namespace needmap::analysis::pipeline {

/// The fields of `layer`, a layer of a results file of a run of `names`, in the layer's order, as
/// the schema names them; a field the schema does not know (one added in QGIS) keeps its name and
/// has no short name, label or unit. Nothing when the layer's name is no results layer's.
[[nodiscard]] std::optional<std::vector<schema::NamedField>> named_fields(const geo::Layer& layer,
                                                                          const schema::RunNames& names);

/// For a Shapefile: sets `write`'s DBF field names to the short names (a field without one is cut
/// to 10 bytes, as for any file) and adds "<stem>_fields.csv" beside it, UTF-8 with BOM for Excel:
/// short_name, name, label, unit and prefix ("k1 = salon") of each DBF field, in order.
void name_shapefile_fields(std::span<const schema::NamedField> fields, geo::WriteOptions& write);

enum class Headers { Names, Labels };

/// The layer as a CSV for people: counts of people rounded to whole people; shares (unit "0..1")
/// as percentages to one decimal, headed "<name>_pct" (or "<label>（％）"); minutes to one decimal;
/// with Headers::Labels the Japanese labels as headers (a field without one keeps its name).
[[nodiscard]] geo::Layer csv_for_people(geo::Layer layer, std::span<const schema::NamedField> fields, Headers headers);

}  // namespace needmap::analysis::pipeline
