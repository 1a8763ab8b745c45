#pragma once

// needmap_analysis: from layers to answers. Walking network and transit routing, travel-time
// matrices, demand from the needs survey, access gaps, site ranking, the project file and the
// pipeline that runs it. Uses needmap_geo only; no Qt, and no GDAL, PROJ or GEOS type in a header.

#include "needmap/analysis/progress.hpp"
