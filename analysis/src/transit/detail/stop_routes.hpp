#pragma once

#include "needmap/analysis/transit/timetable.hpp"

namespace needmap::analysis::transit::detail {

/// Fills the (stop -> route, position) index of `tt` from its routes: by route then position
/// within each stop.
void index_stop_routes(Timetable& tt);

}  // namespace needmap::analysis::transit::detail
