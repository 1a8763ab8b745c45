#include "needmap/viewer/language.hpp"

#include "needmap/geo/error.hpp"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

#include <fmt/format.h>

namespace needmap::viewer {

Language choose_language(const QString& flag) {
    if (flag.isEmpty()) return QLocale::system().language() == QLocale::Japanese ? Language::Japanese : Language::English;
    if (flag == "ja") return Language::Japanese;
    if (flag == "en") return Language::English;
    throw geo::InputError(fmt::format("--lang {}: give ja (日本語) or en (English)", flag.toStdString()));
}

namespace {

Language g_language = Language::English;

}  // namespace

Language current_language() {
    return g_language;
}

void use_language(Language language) {
    static QTranslator translator;
    g_language = language;
    QCoreApplication::removeTranslator(&translator);
    if (language == Language::English) return;
    // The .qm file is compiled from viewer/translations/needmap_ja.ts into the library's resources.
    if (!translator.load(QStringLiteral(":/i18n/needmap_ja.qm")))
        throw geo::InputError("the Japanese translations are missing from this build of needmap-viewer");
    QCoreApplication::installTranslator(&translator);
}

QString kind_name(const std::string& kind) {
    // The kinds needmap's sample and documentation use; translated like every other text.
    if (kind == "salon") return QCoreApplication::translate("kind", "salon");
    if (kind == "shop") return QCoreApplication::translate("kind", "shop");
    if (kind == "clinic") return QCoreApplication::translate("kind", "clinic");
    if (kind == "hall") return QCoreApplication::translate("kind", "hall");
    if (kind == "health") return QCoreApplication::translate("kind", "health");
    return QString::fromStdString(kind);
}

}  // namespace needmap::viewer
