#pragma once

// The district profiles for the meeting (地域カルテ): page 1 for the whole municipality (第1層),
// then one page per junior-high-school district (第2層), drawn with the results map's renderer,
// every page with the run's parameters and the data's attributions in its footer.

#include "needmap/analysis/pipeline/results.hpp"

#include <QPageSize>

#include <filesystem>
#include <string>
#include <vector>

namespace needmap::viewer {

struct ReportOptions {
    std::vector<std::string> districts;  ///< district ids, in order; empty: every district
    QPageSize::PageSizeId paper = QPageSize::A4;
};

/// Writes the report as a PDF (portrait), under a temporary name renamed into place at the end.
/// @throws geo::InputError for a district id the results lack, or a file that cannot be written;
/// no file is left behind then.
void write_report(const analysis::pipeline::Results& results, const std::filesystem::path& pdf,
                  const ReportOptions& options = {});

/// The paper named on the command line: "a4" or "a3".
/// @throws geo::InputError for another name.
[[nodiscard]] QPageSize::PageSizeId paper_named(const std::string& name);

}  // namespace needmap::viewer
