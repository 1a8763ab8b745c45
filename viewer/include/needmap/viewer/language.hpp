#pragma once

// The language of everything a planner, a council member or a resident reads in the viewer and on
// its maps: Japanese where the locale is Japanese or `--lang ja` says so, English otherwise. The
// texts are written in English in the code and translated by Qt Linguist files
// (viewer/translations/needmap_ja.ts, compiled into the library).

#include <QString>

#include <string>

namespace needmap::viewer {

enum class Language { English, Japanese };

/// `flag` ("ja", "en") when given, else the system locale's language.
/// @throws geo::InputError for any other flag.
[[nodiscard]] Language choose_language(const QString& flag);

/// Makes `language` the application's: installs its translations (English needs none). Call once,
/// after the QApplication exists.
void use_language(Language language);

/// The language use_language() made the application's (English before any call).
[[nodiscard]] Language current_language();

/// A kind of place as readers call it: 「サロン・通いの場」 for salon in Japanese; the project's own
/// word where needmap knows no other.
[[nodiscard]] QString kind_name(const std::string& kind);

}  // namespace needmap::viewer
