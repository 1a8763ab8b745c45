#include "needmap/geo/csv.hpp"

#include "needmap/geo/error.hpp"

#include <catch2/catch.hpp>

using namespace needmap::geo;

namespace {
std::vector<std::vector<std::string>> all_records(CsvReader& reader, std::vector<std::size_t>* lines = nullptr) {
    std::vector<std::vector<std::string>> out;
    std::vector<std::string_view> fields;
    while (reader.next(fields)) {
        out.emplace_back(fields.begin(), fields.end());
        if (lines != nullptr) lines->push_back(reader.line());
    }
    return out;
}
}  // namespace

TEST_CASE("CSV records follow RFC 4180", "[csv]") {
    CsvReader reader("id,name,note\r\n1,\"Salon, east\",\"said \"\"hi\"\"\"\r\n\r\n2,plain,\"two\nlines\"\n3,,last",
                     "t.csv");
    std::vector<std::size_t> lines;
    const auto records = all_records(reader, &lines);
    REQUIRE(records.size() == 4);
    CHECK(records[1] == std::vector<std::string>{"1", "Salon, east", "said \"hi\""});
    CHECK(records[2] == std::vector<std::string>{"2", "plain", "two\nlines"});
    CHECK(records[3] == std::vector<std::string>{"3", "", "last"});
    CHECK(lines == std::vector<std::size_t>{1, 2, 4, 6});
}

TEST_CASE("CSV encodings: BOM, UTF-8 and CP932", "[csv]") {
    CsvReader bom("\xEF\xBB\xBFid,名前\n1,サロン\n", "bom.csv");
    CHECK(bom.encoding_note() == "UTF-8 with BOM");
    auto records = all_records(bom);
    CHECK(records[0][0] == "id");
    CHECK(records[1][1] == "サロン");

    // "id,日本" in Shift_JIS (日 = 93FA, 本 = 967B).
    CsvReader sjis(std::string("id,\x93\xFA\x96\x7B\n1,2\n"), "sjis.csv");
    CHECK(sjis.encoding() == Encoding::Cp932);
    records = all_records(sjis);
    CHECK(records[0][1] == "日本");
}

TEST_CASE("CSV errors name the file and line", "[csv]") {
    CsvReader reader("a,b\n1,\"open\n2,3\n", "broken.csv");
    std::vector<std::string_view> fields;
    REQUIRE(reader.next(fields));
    CHECK_THROWS_WITH(reader.next(fields), Catch::Contains("broken.csv line 2") && Catch::Contains("never closed"));
    CHECK_THROWS_WITH(CsvReader::open("/nonexistent/x.csv"), Catch::Contains("/nonexistent/x.csv: no such file"));
}

TEST_CASE("CSV tables pad short rows and name missing columns", "[csv]") {
    CsvReader reader(" id , lon,lat\n1,135.5\n2,135.6,34.7,extra\n", "t.csv");
    const CsvTable table = read_csv_table(reader);
    CHECK(table.header == std::vector<std::string>{"id", "lon", "lat"});
    CHECK(table.rows[0] == std::vector<std::string>{"1", "135.5", ""});
    CHECK(table.ragged_rows == 2);
    CHECK(table.lines == std::vector<std::size_t>{2, 3});
    CHECK(table.require_column("lat") == 2);
    CHECK_THROWS_WITH(table.require_column("latitude"),
                      Catch::Contains("t.csv") && Catch::Contains("\"latitude\"") && Catch::Contains("id, lon, lat"));
}

TEST_CASE("trim removes ASCII and ideographic spaces", "[csv]") {
    CHECK(trim("  a b \t") == "a b");
    CHECK(trim("\u3000愛知中\u3000") == "愛知中");
}
