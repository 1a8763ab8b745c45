#pragma once

#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QString>

#include <filesystem>
#include <functional>

namespace needmap::viewer::detail {

/// Draws pages into a PDF at `dpi`: written under a temporary name in the same folder and
/// renamed into place at the end, so that nothing half-written is left when drawing fails.
/// @throws geo::InputError when the file cannot be written; what `draw` throws is passed on.
void write_pdf(const std::filesystem::path& path, QPageSize::PageSizeId paper, QPageLayout::Orientation orientation,
               const QString& title, const std::function<void(QPdfWriter& writer, QPainter& painter)>& draw, int dpi = 300);

}  // namespace needmap::viewer::detail
