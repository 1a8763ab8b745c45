#pragma once

#include "needmap/geo/text.hpp"

#include <cstddef>
#include <deque>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace needmap::geo {

/// Reads CSV records (RFC 4180: quoted fields, "" escapes, line breaks inside quotes, LF or CRLF)
/// from text decoded to UTF-8. The field views handed out by next() stay valid until the next call.
class CsvReader {
public:
    /// Reads the whole file. The encoding is detected (a UTF-8 BOM, valid UTF-8, else CP932)
    /// unless given. @throws InputError naming the file when it is missing, unreadable, or in
    /// neither encoding.
    static CsvReader open(const std::filesystem::path& path, std::optional<Encoding> encoding = {});

    /// Parses text already in memory (a member of a zip file, an inline test fixture); `source`
    /// names it in messages.
    CsvReader(std::string bytes, std::string source, std::optional<Encoding> encoding = {});

    [[nodiscard]] const std::string& source() const { return m_source; }
    [[nodiscard]] Encoding encoding() const { return m_encoding; }
    /// "UTF-8", "UTF-8 with BOM", or "CP932", and "(detected)" when it was not given.
    [[nodiscard]] const std::string& encoding_note() const { return m_encoding_note; }

    /// The next record's fields, with surrounding spaces kept. Blank lines are skipped.
    /// Returns false at the end of the text.
    bool next(std::vector<std::string_view>& fields);
    /// 1-based line on which the record last returned by next() starts.
    [[nodiscard]] std::size_t line() const { return m_record_line; }

private:
    std::string m_text;
    std::string m_source;
    Encoding m_encoding = Encoding::Utf8;
    std::string m_encoding_note;
    std::size_t m_pos = 0;
    std::size_t m_line = 1;
    std::size_t m_record_line = 0;
    std::deque<std::string> m_unescaped;  // quoted fields with "" inside, for the current record
};

/// A whole CSV file held as strings: a header and rows, each with its source line.
struct CsvTable {
    std::string source;
    std::string encoding_note;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;  ///< each padded or cut to the header's width
    std::vector<std::size_t> lines;              ///< 1-based source line of each row
    std::size_t ragged_rows = 0;                 ///< rows whose field count differed from the header's

    [[nodiscard]] std::optional<std::size_t> column(std::string_view name) const;
    /// @throws InputError naming the file, the missing column and the columns there are.
    [[nodiscard]] std::size_t require_column(std::string_view name) const;
};

/// Called with each row as it is read (after the header), with the table so far: it may throw to
/// stop a large file early.
using CsvRowCheck = std::function<void(const CsvTable& table, const std::vector<std::string>& row, std::size_t line)>;

/// Reads the rest of `reader` as a table whose first record is the header (names trimmed).
/// @throws InputError when there is no header, and whatever `check` throws.
[[nodiscard]] CsvTable read_csv_table(CsvReader& reader, const CsvRowCheck& check = {});

/// A field as RFC 4180 writes it: in quotes, with quotes doubled, when it holds a comma, a quote
/// or a line break, or starts or ends with a space; as it is otherwise.
[[nodiscard]] std::string csv_field(std::string_view s);

/// Trims ASCII white space (and the ideographic space U+3000) from both ends.
[[nodiscard]] std::string_view trim(std::string_view s);

}  // namespace needmap::geo
