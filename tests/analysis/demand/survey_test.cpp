#include "needmap/analysis/demand/survey.hpp"

#include "demand_fixtures.hpp"
#include "needmap/geo/error.hpp"
#include "needmap/geo/layer.hpp"
#include "needmap/geo/text.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace needmap;
using namespace needmap::analysis::demand;
using Catch::Detail::Approx;
using needmap::test::TempDir;
using needmap::test::write_file;

namespace {

const std::vector<NeedColumn> kNeeds{{"買物困難", "買物", NeedMeasure::Count},
                                     {"閉じこもり", "閉じこもり率", NeedMeasure::Rate},
                                     {"通院困難", "通院(%)", NeedMeasure::Percent}};

DistrictSurveyConfig district_config() {
    DistrictSurveyConfig c;
    c.key_column = "圏域";
    c.respondents_column = "回答者数";
    c.needs = kNeeds;
    return c;
}

/// Two districts side by side, in lon/lat 136.00–136.05 and 136.05–136.10 east, 35.00–35.05 north,
/// built through build_districts into plane-rectangular zone VI.
Districts two_districts_lon_lat() {
    geo::Layer layer;
    layer.source = "two.geojson";
    layer.crs = geo::jgd2011();
    layer.geometry_kind = geo::GeometryKind::Polygons;
    layer.fields = {{"id", geo::FieldType::String}, {"name", geo::FieldType::String}};
    layer.features.push_back(
        {1, test::rect(136.00, 35.00, 136.05, 35.05), {std::string("W"), std::string("西中学校")}});
    layer.features.push_back(
        {2, test::rect(136.05, 35.00, 136.10, 35.05), {std::string("E"), std::string("東中学校")}});
    DistrictOptions options;
    options.id_field = "id";
    options.name_field = "name";
    return build_districts(layer, test::zone6(), options);
}

}  // namespace

TEST_CASE("Wilson score intervals match a hand calculation", "[demand]") {
    // 12 of 40 respondents: p = 0.3, z = 1.959964, z² = 3.841459, z²/n = 0.0960365.
    //   centre = (p + z²/2n) / (1 + z²/n) = (0.3 + 0.0480182) / 1.0960365 = 0.3175243
    //   half   = z / (1 + z²/n) * sqrt(p(1-p)/n + z²/4n²)
    //          = 1.959964 / 1.0960365 * sqrt(0.21/40 + 3.841459/6400)
    //          = 1.7882288 * sqrt(0.00525 + 0.00060023) = 1.7882288 * 0.0764868 = 0.1367759
    //   interval = [0.3175243 - 0.1367759, 0.3175243 + 0.1367759] = [0.1807485, 0.4543002]
    const Interval a = wilson_interval(12, 40);
    CHECK(a.low == Approx(0.1807485).epsilon(1e-6));
    CHECK(a.high == Approx(0.4543002).epsilon(1e-6));
    // 0 of 25: p = 0, so half = z / (1 + z²/n) * z/2n, which is the centre itself:
    //   centre = (z²/50) / (1 + z²/25) = 0.0768292 / 1.1536584 = 0.0665961
    //   interval = [0, 2 × 0.0665961] = [0, 0.1331923]
    const Interval b = wilson_interval(0, 25);
    CHECK(b.low == Approx(0).margin(1e-12));
    CHECK(b.high == Approx(0.1331923).epsilon(1e-6));
}

TEST_CASE("a per-district survey: counts, rates and percentages, with intervals and small samples", "[demand]") {
    TempDir dir;
    // 西: 40 respondents, 12 cannot shop, 25% rarely go out, 10% cannot get to hospital.
    // 東: 20 respondents (a small sample), 3 cannot shop, rate 0.5, percentage left blank.
    write_file(dir / "needs.csv",
               "圏域,回答者数,買物,閉じこもり率,通院(%)\n"
               "西中学校区,40,12,0.25,10%\n"
               "ﾋｶﾞｼ,20,3,0.5,\n"
               "東　中,20,3,0.5,\n");
    const DistrictSurveyTable table = read_district_survey(dir / "needs.csv", district_config());
    CHECK(table.encoding == "UTF-8 (detected)");
    REQUIRE(table.rows.size() == 3);
    CHECK(table.rows[0].counts[1] == Approx(10));  // 0.25 × 40
    CHECK(table.rows[0].counts[2] == Approx(4));   // 10% of 40
    CHECK(table.blank_cells == 2);

    const Districts districts = two_districts_lon_lat();
    const SurveyRates rates = survey_by_district(table, districts);
    REQUIRE(rates.districts.size() == 2);
    REQUIRE(rates.districts[0]);
    const DistrictNeeds& west = *rates.districts[0];
    CHECK(west.respondents == 40);
    CHECK_FALSE(west.small_sample);
    REQUIRE(west.needs[0]);
    CHECK(west.needs[0]->rate == Approx(0.3));
    CHECK(west.needs[0]->ci95.low == Approx(0.1807485).epsilon(1e-6));  // as worked out above
    CHECK(west.needs[0]->ci95.high == Approx(0.4543002).epsilon(1e-6));
    CHECK(west.needs[1]->rate == Approx(0.25));
    CHECK(west.needs[2]->rate == Approx(0.10));

    REQUIRE(rates.districts[1]);
    const DistrictNeeds& east = *rates.districts[1];
    CHECK(east.small_sample);  // 20 < 30
    CHECK(east.needs[0]->rate == Approx(0.15));
    // 3 of 20: p = 0.15, z²/n = 0.1920729; centre = (0.15 + 0.0960365) / 1.1920729 = 0.2063938,
    // half = 1.6441650 * sqrt(0.1275/20 + 3.841459/1600) = 1.6441650 * 0.0936795 = 0.1540251.
    CHECK(east.needs[0]->ci95.low == Approx(0.2063938 - 0.1540251).epsilon(1e-5));
    CHECK(east.needs[0]->ci95.high == Approx(0.2063938 + 0.1540251).epsilon(1e-5));
    CHECK(east.needs[0]->small_sample);
    CHECK_FALSE(east.needs[2]);  // left blank
    CHECK(rates.report.small_sample_districts == std::vector<std::string>{"東中学校"});

    // ﾋｶﾞｼ (half-width katakana for ヒガシ) is not 東: counted, reported, with no near miss
    // because 東中学校 was matched by 「東　中」.
    CHECK(rates.report.rows_unknown_key == 1);
    REQUIRE(rates.report.join.unmatched_keys.size() == 1);
    CHECK(rates.report.join.unmatched_keys[0].text == "ﾋｶﾞｼ");
    CHECK(rates.report.join.unmatched_keys[0].line == 3);
    const auto lines = rates.report.lines();
    CHECK(std::find(lines.begin(), lines.end(), "  1 row(s) with a district key that matches no district, left out") !=
          lines.end());
}

TEST_CASE("a per-district survey in CP932 is read and reported as such", "[demand]") {
    TempDir dir;
    const std::string utf8 = "圏域,回答者数,買物,閉じこもり率,通院(%)\n西中,３０,６,0.1,5\n";
    write_file(dir / "sjis.csv", geo::recode(utf8, geo::Encoding::Utf8, geo::Encoding::Cp932, "fixture"));
    const DistrictSurveyTable table = read_district_survey(dir / "sjis.csv", district_config());
    CHECK(table.encoding == "CP932 (detected)");
    REQUIRE(table.rows.size() == 1);
    CHECK(table.rows[0].key == "西中");
    CHECK(table.rows[0].respondents == 30);  // full-width digits
    CHECK(table.rows[0].counts[0] == Approx(6));
    const SurveyRates rates = survey_by_district(table, two_districts_lon_lat());
    CHECK(rates.report.lines().front() == (dir / "sjis.csv").string() + " (CP932 (detected)): 1 row(s)");
}

TEST_CASE("bad survey values stop the run with file, line and value", "[demand]") {
    TempDir dir;
    const std::string header = "圏域,回答者数,買物,閉じこもり率,通院(%)\n西中,40,12,0.25,10\n";
    write_file(dir / "count.csv", header + "東中,20,21,0.5,10\n");
    CHECK_THROWS_AS(read_district_survey(dir / "count.csv", district_config()), geo::InputError);
    CHECK_THROWS_WITH(
        read_district_survey(dir / "count.csv", district_config()),
        Catch::Contains("count.csv line 3: 買物 is \"21\"") && Catch::Contains("from 0 to the 20 respondents"));
    write_file(dir / "rate.csv", header + "東中,20,2,1.2,10\n");
    CHECK_THROWS_WITH(read_district_survey(dir / "rate.csv", district_config()),
                      Catch::Contains("rate.csv line 3: 閉じこもり率 is \"1.2\"; expected a rate from 0 to 1"));
    write_file(dir / "negative.csv", header + "東中,20,2,-0.1,10\n");
    CHECK_THROWS_WITH(read_district_survey(dir / "negative.csv", district_config()),
                      Catch::Contains("negative.csv line 3: 閉じこもり率 is \"-0.1\""));
    write_file(dir / "percent.csv", header + "東中,20,2,0.1,105%\n");
    CHECK_THROWS_WITH(read_district_survey(dir / "percent.csv", district_config()),
                      Catch::Contains("percent.csv line 3: 通院(%) is \"105\"; expected a percentage from 0 to 100"));
    write_file(dir / "n.csv", header + "東中,二十,2,0.1,5\n");
    CHECK_THROWS_WITH(read_district_survey(dir / "n.csv", district_config()),
                      Catch::Contains("n.csv line 3: 回答者数 is \"二十\""));
    write_file(dir / "column.csv", "圏域,回答者数,買物\n西中,40,12\n");
    CHECK_THROWS_WITH(read_district_survey(dir / "column.csv", district_config()), Catch::Contains("閉じこもり率"));

    write_file(dir / "twice.csv", header + "西中学校区,40,12,0.25,10\n");
    const DistrictSurveyTable twice = read_district_survey(dir / "twice.csv", district_config());
    CHECK_THROWS_WITH(
        survey_by_district(twice, two_districts_lon_lat()),
        Catch::Contains("twice.csv line 3: \"西中学校区\" is district \"西中学校\", which line 2 already gave"));
}

TEST_CASE("per-respondent answers in mixed spellings, aggregated by district key", "[demand]") {
    TempDir dir;
    // 西: 6 people. 買物: 1, はい, Ｙｅｓ, 0, いいえ, blank → 3 yes of 5 answered.
    //     閉じこもり: TRUE, false, no, n, 1, 0 → 2 yes of 6.
    // 東: 2 people. 買物: ｙ, No → 1 of 2; 閉じこもり: blank, blank → no answers.
    // One person with an unknown district, one without a district.
    write_file(dir / "people.csv",
               "no,圏域,買物,閉じこもり\n"
               "1,西中学校,1,TRUE\n"
               "2,西中,はい,false\n"
               "3,西 中学校区,Ｙｅｓ,no\n"
               "4,西中,0,n\n"
               "5,西中,いいえ,1\n"
               "6,西中,,0\n"
               "7,東中,ｙ,\n"
               "8,東中,No,\n"
               "9,南中,1,1\n"
               "10,,1,1\n");
    RespondentSurveyConfig config;
    config.district_column = "圏域";
    config.needs = {{"買物困難", "買物"}, {"閉じこもり", "閉じこもり"}};
    const RespondentTable table = read_respondent_survey(dir / "people.csv", config);
    REQUIRE(table.rows.size() == 10);
    CHECK(table.blank_answers == std::vector<std::size_t>{1, 2});

    const SurveyRates rates = aggregate_respondents(table, two_districts_lon_lat());
    CHECK(rates.report.rows_unknown_key == 1);
    CHECK(rates.report.rows_unlocated == 1);
    REQUIRE(rates.report.join.unmatched_keys.size() == 1);
    CHECK(rates.report.join.unmatched_keys[0].text == "南中");
    CHECK(rates.report.join.unmatched_keys[0].line == 10);

    REQUIRE(rates.districts[0]);
    const DistrictNeeds& west = *rates.districts[0];
    CHECK(west.respondents == 6);
    CHECK(west.small_sample);
    CHECK(west.needs[0]->yes == 3);
    CHECK(west.needs[0]->n == 5);
    CHECK(west.needs[0]->rate == Approx(0.6));
    CHECK(west.needs[1]->yes == 2);
    CHECK(west.needs[1]->n == 6);
    REQUIRE(rates.districts[1]);
    CHECK(rates.districts[1]->needs[0]->rate == Approx(0.5));
    CHECK_FALSE(rates.districts[1]->needs[1]);

    write_file(dir / "bad.csv", "圏域,買物,閉じこもり\n西中,1,1\n西中,たぶん,1\n");
    CHECK_THROWS_WITH(read_respondent_survey(dir / "bad.csv", config),
                      Catch::Contains("bad.csv line 3: 買物 is \"たぶん\"; expected a yes (1/yes/"));
}

TEST_CASE("per-respondent rows located by mesh code or by lon/lat", "[demand]") {
    TempDir dir;
    // Third-level mesh codes worked out by hand (JIS X 0410):
    //   (136.01 E, 35.01 N): 35.01 × 1.5 = 52.5 → 52, 136 − 100 = 36 → "5236"; the remainders
    //   0.3433° lat / (1/12°) = 4.1 → 4 and 0.01° lon / 0.125° = 0 → "40"; then 0.01° lat / (1/120°)
    //   = 1.2 → 1 and 0.01° / 0.0125° = 0.8 → 0 → "10": 52364010, centre 136.00625 E 35.0125 N (西).
    //   (136.07 E, 35.01 N): the same but 0.07° / 0.0125° = 5.6 → 5: 52364015, centre 136.06875 E (東).
    //   (136.30 E, 35.01 N): 0.30 / 0.125 = 2.4 → 2, (0.30 − 0.25) / 0.0125 = 4: 52364214, outside.
    write_file(dir / "mesh.csv",
               "mesh,買物\n"
               "52364010,1\n"
               "５２３６４０１０,0\n"
               "52364015,はい\n"
               "52364214,1\n"
               ",1\n");
    RespondentSurveyConfig by_mesh;
    by_mesh.mesh_column = "mesh";
    by_mesh.needs = {{"買物困難", "買物"}};
    const Districts districts = two_districts_lon_lat();
    const SurveyRates mesh = aggregate_respondents(read_respondent_survey(dir / "mesh.csv", by_mesh), districts);
    CHECK(mesh.districts[0]->respondents == 2);
    CHECK(mesh.districts[0]->needs[0]->rate == Approx(0.5));
    CHECK(mesh.districts[1]->respondents == 1);
    CHECK(mesh.report.rows_outside == 1);
    CHECK(mesh.report.rows_unlocated == 1);

    write_file(dir / "points.csv",
               "lat,lon,買物\n"
               "35.02,136.01,1\n"
               "35.02,136.09,0\n"
               "35.02,136.08,1\n"
               "36.50,136.08,1\n");
    RespondentSurveyConfig by_point;
    by_point.lon_column = "lon";
    by_point.lat_column = "lat";
    by_point.needs = {{"買物困難", "買物"}};
    const SurveyRates points = aggregate_respondents(read_respondent_survey(dir / "points.csv", by_point), districts);
    CHECK(points.districts[0]->respondents == 1);
    CHECK(points.districts[1]->respondents == 2);
    CHECK(points.districts[1]->needs[0]->rate == Approx(0.5));
    CHECK(points.report.rows_outside == 1);

    write_file(dir / "badmesh.csv", "mesh,買物\n5236401,1\n");
    CHECK_THROWS_WITH(read_respondent_survey(dir / "badmesh.csv", by_mesh),
                      Catch::Contains("badmesh.csv line 2: mesh is \"5236401\"; expected a mesh code"));
    RespondentSurveyConfig both = by_mesh;
    both.district_column = "圏域";
    CHECK_THROWS_WITH(read_respondent_survey(dir / "mesh.csv", both), Catch::Contains("exactly one of"));
}
