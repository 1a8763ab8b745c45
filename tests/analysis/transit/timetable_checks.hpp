#pragma once

// Checks of what every day timetable must satisfy, for tests of the builder and of its users.

#include "needmap/analysis/transit/timetable.hpp"

#include <string>

namespace needmap::test {

/// Checks (with Catch2 assertions) the layout documented on Timetable: array sizes, CSR offsets,
/// trips of a route sorted by first departure and never overtaking (FIFO), arrival <= departure
/// at each event and departure <= next arrival along a trip, and that every (stop, route,
/// position) of the stop index points back at that stop.
void check_timetable_layout(const analysis::transit::Timetable& tt);

/// The routes and trips as text, for golden comparisons: per route a line
/// "route <r> <gtfs route>: <stop> <stop> ...", then per trip "  <trip>: <event> <event> ...",
/// an event being "HH:MM:SS", or "arrival/departure" where they differ; a trip of the day before
/// is marked "(day before)".
std::string render_timetable(const analysis::transit::Timetable& tt);

}  // namespace needmap::test
