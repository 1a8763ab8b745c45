#include "needmap/geo/text.hpp"

#include "needmap/geo/error.hpp"

#include <catch2/catch.hpp>

using namespace needmap::geo;

namespace {
// Shift_JIS bytes from the JIS X 0208 code table: 日 = 93FA, 本 = 967B, 東 = 938C, 京 = 8B9E;
// half-width katakana ｱ = B1.
const std::string kNihonSjis = "\x93\xFA\x96\x7B";
const std::string kTokyoSjis = "\x93\x8C\x8B\x9E";
}  // namespace

TEST_CASE("UTF-8 and CP932 validity", "[text]") {
    CHECK(is_valid_utf8("愛荘町 abc"));
    CHECK_FALSE(is_valid_utf8(kNihonSjis));
    CHECK_FALSE(is_valid_utf8("\xC0\xAF"));      // overlong '/'
    CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));  // surrogate
    CHECK_FALSE(is_valid_utf8("\xE6\x84"));      // truncated
    CHECK(is_valid_cp932(kNihonSjis + "abc\xB1"));
    CHECK_FALSE(is_valid_cp932("\x93"));      // lead byte without trail
    CHECK_FALSE(is_valid_cp932("\x93\x20"));  // bad trail byte
}

TEST_CASE("encodings are detected, UTF-8 first", "[text]") {
    CHECK(detect_encoding("plain ascii") == Encoding::Utf8);
    CHECK(detect_encoding("日本") == Encoding::Utf8);
    CHECK(detect_encoding(kTokyoSjis) == Encoding::Cp932);
    CHECK_FALSE(detect_encoding("\xFF\xFF\xFF").has_value());
}

TEST_CASE("CP932 is recoded to UTF-8 and back", "[text]") {
    CHECK(recode(kNihonSjis + kTokyoSjis, Encoding::Cp932, Encoding::Utf8, "t") == "日本東京");
    CHECK(recode("\xB1", Encoding::Cp932, Encoding::Utf8, "t") == "ｱ");
    CHECK(recode("日本", Encoding::Utf8, Encoding::Cp932, "t") == kNihonSjis);
    try {
        (void)recode("salon 🙂", Encoding::Utf8, Encoding::Cp932, "f.shp field name");
        FAIL("expected an InputError");
    } catch (const InputError& e) {
        CHECK_THAT(e.what(), Catch::Contains("f.shp field name") && Catch::Contains("🙂"));
    }
}

TEST_CASE("encoding names", "[text]") {
    CHECK(parse_encoding("utf-8") == Encoding::Utf8);
    CHECK(parse_encoding("Shift_JIS") == Encoding::Cp932);
    CHECK(parse_encoding("CP932") == Encoding::Cp932);
    CHECK_THROWS_AS(parse_encoding("latin1"), InputError);
}

TEST_CASE("encoded sizes and width folding", "[text]") {
    CHECK(encoded_size("愛荘町", Encoding::Utf8) == 9);
    CHECK(encoded_size("愛荘町", Encoding::Cp932) == 6);
    CHECK(encoded_size("abｱ", Encoding::Cp932) == 3);
    CHECK(fold_width("ＡＢＣ１２３　中") == "ABC123 中");
    CHECK(strip_utf8_bom("\xEF\xBB\xBFid") == "id");
}

TEST_CASE("code points of one, two, three and four UTF-8 bytes", "[text]") {
    // a (U+0061), é (U+00E9), 中 (U+4E2D), 𠮷 (U+20BB7), from the Unicode charts.
    const std::string text = "a\xC3\xA9\xE4\xB8\xAD\xF0\xA0\xAE\xB7";
    CHECK(to_code_points(text) == std::u32string{0x61, 0xE9, 0x4E2D, 0x20BB7});
    CHECK(to_utf8(std::u32string{0x61, 0xE9, 0x4E2D, 0x20BB7}) == text);
    CHECK(to_code_points("").empty());
}
