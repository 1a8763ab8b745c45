#pragma once

// needmap_geo: the GIS primitives every analysis stands on. Start here.
//
//   layer.hpp, layer_io.hpp  vector layers in memory; reading any OGR source or CSV, writing
//                            GeoPackage, Shapefile, GeoJSON and CSV
//   crs.hpp                  CRSs and coordinate transformation through PROJ; choosing a metric CRS
//   geometry.hpp             Qt- and GDAL-free geometry values (Boost.Geometry models)
//   spatial_index.hpp        R-trees for nearest queries and point-in-polygon joins
//   overlay.hpp              GEOS: validity, MakeValid, intersection areas, buffers, unions
//   mesh.hpp                 JIS X 0410 grid-square mesh codes
//   estat.hpp                e-Stat mesh and small-area tables, joined to boundaries by KEY_CODE
//   ksj.hpp                  国土数値情報 layouts (A32 junior-high-school districts)
//   csv.hpp, text.hpp        CSV records and the UTF-8 / CP932 encodings of Japanese data
//   archive.hpp              files read from a zip archive or a folder (GTFS feeds)
//
// geo knows nothing about accessibility. Errors in input are thrown as InputError (error.hpp).

#include "needmap/geo/archive.hpp"
#include "needmap/geo/crs.hpp"
#include "needmap/geo/csv.hpp"
#include "needmap/geo/error.hpp"
#include "needmap/geo/estat.hpp"
#include "needmap/geo/geometry.hpp"
#include "needmap/geo/ksj.hpp"
#include "needmap/geo/layer.hpp"
#include "needmap/geo/layer_io.hpp"
#include "needmap/geo/mesh.hpp"
#include "needmap/geo/overlay.hpp"
#include "needmap/geo/spatial_index.hpp"
#include "needmap/geo/strong.hpp"
#include "needmap/geo/text.hpp"
