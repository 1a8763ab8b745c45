#pragma once

// The attribute tables under the map: districts, places and the ranked new sites of the kind
// shown, sortable by any column. Rows chosen here are outlined on the map, and what a click on
// the map picks is chosen here; a double click zooms the map to it.

#include <QTabWidget>

#include <string>

class QTableWidget;

namespace needmap::viewer {

class ResultsView;

class AttributeTable : public QTabWidget {
    Q_OBJECT
public:
    explicit AttributeTable(ResultsView& view, QWidget* parent = nullptr);

    /// Chooses the row of what the map picked ("districts", "places", "sites"), as a click does.
    void pick(const QString& layer, qulonglong index);
    /// The results' index of each chosen row of a table ("districts", "places", "sites").
    [[nodiscard]] std::vector<std::size_t> chosen(const QString& layer) const;

public slots:
    /// Fills the tables from the view's results and kind.
    void refresh();

private:
    void selection_changed();
    [[nodiscard]] QTableWidget* table(const QString& layer) const;

    ResultsView& m_view;
    QTableWidget* m_districts;
    QTableWidget* m_places;
    QTableWidget* m_sites;
    bool m_filling = false;
};

}  // namespace needmap::viewer
