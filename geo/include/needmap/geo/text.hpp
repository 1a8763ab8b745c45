#pragma once

// Text encodings of Japanese public data: UTF-8 (with or without BOM) and CP932 (Windows
// Shift_JIS, which e-Stat and most municipal DBF files use). Everything inside needmap is UTF-8.

#include <optional>
#include <string>
#include <string_view>

namespace needmap::geo {

enum class Encoding { Utf8, Cp932 };

[[nodiscard]] std::string_view to_string(Encoding e);
/// Parses "UTF-8", "utf8", "CP932", "Shift_JIS", "SJIS", "Windows-31J" (any case).
/// @throws InputError for anything else.
[[nodiscard]] Encoding parse_encoding(std::string_view name);

[[nodiscard]] bool is_valid_utf8(std::string_view bytes);
/// True when the bytes are well-formed CP932 (single bytes, half-width kana and valid
/// lead/trail byte pairs); says nothing about whether they are meant to be CP932.
[[nodiscard]] bool is_valid_cp932(std::string_view bytes);

/// The text without a leading UTF-8 byte order mark.
[[nodiscard]] std::string_view strip_utf8_bom(std::string_view text);

/// UTF-8 when the bytes are valid UTF-8, else CP932 when they are valid CP932, else nothing.
[[nodiscard]] std::optional<Encoding> detect_encoding(std::string_view bytes);

/// @throws InputError naming `what` (a file, a field) when the bytes are not valid in `from`, or
/// when the text has a character that `to` cannot hold.
[[nodiscard]] std::string recode(std::string_view bytes, Encoding from, Encoding to, std::string_view what);

/// Number of bytes the UTF-8 text takes once encoded in `e`.
[[nodiscard]] std::size_t encoded_size(std::string_view utf8, Encoding e);

/// The code points of UTF-8 text (which must be valid UTF-8), and back.
[[nodiscard]] std::u32string to_code_points(std::string_view utf8);
[[nodiscard]] std::string to_utf8(std::u32string_view code_points);

/// Folds full-width ASCII (Ａ-Ｚ, ０-９, ＿ ...) and the ideographic space to their half-width forms;
/// other characters are kept. Used to match names typed in mixed width.
[[nodiscard]] std::string fold_width(std::string_view utf8);

/// True when two column labels are the same once width is folded and the ends trimmed:
/// 「７５歳以上人口　総数」 is 「75歳以上人口 総数」.
[[nodiscard]] bool same_label(std::string_view a, std::string_view b);

}  // namespace needmap::geo
