#pragma once

// The demand model: who needs what, and where. Start here.
//
//   district_names.hpp  normalising district names (width, spaces, 中学校区/中学校/中 suffixes) and
//                       joining keys to districts with a report of matches, misses and near misses
//   districts.hpp       districts from A32 中学校区 (2016 or 2021+ layout) or any polygon layer
//   population.hpp      people per age band from e-Stat mesh or small-area tables, or any layer
//   survey.hpp          the needs survey per district or per respondent: rates with 95% Wilson
//                       intervals and small-sample flags
//   demand_points.hpp   population split across districts by area into weighted demand points,
//                       with the totals checked
//
// Loaders (read_*) throw geo::InputError naming the file, line and value; the computations
// report what they could not place instead of dropping it. Everything is in one metric CRS.

#include "needmap/analysis/demand/demand_points.hpp"
#include "needmap/analysis/demand/district_names.hpp"
#include "needmap/analysis/demand/districts.hpp"
#include "needmap/analysis/demand/population.hpp"
#include "needmap/analysis/demand/survey.hpp"
