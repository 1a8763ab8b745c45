#pragma once

// needmap's public transit: GTFS / GTFS-JP feeds (load_feed), which services run on a date
// (ServiceCalendar), and the flat day timetable a RAPTOR router reads (build_timetable).

#include "needmap/analysis/transit/date.hpp"
#include "needmap/analysis/transit/feed.hpp"
#include "needmap/analysis/transit/service_calendar.hpp"
#include "needmap/analysis/transit/timetable.hpp"
