#pragma once

// Conversions between needmap's geometry values and OGR geometries. Internal to needmap_geo.

#include "needmap/geo/geometry.hpp"

#include <ogr_geometry.h>

#include <memory>

namespace needmap::geo::detail {

/// The geometry as a needmap value (single parts promoted to multi, curves linearised, Z dropped,
/// polygon rings oriented). Sets `ok` to false for a type needmap has no use for (returned empty).
Geometry from_ogr(const OGRGeometry* g, bool& ok);

/// An OGR geometry for writing; null for an empty geometry.
std::unique_ptr<OGRGeometry> to_ogr(const Geometry& g);

}  // namespace needmap::geo::detail
