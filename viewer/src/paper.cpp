#include "detail/paper.hpp"

#include <QLocale>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace needmap::viewer::detail {

QFont paper_font(double pixels, bool bold) {
    QFont f;
    f.setFamilies({QStringLiteral("DejaVu Sans"), QStringLiteral("Noto Sans CJK JP")});
    f.setPixelSize(std::max(1, static_cast<int>(pixels)));
    f.setBold(bold);
    return f;
}

void draw_north_arrow(QPainter& p, QPointF tip, double size, const QColor& ink, const QFont& font) {
    QPainterPath arrow;
    arrow.moveTo(tip);
    arrow.lineTo(tip + QPointF(-0.55 * size, 1.6 * size));
    arrow.lineTo(tip + QPointF(0, 1.2 * size));
    arrow.lineTo(tip + QPointF(0.55 * size, 1.6 * size));
    arrow.closeSubpath();
    p.setPen(QPen(ink, size * 0.04));
    p.setBrush(ink);
    p.drawPath(arrow);
    p.setFont(font);
    p.drawText(QRectF(tip.x() - size, tip.y() + 1.7 * size, 2 * size, size), Qt::AlignCenter, QStringLiteral("N"));
}

QString people(double n) {
    return QLocale(QLocale::English).toString(static_cast<qlonglong>(std::llround(n)));
}

QString percent(double share) {
    return QString::number(std::lround(100 * share)) + "%";
}

}  // namespace needmap::viewer::detail
