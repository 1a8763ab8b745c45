#include "needmap/geo/text.hpp"

#include "needmap/geo/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <iconv.h>

namespace needmap::geo {
namespace {

std::string lower_alnum(std::string_view s) {
    std::string out;
    for (char c : s)
        if (std::isalnum(static_cast<unsigned char>(c)) != 0)
            out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return out;
}

const char* iconv_name(Encoding e) {
    return e == Encoding::Utf8 ? "UTF-8" : "CP932";
}

/// Decodes one UTF-8 code point at s[i]; advances i. Precondition: valid UTF-8.
char32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    int extra = b0 < 0x80 ? 0 : b0 < 0xE0 ? 1 : b0 < 0xF0 ? 2 : 3;
    char32_t cp = extra == 0 ? b0 : extra == 1 ? (b0 & 0x1Fu) : extra == 2 ? (b0 & 0x0Fu) : (b0 & 0x07u);
    ++i;
    for (; extra > 0 && i < s.size(); --extra, ++i) cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3Fu);
    return cp;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

}  // namespace

std::string_view to_string(Encoding e) {
    return e == Encoding::Utf8 ? "UTF-8" : "CP932";
}

Encoding parse_encoding(std::string_view name) {
    const std::string key = lower_alnum(name);
    if (key == "utf8") return Encoding::Utf8;
    if (key == "cp932" || key == "shiftjis" || key == "sjis" || key == "windows31j" || key == "ms932")
        return Encoding::Cp932;
    throw InputError(fmt::format("unknown text encoding \"{}\": use utf-8 or cp932", name));
}

bool is_valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b0 = static_cast<unsigned char>(s[i]);
        if (b0 < 0x80) {
            ++i;
            continue;
        }
        int extra = 0;
        char32_t min = 0;
        if ((b0 & 0xE0) == 0xC0) {
            extra = 1;
            min = 0x80;
        } else if ((b0 & 0xF0) == 0xE0) {
            extra = 2;
            min = 0x800;
        } else if ((b0 & 0xF8) == 0xF0) {
            extra = 3;
            min = 0x10000;
        } else {
            return false;
        }
        if (i + static_cast<std::size_t>(extra) >= s.size()) return false;
        char32_t cp = b0 & (0x3Fu >> extra);
        for (int k = 1; k <= extra; ++k) {
            const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
            if ((b & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (b & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += static_cast<std::size_t>(extra) + 1;
    }
    return true;
}

bool is_valid_cp932(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80 || (b >= 0xA1 && b <= 0xDF)) {  // ASCII, half-width katakana
            ++i;
            continue;
        }
        const bool lead = (b >= 0x81 && b <= 0x9F) || (b >= 0xE0 && b <= 0xFC);
        if (!lead || i + 1 >= s.size()) return false;
        const auto t = static_cast<unsigned char>(s[i + 1]);
        if (t < 0x40 || t == 0x7F || t > 0xFC) return false;
        i += 2;
    }
    return true;
}

std::string_view strip_utf8_bom(std::string_view text) {
    return text.starts_with("\xEF\xBB\xBF") ? text.substr(3) : text;
}

std::optional<Encoding> detect_encoding(std::string_view bytes) {
    if (is_valid_utf8(bytes)) return Encoding::Utf8;
    if (is_valid_cp932(bytes)) return Encoding::Cp932;
    return std::nullopt;
}

std::string recode(std::string_view bytes, Encoding from, Encoding to, std::string_view what) {
    if (from == to) {
        if (from == Encoding::Utf8 && !is_valid_utf8(bytes))
            throw InputError(fmt::format("{}: text is not valid UTF-8", what));
        return std::string(bytes);
    }
    iconv_t cd = iconv_open(iconv_name(to), iconv_name(from));
    if (cd == reinterpret_cast<iconv_t>(-1))  // NOLINT(performance-no-int-to-ptr): iconv's own sentinel
        throw InputError(fmt::format("{}: this system cannot convert {} to {}", what, to_string(from), to_string(to)));
    std::string out(bytes.size() * 3 / 2 + 16, '\0');
    std::string in(bytes);
    char* in_ptr = in.data();
    std::size_t in_left = in.size();
    std::size_t done = 0;
    while (in_left > 0) {
        char* out_ptr = out.data() + done;
        std::size_t out_left = out.size() - done;
        const std::size_t rc = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
        done = static_cast<std::size_t>(out_ptr - out.data());
        if (rc != static_cast<std::size_t>(-1)) break;
        if (errno == E2BIG) {
            out.resize(out.size() * 2);
            continue;
        }
        const std::size_t offset = static_cast<std::size_t>(in_ptr - in.data());
        iconv_close(cd);
        if (to == Encoding::Cp932 && from == Encoding::Utf8 && is_valid_utf8(bytes)) {
            std::size_t end = offset;
            next_code_point(in, end);
            throw InputError(fmt::format("{}: the character \"{}\" cannot be written in CP932; write UTF-8 instead",
                                         what, in.substr(offset, end - offset)));
        }
        throw InputError(
            fmt::format("{}: text is not valid {} (byte {} of {})", what, to_string(from), offset + 1, bytes.size()));
    }
    iconv_close(cd);
    out.resize(done);
    return out;
}

std::size_t encoded_size(std::string_view utf8, Encoding e) {
    if (e == Encoding::Utf8) return utf8.size();
    std::size_t n = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        const char32_t cp = next_code_point(utf8, i);
        n += (cp < 0x80 || (cp >= 0xFF61 && cp <= 0xFF9F)) ? 1 : 2;
    }
    return n;
}

std::string fold_width(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();) {
        char32_t cp = next_code_point(utf8, i);
        if (cp >= 0xFF01 && cp <= 0xFF5E)
            cp -= 0xFEE0;  // full-width ASCII
        else if (cp == 0x3000)
            cp = U' ';  // ideographic space
        append_utf8(out, cp);
    }
    return out;
}

std::u32string to_code_points(std::string_view utf8) {
    std::u32string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();) out.push_back(next_code_point(utf8, i));
    return out;
}

std::string to_utf8(std::u32string_view code_points) {
    std::string out;
    out.reserve(code_points.size() * 3);
    for (const char32_t cp : code_points) append_utf8(out, cp);
    return out;
}

bool same_label(std::string_view a, std::string_view b) {
    if (a == b) return true;
    const auto folded = [](std::string_view s) {
        std::string f = fold_width(s);
        const auto first = f.find_first_not_of(" \t");
        if (first == std::string::npos) return std::string();
        return f.substr(first, f.find_last_not_of(" \t") - first + 1);
    };
    return folded(a) == folded(b);
}

}  // namespace needmap::geo
