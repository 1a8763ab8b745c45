#pragma once

// Export of the map as shown: a PNG or PDF on A4 or A3, portrait or landscape, at a chosen
// resolution, with the title, legend, scale bar, north arrow and attribution the window shows.

#include <QString>

class QWidget;

namespace needmap::viewer {

class ResultsMap;

/// Asks for the file and the paper, and writes the map. Returns the file written, or an empty
/// string when the user cancelled; a file that cannot be written is said in a message box.
QString export_map(QWidget* parent, const ResultsMap& map);

}  // namespace needmap::viewer
