#pragma once

// The layer panel beside the map: what the districts are shaded by (a figure, its classes and
// their number), whether where older people live is coloured by minutes, and the map's layers, top first as QGIS lists them, each with a tick to show it;
// dragged to reorder; the opacity of the one chosen on a slider.

#include <QWidget>

class QCheckBox;
class QComboBox;
class QListWidget;
class QSlider;
class QSpinBox;

namespace needmap::viewer {

class ResultsView;

class LayerPanel : public QWidget {
    Q_OBJECT
public:
    explicit LayerPanel(ResultsView& view, QWidget* parent = nullptr);

public slots:
    /// Reads the view's layers and figures again (new results, another kind, a file added).
    void refresh();

private:
    void apply_layers();
    void apply_style();

    ResultsView& m_view;
    QWidget* m_style;  ///< the figure and classes, for results
    QComboBox* m_field;
    QComboBox* m_classing;
    QSpinBox* m_classes;
    QCheckBox* m_minutes;  ///< demand points coloured by minutes, instead of dots beyond the threshold
    QListWidget* m_layers;
    QSlider* m_opacity;
};

}  // namespace needmap::viewer
