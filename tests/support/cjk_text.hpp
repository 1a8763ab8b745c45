#pragma once

// Text read back out of PDFs: Qt writes a CJK glyph's text as the first code point the font maps to
// it, and Noto CJK maps, say, 人 and the Kangxi radical ⼈ (U+2F08) to one glyph, so pdftotext gives
// ⼈. Tests compare words as written.

#include <string>

namespace needmap::test {

/// `text` (UTF-8) with the CJK radicals that have a compatibility mapping (U+2E80..U+2FD5) replaced
/// by the ideographs they stand for (Unicode NFKC, for these blocks only), and ‧ (U+2027) by ・.
[[nodiscard]] std::string fold_cjk_radicals(const std::string& text);

}  // namespace needmap::test
