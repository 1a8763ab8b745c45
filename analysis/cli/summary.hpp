#pragma once

// The tables a run and a scenario print at the end.

#include "needmap/analysis/pipeline/results.hpp"

#include <span>
#include <string>

namespace needmap::cli {

/// Per kind, the districts by unmet need, and the ranked new sites; the national yardstick. In
/// Japanese when `japanese`, columns aligned for wide characters.
[[nodiscard]] std::string summary_table(const analysis::pipeline::Results& results, bool japanese);

/// Per kind and district, the gap before and after a scenario, and the change.
[[nodiscard]] std::string changes_table(const analysis::pipeline::Results& scenario,
                                        std::span<const analysis::pipeline::Change> changes, bool japanese);

/// True when LC_ALL, LC_MESSAGES or LANG (the first one set) names a Japanese locale.
[[nodiscard]] bool japanese_locale();

}  // namespace needmap::cli
