#include "needmap/viewer/export_dialog.hpp"

#include "needmap/geo/error.hpp"
#include "needmap/viewer/results_map.hpp"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QMessageBox>
#include <QSpinBox>

namespace needmap::viewer {
namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("Export", text);
}

}  // namespace

QString export_map(QWidget* parent, const ResultsMap& map) {
    QDialog dialog(parent);
    dialog.setWindowTitle(tr("Export the map"));
    auto* paper = new QComboBox(&dialog);
    paper->addItem("A4", static_cast<int>(QPageSize::A4));
    paper->addItem("A3", static_cast<int>(QPageSize::A3));
    auto* orientation = new QComboBox(&dialog);
    orientation->addItem(tr("Landscape"), static_cast<int>(QPageLayout::Landscape));
    orientation->addItem(tr("Portrait"), static_cast<int>(QPageLayout::Portrait));
    auto* dpi = new QSpinBox(&dialog);
    dpi->setRange(72, 600);
    dpi->setValue(200);
    dpi->setSuffix(" dpi");
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    auto* form = new QFormLayout(&dialog);
    form->addRow(tr("Paper"), paper);
    form->addRow(tr("Orientation"), orientation);
    form->addRow(tr("Resolution"), dpi);
    form->addRow(buttons);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted) return {};
    QString path = QFileDialog::getSaveFileName(parent, tr("Export the map"), QString(),
                                                tr("PDF (*.pdf);;PNG image (*.png)"));
    if (path.isEmpty()) return {};
    if (!path.endsWith(".pdf", Qt::CaseInsensitive) && !path.endsWith(".png", Qt::CaseInsensitive)) path += ".pdf";
    PageSetup page;
    page.paper = static_cast<QPageSize::PageSizeId>(paper->currentData().toInt());
    page.orientation = static_cast<QPageLayout::Orientation>(orientation->currentData().toInt());
    page.dpi = dpi->value();
    try {
        map.save(path.toStdString(), page);
    } catch (const geo::InputError& e) {
        QMessageBox::warning(parent, "needmap", QString::fromUtf8(e.what()));
        return {};
    }
    return path;
}

}  // namespace needmap::viewer
