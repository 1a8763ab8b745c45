#pragma once

// GTFS feeds written inline in tests, one raw string with a "# <file>" line before each file:
//
//   # stops.txt
//   stop_id,stop_name,stop_lat,stop_lon
//   A,Alpha,0.0,0.0
//   # trips.txt
//   ...

#include "needmap/geo/archive.hpp"

#include <string>
#include <string_view>

namespace needmap::test {

/// The files of `text` held in memory. Lines starting with "# " name the next file; spaces and
/// tabs at the start of every line are dropped, so the text may be indented; blank lines are kept
/// (CSV readers skip them). Text before the first "# " line is ignored.
geo::FileSource gtfs_from_text(std::string_view text, std::string label = "inline feed");

}  // namespace needmap::test
