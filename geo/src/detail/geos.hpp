#pragma once

// RAII over the reentrant GEOS C API. Internal to needmap_geo.

#include "needmap/geo/geometry.hpp"

#include <geos_c.h>

#include <memory>

namespace needmap::geo::detail {

/// The calling thread's GEOS context. Contexts must only be used from a single thread at a time.
GEOSContextHandle_t geos_context();

struct GeosDeleter {
    void operator()(GEOSGeometry* g) const { GEOSGeom_destroy_r(geos_context(), g); }
};
using GeosPtr = std::unique_ptr<GEOSGeometry, GeosDeleter>;

struct PreparedDeleter {
    void operator()(const GEOSPreparedGeometry* g) const { GEOSPreparedGeom_destroy_r(geos_context(), g); }
};
using PreparedPtr = std::unique_ptr<const GEOSPreparedGeometry, PreparedDeleter>;

GeosPtr to_geos(const MultiPolygon& polygons);
GeosPtr to_geos(const MultiLineString& lines);
/// The polygonal parts of any GEOS geometry (collections are searched).
MultiPolygon polygons_from_geos(const GEOSGeometry* g);

}  // namespace needmap::geo::detail
