#include "needmap/geo/estat.hpp"

#include "needmap/geo/error.hpp"
#include "needmap/geo/text.hpp"

#include <catch2/catch.hpp>

using namespace needmap::geo;

namespace {

// A small-area table in e-Stat's layout: codes, then labels, then rows at several HYOSYO levels.
// 北条 (level 2) is suppressed and merged into 北条三丁目 (HTKSAKI 002003).
const std::string kTable =
    "KEY_CODE,HYOSYO,CITYNAME,NAME,HTKSYORI,HTKSAKI,GASSAN,T001082001,T001082019,T001082020\n"
    ",,,,,,,総数、年齢「不詳」含む,総数６５歳以上,総数７５歳以上\n"
    "27218,1,大東市,,0,,,1000,300,150\n"
    "272180010,2,大東市,大字北条,2,002003,,X,X,X\n"
    "27218002001,4,大東市,北条一丁目,0,,,600,200,100\n"
    "27218002003,4,大東市,北条三丁目,1,,0010,400,100,-\n";

}  // namespace

TEST_CASE("an e-Stat small-area table: two header rows, X and -", "[estat]") {
    const EstatTable t = parse_estat_table(recode(kTable, Encoding::Utf8, Encoding::Cp932, "fixture"), "t.csv");
    CHECK(t.encoding == "CP932 (detected)");
    REQUIRE(t.columns.size() == 3);
    CHECK(t.columns[1].code == "T001082019");
    CHECK(t.columns[1].label == "総数６５歳以上");
    CHECK(t.column("総数７５歳以上") == 2u);
    REQUIRE(t.rows.size() == 4);
    CHECK(t.suppressed_cells == 3);
    CHECK(t.not_applicable_cells == 1);

    const EstatRow* city = t.find("27218");
    REQUIRE(city != nullptr);
    CHECK(city->level == 1);
    CHECK(city->values[0] == 1000.0);
    const EstatRow* hojo = t.find("272180010");
    REQUIRE(hojo != nullptr);
    CHECK(hojo->name == "大字北条");
    CHECK(hojo->secrecy == 2);
    CHECK(hojo->merged_into == "002003");
    CHECK_FALSE(hojo->values[0].has_value());
    const EstatRow* third = t.find("27218002003");
    CHECK(third->line == 6);
    CHECK_FALSE(third->values[2].has_value());
    // The finest rows add up to the city's total: 600 + 400 = 1000.
    CHECK(*t.find("27218002001")->values[0] + *third->values[0] == *city->values[0]);
}

TEST_CASE("e-Stat tables refuse what they cannot read, naming the line", "[estat]") {
    CHECK_THROWS_WITH(parse_estat_table("id,a\n,x\n1,2\n", "a.csv"),
                      Catch::Contains("a.csv line 1") && Catch::Contains("KEY_CODE"));
    CHECK_THROWS_WITH(parse_estat_table("KEY_CODE,T1\n", "b.csv"), Catch::Contains("second header row"));
    CHECK_THROWS_WITH(parse_estat_table("KEY_CODE,T1\n,人口\n5339,12\n5340,1a\n", "c.csv"),
                      Catch::Contains("c.csv line 4") && Catch::Contains("\"1a\""));
    CHECK_THROWS_WITH(parse_estat_table("KEY_CODE,T1\n,人口\n5339,12\n5339,1\n", "d.csv"),
                      Catch::Contains("d.csv line 4") && Catch::Contains("twice"));
    CHECK_THROWS_WITH(read_estat_table("/nonexistent/t.csv"), Catch::Contains("/nonexistent/t.csv: no such file"));
}

TEST_CASE("a mesh statistics table joins to mesh cells by KEY_CODE", "[estat]") {
    const EstatTable t = parse_estat_table(
        "KEY_CODE,HTKSYORI,HTKSAKI,GASSAN,T000876001,T000876011\n,,,,人口（総数）,６５歳以上人口　総数\n"
        "533945971,0,,,120,40\n533945972,0,,,X,X\n",
        "mesh.csv");
    Layer cells;
    cells.fields = {{"KEY_CODE", FieldType::String}};
    for (const char* code : {"533945971", "533945972", "533945973"}) {
        Feature f;
        f.values = {std::string(code)};
        cells.features.push_back(f);
    }
    const EstatField wanted[] = {{"T000876001", "pop"}, {"６５歳以上人口　総数", "pop65"}};
    const KeyJoinReport report = join_by_key(cells, "KEY_CODE", t, wanted);
    CHECK(report.matched == 2);
    CHECK(report.unmatched_keys == std::vector<std::string>{"533945973"});
    CHECK(report.missing_values == 2);
    CHECK(cells.fields.size() == 3);
    CHECK(to_double(cells.features[0].values[2]) == 40.0);
    CHECK(is_null(cells.features[1].values[1]));
    CHECK_THROWS_WITH(join_by_key(cells, "CODE", t, wanted), Catch::Contains("no field \"CODE\""));
}

TEST_CASE("columns are found by code or label typed in either width; a missing one lists them all", "[estat]") {
    const EstatTable t = parse_estat_table("KEY_CODE,T001141019,T001141022\n,６５歳以上人口　総数,７５歳以上人口　総数\n"
                                           "503172643,10,4\n",
                                           "mesh.csv");
    CHECK(t.column("75歳以上人口 総数") == std::optional<std::size_t>(1));
    CHECK(t.column(" ６５歳以上人口　総数") == std::optional<std::size_t>(0));
    CHECK_FALSE(t.column("85歳以上人口 総数").has_value());
    CHECK_THROWS_WITH(t.require_column("T001141025"),
                      Catch::Contains("mesh.csv: no column \"T001141025\"; give a column's code or its label, as one "
                                      "of:\n  T001141019 ６５歳以上人口　総数\n  T001141022 ７５歳以上人口　総数"));
}
