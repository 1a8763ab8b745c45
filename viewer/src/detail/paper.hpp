#pragma once

// What every page needmap draws shares: its fonts, its north arrow, and how it writes people and
// shares.

#include <QColor>
#include <QFont>
#include <QPainter>
#include <QPointF>
#include <QString>

namespace needmap::viewer::detail {

/// Latin letters and digits from DejaVu Sans (Noto CJK's Latin digits do not come back out of a
/// PDF as text), Japanese from Noto Sans CJK JP; `pixels` high.
[[nodiscard]] QFont paper_font(double pixels, bool bold = false);

/// A north arrow `size` across whose tip is at `tip`, with an "N" below it.
void draw_north_arrow(QPainter& painter, QPointF tip, double size, const QColor& ink, const QFont& font);

/// Whole people, thousands grouped: "4,091".
[[nodiscard]] QString people(double n);
/// A share as a whole percent: "25%".
[[nodiscard]] QString percent(double share);

}  // namespace needmap::viewer::detail
