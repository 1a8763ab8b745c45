#include "needmap/analysis/demand/district_names.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace needmap::analysis::demand;

TEST_CASE("district names normalise width, spaces and school suffixes", "[demand]") {
    // Every way of writing the 愛知 district that councils use.
    for (const char* name : {"愛知中学校区", "愛知中学校", "愛知中", "愛知　中学校", "愛知 中学校区 ", "愛知中学",
                             "愛知校区", "愛知地区", "愛知"})
        CHECK(normalise_district_name(name) == "愛知");
    // Full-width and half-width ASCII, any case.
    CHECK(normalise_district_name("ＡＩＣＨＩ中学校") == "aichi");
    CHECK(normalise_district_name("Ａｉｃｈｉ 中") == "aichi");
    CHECK(normalise_district_name("aichi") == "aichi");
    CHECK(normalise_district_name("第２中学校") == "第2");
    // Half-width katakana widened, with voiced and semi-voiced marks combined.
    CHECK(normalise_district_name("ｱｲﾁ中学校区") == "アイチ");
    CHECK(normalise_district_name("ｶﾞｯｺｳ") == "ガッコウ");
    CHECK(normalise_district_name("ﾎﾟﾌﾟﾗ") == "ポプラ");
    // Place-name spelling variants.
    CHECK(normalise_district_name("緑ヶ丘中学校") == normalise_district_name("緑ケ丘中"));
    CHECK(normalise_district_name("緑が丘") == normalise_district_name("緑ケ丘中"));
    CHECK(normalise_district_name("津ノ辺") == normalise_district_name("津の辺中学校区"));
    // A bare 中 is stripped like the other suffixes (東中 is 東中学校); a suffix never leaves nothing.
    CHECK(normalise_district_name("東中") == "東");
    CHECK(normalise_district_name("府中") == "府");
    CHECK(normalise_district_name("府中中学校") == "府中");
    CHECK(normalise_district_name("府中中") == "府中");
    CHECK(normalise_district_name("中中学校") == "中");
    CHECK(normalise_district_name("中") == "中");
    CHECK(normalise_district_name("地区") == "地区");
}

TEST_CASE("edit distance counts characters, not bytes", "[demand]") {
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("豊里", "豊郷") == 1);  // one kanji replaced: 3 bytes, one edit
    CHECK(edit_distance("愛知", "愛知") == 0);
    CHECK(edit_distance("", "秦荘") == 2);
}

TEST_CASE("a join reports matches, unmatched keys and districts, and near misses", "[demand]") {
    const std::vector<JoinTarget> districts{
        {"D1", "愛知中学校"}, {"D2", "秦荘中学校"}, {"D3", "湖東第二中学校"}, {"D4", "豊郷中学校"}};
    const std::vector<JoinKey> keys{{"愛知中学校区", 2, 1}, {"　秦荘 中 ", 3, 1}, {"湖東中", 4, 1}, {"豊里中", 5, 7}};
    const NameJoin join = join_names(keys, districts, "needs.csv → districts");

    REQUIRE(join.target_of_key.size() == 4);
    CHECK(join.target_of_key[0] == 0u);
    CHECK(join.target_of_key[1] == 1u);
    CHECK_FALSE(join.target_of_key[2]);
    CHECK_FALSE(join.target_of_key[3]);

    const JoinReport& r = join.report;
    REQUIRE(r.matched.size() == 2);
    CHECK(r.matched[0].target_name == "愛知中学校");
    CHECK_FALSE(r.matched[0].by_id);
    REQUIRE(r.unmatched_keys.size() == 2);
    CHECK(r.unmatched_keys[1].text == "豊里中");
    CHECK(r.rows_not_joined() == 8);  // 1 row of 湖東中 and 7 of 豊里中
    CHECK(r.unmatched_targets == std::vector<std::string>{"湖東第二中学校", "豊郷中学校"});
    // 湖東 is a prefix of 湖東第二; 豊里 and 豊郷 differ in one character.
    REQUIRE(r.near_misses.size() == 2);
    CHECK(r.near_misses[0].key.text == "湖東中");
    CHECK(r.near_misses[0].target_name == "湖東第二中学校");
    CHECK(r.near_misses[0].reason == "one is a prefix of the other");
    CHECK(r.near_misses[1].key.text == "豊里中");
    CHECK(r.near_misses[1].target_name == "豊郷中学校");
    CHECK(r.near_misses[1].reason == "one character apart");

    const auto lines = r.lines();
    REQUIRE(lines.size() == 7);  // summary, 2 unmatched keys, 2 districts without key, 2 near misses
    CHECK(lines[0] == "needs.csv → districts: 2 matched, 2 key(s) unmatched (8 row(s)), 0 ambiguous, 2 without a key");
    CHECK(lines[2] == "  no district for key \"豊里中\" (line 5, 7 rows)");
    CHECK(lines[6] == "  near miss: key \"豊里中\" (line 5, 7 rows) and district \"豊郷中学校\" (one character apart)");
}

TEST_CASE("a name shared by two districts is ambiguous unless the key is an id", "[demand]") {
    const std::vector<JoinTarget> districts{{"25425:愛知中学校", "愛知中学校"}, {"23100:愛知中学校", "愛知中学校"}};
    const std::vector<JoinKey> keys{{"愛知中", 2, 1}, {"23100:愛知中学校", 3, 1}};
    const NameJoin join = join_names(keys, districts, "t");
    CHECK_FALSE(join.target_of_key[0]);
    CHECK(join.target_of_key[1] == 1u);
    REQUIRE(join.report.ambiguous_keys.size() == 1);
    CHECK(join.report.ambiguous_keys[0].text == "愛知中");
    CHECK(join.report.matched.at(0).by_id);
    CHECK(join.report.unmatched_targets == std::vector<std::string>{"愛知中学校"});
}

TEST_CASE("a place name ending in 中 still joins its school", "[demand]") {
    // 「府中」 normalises to 「府」 but 「府中中学校」 to 「府中」: the join compares the forms with
    // a bare 中 kept as well, in both directions.
    const std::vector<JoinTarget> districts{{"1", "府中中学校"}, {"2", "東中学校"}, {"3", "田中"}};
    const std::vector<JoinKey> keys{{"府中", 2, 1}, {"東中", 3, 1}, {"田中中学校区", 4, 1}};
    const NameJoin join = join_names(keys, districts, "t");
    CHECK(join.target_of_key[0] == 0u);
    CHECK(join.target_of_key[1] == 1u);
    CHECK(join.target_of_key[2] == 2u);
    CHECK(join.report.unmatched_keys.empty());
}
