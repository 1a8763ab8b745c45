#pragma once

// The one QApplication of the viewer tests (Qt allows one per process), made on first use.

#include <QApplication>

namespace needmap::test {

inline QApplication& qt_app() {
    static int argc = 1;
    static char name[] = "test_viewer";
    static char* argv[] = {name, nullptr};
    static QApplication instance(argc, argv);
    return instance;
}

}  // namespace needmap::test
