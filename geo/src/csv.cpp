#include "needmap/geo/csv.hpp"

#include "needmap/geo/error.hpp"
#include "needmap/geo/text.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iterator>
#include <sstream>

namespace needmap::geo {
namespace {

std::string read_file_bytes(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw InputError(fmt::format("{}: no such file", path.string()));
    if (std::filesystem::is_directory(path, ec))
        throw InputError(fmt::format("{}: is a directory, expected a CSV file", path.string()));
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(fmt::format("{}: cannot be opened for reading", path.string()));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return std::move(buffer).str();
}

}  // namespace

CsvReader CsvReader::open(const std::filesystem::path& path, std::optional<Encoding> encoding) {
    return CsvReader(read_file_bytes(path), path.string(), encoding);
}

CsvReader::CsvReader(std::string bytes, std::string source, std::optional<Encoding> encoding)
    : m_source(std::move(source)) {
    const bool bom = bytes.starts_with("\xEF\xBB\xBF");
    std::string_view body = bom ? std::string_view(bytes).substr(3) : std::string_view(bytes);
    if (encoding) {
        m_encoding = *encoding;
        m_encoding_note = std::string(to_string(m_encoding));
    } else if (bom) {
        m_encoding = Encoding::Utf8;
        m_encoding_note = "UTF-8 with BOM";
    } else if (auto detected = detect_encoding(body)) {
        m_encoding = *detected;
        m_encoding_note = fmt::format("{} (detected)", to_string(m_encoding));
    } else {
        throw InputError(fmt::format("{}: text is neither UTF-8 nor CP932 (Shift_JIS); save it as UTF-8", m_source));
    }
    m_text = m_encoding == Encoding::Utf8 ? (bom ? std::string(body) : std::move(bytes))
                                          : recode(body, Encoding::Cp932, Encoding::Utf8, m_source);
    if (m_encoding == Encoding::Utf8 && encoding && !is_valid_utf8(m_text))
        throw InputError(fmt::format("{}: text is not valid UTF-8; is it CP932 (Shift_JIS)?", m_source));
}

bool CsvReader::next(std::vector<std::string_view>& fields) {
    fields.clear();
    m_unescaped.clear();
    const std::string_view text = m_text;
    // Skip blank lines.
    while (m_pos < text.size() && (text[m_pos] == '\n' || text[m_pos] == '\r')) {
        if (text[m_pos] == '\n') ++m_line;
        ++m_pos;
    }
    if (m_pos >= text.size()) return false;
    m_record_line = m_line;
    while (true) {
        if (m_pos < text.size() && text[m_pos] == '"') {
            // Quoted field: runs to the closing quote; "" stands for one quote.
            const std::size_t start = ++m_pos;
            bool escaped = false;
            while (true) {
                const std::size_t q = text.find('"', m_pos);
                if (q == std::string_view::npos)
                    throw InputError(
                        fmt::format("{} line {}: a quoted field is never closed", m_source, m_record_line));
                for (std::size_t i = m_pos; i < q; ++i)
                    if (text[i] == '\n') ++m_line;
                if (q + 1 < text.size() && text[q + 1] == '"') {
                    escaped = true;
                    m_pos = q + 2;
                    continue;
                }
                std::string_view raw = text.substr(start, q - start);
                if (escaped) {
                    std::string& s = m_unescaped.emplace_back();
                    for (std::size_t i = 0; i < raw.size(); ++i) {
                        s.push_back(raw[i]);
                        if (raw[i] == '"') ++i;
                    }
                    fields.emplace_back(s);
                } else {
                    fields.push_back(raw);
                }
                m_pos = q + 1;
                break;
            }
            // Tolerate junk between the closing quote and the separator (seen in real feeds).
            while (m_pos < text.size() && text[m_pos] != ',' && text[m_pos] != '\n') ++m_pos;
        } else {
            std::size_t end = m_pos;
            while (end < text.size() && text[end] != ',' && text[end] != '\n') ++end;
            std::string_view field = text.substr(m_pos, end - m_pos);
            if (!field.empty() && field.back() == '\r' && (end == text.size() || text[end] == '\n'))
                field.remove_suffix(1);
            fields.push_back(field);
            m_pos = end;
        }
        if (m_pos >= text.size()) return true;
        if (text[m_pos] == ',') {
            ++m_pos;
            continue;
        }
        // end of record
        ++m_pos;
        ++m_line;
        return true;
    }
}

std::string_view trim(std::string_view s) {
    auto is_space = [](std::string_view t) {
        if (t.empty()) return std::size_t{0};
        if (t[0] == ' ' || t[0] == '\t' || t[0] == '\r' || t[0] == '\n') return std::size_t{1};
        return t.starts_with("\xE3\x80\x80") ? std::size_t{3} : std::size_t{0};
    };
    while (std::size_t n = is_space(s)) s.remove_prefix(n);
    while (!s.empty()) {
        const char c = s.back();
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            s.remove_suffix(1);
        } else if (s.ends_with("\xE3\x80\x80")) {
            s.remove_suffix(3);
        } else {
            break;
        }
    }
    return s;
}

std::optional<std::size_t> CsvTable::column(std::string_view name) const {
    for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i] == name) return i;
    for (std::size_t i = 0; i < header.size(); ++i)  // typed in another width
        if (same_label(header[i], name)) return i;
    return std::nullopt;
}

std::size_t CsvTable::require_column(std::string_view name) const {
    if (auto i = column(name)) return *i;
    std::string present;
    for (const auto& h : header) present += (present.empty() ? "" : ", ") + h;
    throw InputError(fmt::format("{}: no column \"{}\" (columns are: {})", source, name, present));
}

CsvTable read_csv_table(CsvReader& reader, const CsvRowCheck& check) {
    CsvTable table;
    table.source = reader.source();
    table.encoding_note = reader.encoding_note();
    std::vector<std::string_view> fields;
    if (!reader.next(fields))
        throw InputError(fmt::format("{}: the file is empty; expected a header row", reader.source()));
    for (auto f : fields) table.header.emplace_back(trim(f));
    while (reader.next(fields)) {
        if (fields.size() != table.header.size()) ++table.ragged_rows;
        std::vector<std::string> row(table.header.size());
        for (std::size_t i = 0; i < row.size() && i < fields.size(); ++i) row[i] = std::string(fields[i]);
        if (check) check(table, row, reader.line());
        table.rows.push_back(std::move(row));
        table.lines.push_back(reader.line());
    }
    return table;
}

std::string csv_field(std::string_view s) {
    const bool quote =
        s.find_first_of(",\"\r\n") != std::string_view::npos || (!s.empty() && (s.front() == ' ' || s.back() == ' '));
    if (!quote) return std::string(s);
    std::string out = "\"";
    for (char c : s) {
        out.push_back(c);
        if (c == '"') out.push_back('"');
    }
    out.push_back('"');
    return out;
}

}  // namespace needmap::geo
