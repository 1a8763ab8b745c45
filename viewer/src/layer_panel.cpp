#include "needmap/viewer/layer_panel.hpp"

#include "needmap/geo/error.hpp"
#include "needmap/viewer/choropleth.hpp"
#include "needmap/viewer/results_map.hpp"
#include "needmap/viewer/results_view.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace needmap::viewer {
namespace {

constexpr int kId = Qt::UserRole;
constexpr int kOpacity = Qt::UserRole + 1;

}  // namespace

LayerPanel::LayerPanel(ResultsView& view, QWidget* parent)
    : QWidget(parent),
      m_view(view),
      m_style(new QWidget(this)),
      m_field(new QComboBox(this)),
      m_classing(new QComboBox(this)),
      m_classes(new QSpinBox(this)),
      m_minutes(new QCheckBox(this)),
      m_layers(new QListWidget(this)),
      m_opacity(new QSlider(Qt::Horizontal, this)) {
    auto* style = new QFormLayout(m_style);
    style->setContentsMargins(0, 0, 0, 0);
    style->addRow(tr("Shade districts by"), m_field);
    m_classing->addItem(tr("Policy classes (5, 15, 25, 35%)"), static_cast<int>(Classing::Policy));
    m_classing->addItem(tr("Quantiles"), static_cast<int>(Classing::Quantile));
    m_classing->addItem(tr("Equal intervals"), static_cast<int>(Classing::EqualInterval));
    m_classing->addItem(tr("Natural breaks (Jenks)"), static_cast<int>(Classing::NaturalBreaks));
    style->addRow(tr("Classes"), m_classing);
    m_classes->setRange(2, 7);
    m_classes->setValue(5);
    style->addRow(tr("Number of classes"), m_classes);
    m_minutes->setText(tr("Colour where older people live by the minutes to the nearest place"));
    style->addRow(m_minutes);
    m_layers->setDragDropMode(QAbstractItemView::InternalMove);
    m_opacity->setRange(0, 100);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_style);
    layout->addWidget(new QLabel(tr("Layers (top first; drag to reorder)"), this));
    layout->addWidget(m_layers, 1);
    auto* opacity = new QFormLayout;
    opacity->addRow(tr("Opacity"), m_opacity);
    layout->addLayout(opacity);

    connect(m_field, &QComboBox::currentIndexChanged, this, &LayerPanel::apply_style);
    connect(m_classing, &QComboBox::currentIndexChanged, this, &LayerPanel::apply_style);
    connect(m_classes, &QSpinBox::valueChanged, this, &LayerPanel::apply_style);
    connect(m_minutes, &QCheckBox::toggled, this, &LayerPanel::apply_style);
    connect(m_layers, &QListWidget::itemChanged, this, &LayerPanel::apply_layers);
    connect(m_layers->model(), &QAbstractItemModel::rowsMoved, this, &LayerPanel::apply_layers);
    connect(m_layers, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
        const QSignalBlocker quiet(m_opacity);
        m_opacity->setEnabled(item != nullptr);
        if (item) m_opacity->setValue(static_cast<int>(std::lround(item->data(kOpacity).toDouble() * 100)));
    });
    connect(m_opacity, &QSlider::valueChanged, this, [this](int value) {
        if (QListWidgetItem* item = m_layers->currentItem()) {
            item->setData(kOpacity, value / 100.0);  // itemChanged applies it
        }
    });
    connect(&m_view, &ResultsView::layers_changed, this, &LayerPanel::refresh);
    refresh();
}

void LayerPanel::refresh() {
    const QSignalBlocker quiet_field(m_field);
    const QSignalBlocker quiet_list(m_layers);
    const QSignalBlocker quiet_classing(m_classing);
    const QSignalBlocker quiet_classes(m_classes);
    const QSignalBlocker quiet_minutes(m_minutes);
    const ResultsMapOptions& options = m_view.options();
    m_field->clear();
    if (m_view.results()) {
        try {
            for (const auto& f : district_fields(*m_view.results(), m_view.kind()))
                m_field->addItem(f.label, QString::fromStdString(f.key));
        } catch (const geo::InputError&) {  // no kind yet
        }
    }
    m_field->setCurrentIndex(std::max(0, m_field->findData(QString::fromStdString(options.field))));
    m_classing->setCurrentIndex(std::max(0, m_classing->findData(static_cast<int>(options.classing))));
    m_classes->setValue(static_cast<int>(options.classes));
    m_classes->setEnabled(options.classing != Classing::Policy);
    m_minutes->setChecked(options.demand_minutes);
    m_style->setVisible(m_view.results() != nullptr);  // a GIS file alone has no districts to shade
    m_layers->clear();
    const auto layers = m_view.layers();
    for (auto layer = layers.rbegin(); layer != layers.rend(); ++layer) {
        auto* item = new QListWidgetItem(layer->name, m_layers);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable | Qt::ItemIsDragEnabled);
        item->setCheckState(layer->visible ? Qt::Checked : Qt::Unchecked);
        item->setData(kId, QString::fromStdString(layer->id));
        item->setData(kOpacity, layer->opacity);
    }
    m_opacity->setEnabled(false);
}

void LayerPanel::apply_layers() {
    std::vector<MapLayer> layers;
    for (int row = m_layers->count(); row-- > 0;) {  // the list is top first; the map draws bottom first
        const QListWidgetItem* item = m_layers->item(row);
        layers.push_back({item->data(kId).toString().toStdString(), item->text(), item->checkState() == Qt::Checked,
                          item->data(kOpacity).toDouble()});
    }
    m_view.set_layers(layers);
}

void LayerPanel::apply_style() {
    ResultsMapOptions options = m_view.options();
    options.field = m_field->currentData().toString().toStdString();
    options.classing = static_cast<Classing>(m_classing->currentData().toInt());
    options.classes = static_cast<std::size_t>(m_classes->value());
    options.demand_minutes = m_minutes->isChecked();
    m_classes->setEnabled(options.classing != Classing::Policy);
    try {
        m_view.set_options(options);
    } catch (const geo::InputError& e) {
        QMessageBox::warning(this, "needmap", QString::fromUtf8(e.what()));
        refresh();
    }
}

}  // namespace needmap::viewer
