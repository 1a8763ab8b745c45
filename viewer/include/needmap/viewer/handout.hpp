#pragma once

// A map of places for residents (地域資源マップ): the places of one kind numbered on a plain map, and
// beside it the list with address, days and hours, in large type. A3 landscape.

#include "needmap/analysis/pipeline/results.hpp"

#include <filesystem>
#include <string>

namespace needmap::viewer {

struct HandoutOptions {
    std::string kind;      ///< empty: the first kind of the results
    std::string district;  ///< a district's id; empty: the whole municipality
};

/// Writes the handout as a one-page PDF, under a temporary name renamed into place at the end.
/// @throws geo::InputError for a kind or district the results lack, or a file that cannot be
/// written; no file is left behind then.
void write_handout(const analysis::pipeline::Results& results, const std::filesystem::path& pdf,
                   const HandoutOptions& options = {});

}  // namespace needmap::viewer
