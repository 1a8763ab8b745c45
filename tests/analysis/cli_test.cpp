// The `needmap` command line as a user meets it: exit codes and messages on stderr.

#include "cli_run.hpp"
#include "needmap/analysis/pipeline/results_io.hpp"
#include "needmap/geo/layer_io.hpp"
#include "network/ascii_network.hpp"
#include "test_support.hpp"

#include <boost/geometry/io/wkt/write.hpp>
#include <catch2/catch.hpp>
#include <gdal.h>
#include <fmt/format.h>

#include <filesystem>
#include <iomanip>
#include <sstream>
#include <type_traits>
#include <variant>
#include <string>

using needmap::test::run_needmap;
using needmap::test::TempDir;
using needmap::test::write_file;

TEST_CASE("needmap info and export fail with exit 1 and a message naming the file", "[integration][cli]") {
    TempDir dir;
    const auto missing = run_needmap("info " + (dir / "nowhere.shp").string());
    CHECK(missing.status == 1);
    CHECK_THAT(missing.output, Catch::Contains("nowhere.shp: no such file"));

    write_file(dir / "corrupt.gpkg", "not a geopackage at all");
    const auto corrupt = run_needmap("info " + (dir / "corrupt.gpkg").string());
    CHECK(corrupt.status == 1);
    CHECK_THAT(corrupt.output, Catch::Contains("corrupt.gpkg: cannot be read"));

    write_file(dir / "pts.csv", "id,lon,lat\n1,136.2,35.1\n2,136.3,35.2\n");
    const auto wrong_layer =
        run_needmap("export " + (dir / "pts.csv").string() + " --layer salons -o " + (dir / "out.gpkg").string());
    CHECK(wrong_layer.status == 0);  // a CSV has one layer; its name does not matter

    write_file(dir / "empty.geojson", R"({"type":"FeatureCollection","features":[]})");
    const auto empty = run_needmap("info " + (dir / "empty.geojson").string());
    CHECK(empty.status == 0);
    CHECK_THAT(empty.output, Catch::Contains("features   0"));

    const auto bad_format = run_needmap("export " + (dir / "pts.csv").string() + " -o " + (dir / "out.kml").string());
    CHECK(bad_format.status == 1);
    CHECK_THAT(bad_format.output, Catch::Contains("out.kml") && Catch::Contains(".gpkg, .shp"));

    const auto bad_encoding = run_needmap("info --encoding latin1 " + (dir / "pts.csv").string());
    CHECK(bad_encoding.status == 1);
    CHECK_THAT(bad_encoding.output, Catch::Contains("latin1"));

    const auto usage = run_needmap("info");
    CHECK(usage.status == 1);
    CHECK_THAT(usage.output, Catch::Contains("files is required"));
}

TEST_CASE("needmap export writes a CP932 Shapefile and reports shortened field names", "[integration][cli]") {
    TempDir dir;
    write_file(dir / "salons.csv", "name,organiser_name,lon,lat\nいきいきサロン,社協,136.2,35.1\n");
    const auto r = run_needmap("export " + (dir / "salons.csv").string() + " --format shp --encoding cp932 -o " +
                               (dir / "out" / "salons.shp").string());
    CHECK(r.status == 0);
    CHECK_THAT(r.output, Catch::Contains("\"organiser_name\" is \"organiser_\""));
    CHECK(needmap::test::read_file(dir / "out" / "salons.cpg") == "CP932");
    const auto info = run_needmap("info " + (dir / "out" / "salons.shp").string());
    CHECK_THAT(info.output, Catch::Contains("CP932 (from salons.cpg)") && Catch::Contains("features   1 (point)"));

    write_file(dir / "emoji.csv", "name,lon,lat\n🙂サロン,136.2,35.1\n");
    const auto bad =
        run_needmap("export " + (dir / "emoji.csv").string() + " --encoding cp932 -o " + (dir / "emoji.shp").string());
    CHECK(bad.status == 1);
    CHECK_THAT(bad.output, Catch::Contains("🙂") && Catch::Contains("UTF-8"));
    CHECK_FALSE(std::filesystem::exists(dir / "emoji.shp"));
    CHECK_FALSE(std::filesystem::exists(dir / "emoji.dbf"));
}

TEST_CASE("needmap matrix --mode walk writes minutes to one decimal and leaves out pairs beyond --max-time",
          "[integration][cli]") {
    TempDir dir;
    // A footway a-b-c, 600 m; P sits 30 m off it, 150 m from a.
    const needmap::test::AsciiMap map("a..b..c", 100);
    map.write_osm(dir / "town.osm", {{"abc", {{"highway", "footway"}}}});
    const auto ll = [&](needmap::geo::Point p) { return map.lon_lat(p); };
    const auto a = ll(map.position('a'));
    const auto c = ll(map.position('c'));
    const auto p = ll(map.at(150, -30));
    write_file(dir / "o.csv", fmt::format("id,lon,lat\nA,{:.9f},{:.9f}\nP,{:.9f},{:.9f}\n", a.x, a.y, p.x, p.y));
    write_file(dir / "d.csv", fmt::format("id,lat,lon\nC,{:.9f},{:.9f}\nA,{:.9f},{:.9f}\n", c.y, c.x, a.y, a.x));
    const auto r = run_needmap("matrix --osm " + (dir / "town.osm").string() + " --origins " +
                               (dir / "o.csv").string() + " --destinations " + (dir / "d.csv").string() +
                               " --mode walk --walk-speed 3.6 --max-time 9 -o " + (dir / "m.csv").string());
    INFO(r.output);
    REQUIRE(r.status == 0);
    // At 1 m/s: A-C 600 s = 10.0 min (over 9: left out); A-A 0; P-C 30 + 450 = 480 s = 8.0 min;
    // P-A 30 + 150 = 180 s = 3.0 min.
    CHECK(needmap::test::read_file(dir / "m.csv") == "from_id,to_id,travel_time_p50\nA,A,0.0\nP,C,8.0\nP,A,3.0\n");
}

TEST_CASE("needmap matrix refuses bad input with exit 1 and a clear message", "[integration][cli]") {
    TempDir dir;
    const needmap::test::AsciiMap map("a..b", 100);
    map.write_osm(dir / "town.osm", {{"ab", {{"highway", "footway"}}}});
    const auto a = map.lon_lat(map.position('a'));
    write_file(dir / "pts.csv", fmt::format("id,lon,lat\n1,{:.9f},{:.9f}\n", a.x, a.y));
    const std::string pts = (dir / "pts.csv").string();
    const std::string tail = " --origins " + pts + " --destinations " + pts + " -o " + (dir / "m.csv").string();

    auto missing = run_needmap("matrix --osm " + (dir / "none.osm.pbf").string() + tail);
    CHECK(missing.status == 1);
    CHECK_THAT(missing.output, Catch::Contains("none.osm.pbf: no such file"));

    write_file(dir / "corrupt.osm.pbf", std::string(300, '\x11'));
    auto corrupt = run_needmap("matrix --osm " + (dir / "corrupt.osm.pbf").string() + tail);
    CHECK(corrupt.status == 1);
    CHECK_THAT(corrupt.output, Catch::Contains("corrupt.osm.pbf: cannot be read as OpenStreetMap data"));

    map.write_osm(dir / "motorway.osm", {{"ab", {{"highway", "motorway"}}}});
    auto empty = run_needmap("matrix --osm " + (dir / "motorway.osm").string() + tail);
    CHECK(empty.status == 1);
    CHECK_THAT(empty.output, Catch::Contains("motorway.osm: holds no walkable way"));

    write_file(dir / "noid.csv", "name,x\nhall,1\n");
    auto no_geometry =
        run_needmap("matrix --osm " + (dir / "town.osm").string() + " --origins " + (dir / "noid.csv").string() +
                    " --destinations " + pts + " -o " + (dir / "m.csv").string());
    CHECK(no_geometry.status == 1);
    CHECK_THAT(no_geometry.output, Catch::Contains("noid.csv: has no point geometry") && Catch::Contains("id,lon,lat"));

    write_file(dir / "far.csv", "id,lon,lat\nnear,136.0,35.0\nosaka,135.5,34.7\n");
    auto outside =
        run_needmap("matrix --osm " + (dir / "town.osm").string() + " --origins " + (dir / "far.csv").string() +
                    " --destinations " + pts + " -o " + (dir / "m.csv").string());
    CHECK(outside.status == 1);
    CHECK_THAT(outside.output, Catch::Contains("far.csv: 1 of 2 points lie outside the walking network's extent") &&
                                   Catch::Contains("osaka"));
    CHECK_FALSE(std::filesystem::exists(dir / "m.csv"));
}

TEST_CASE("needmap matrix --mode transit: percentiles over the window, and a loud warning for a day without buses",
          "[integration][cli]") {
    TempDir dir;
    // A footway 6 km long; a bus from A (at a) to B (at b) at 09:10, 09:30 and 09:50, taking 10 min.
    const needmap::test::AsciiMap map("a.....b", 1000);
    map.write_osm(dir / "town.osm", {{"ab", {{"highway", "footway"}}}});
    const auto a = map.lon_lat(map.position('a'));
    const auto b = map.lon_lat(map.position('b'));
    write_file(
        dir / "feed" / "stops.txt",
        fmt::format("stop_id,stop_name,stop_lat,stop_lon\nA,A,{:.8f},{:.8f}\nB,B,{:.8f},{:.8f}\n", a.y, a.x, b.y, b.x));
    write_file(dir / "feed" / "routes.txt", "route_id,route_short_name,route_type\nR,1,3\n");
    write_file(dir / "feed" / "calendar.txt",
               "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
               "WD,1,1,1,1,1,0,0,20190401,20190630\n");
    write_file(dir / "feed" / "trips.txt", "route_id,service_id,trip_id\nR,WD,T1\nR,WD,T2\nR,WD,T3\n");
    write_file(dir / "feed" / "stop_times.txt",
               "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
               "T1,09:10:00,09:10:00,A,1\nT1,09:20:00,09:20:00,B,2\n"
               "T2,09:30:00,09:30:00,A,1\nT2,09:40:00,09:40:00,B,2\n"
               "T3,09:50:00,09:50:00,A,1\nT3,10:00:00,10:00:00,B,2\n");
    write_file(dir / "o.csv", fmt::format("id,lon,lat\nhome,{:.9f},{:.9f}\n", a.x, a.y));
    write_file(dir / "d.csv", fmt::format("id,lon,lat\nshop,{:.9f},{:.9f}\n", b.x, b.y));
    const std::string common_args = "matrix --osm " + (dir / "town.osm").string() + " --gtfs " +
                                    (dir / "feed").string() + " --origins " + (dir / "o.csv").string() +
                                    " --destinations " + (dir / "d.csv").string() +
                                    " --mode transit --walk-speed 3.6 --window 20 "
                                    "--percentiles 5,50,95 --max-time 60 -o " +
                                    (dir / "m.csv").string();
    const auto r = run_needmap(common_args + " --departure 2019-05-13T09:00");
    INFO(r.output);
    REQUIRE(r.status == 0);
    // Leaving 09:00..09:19 (20 minutes): by hand, minute m catches the first bus at or after
    // m + 1 (the 60 s slack): 09:10 for m <= 9 (20 - m min), 09:30 for m >= 10 (40 - m min),
    // except that walking the 6 km takes 100 min (beyond 60). Sorted: 11,12,...,20 and 21..30.
    // Nearest rank of 20: p05 -> 1st = 11, p50 -> 10th = 20, p95 -> 19th = 29.
    CHECK(needmap::test::read_file(dir / "m.csv") ==
          "from_id,to_id,travel_time_p05,travel_time_p50,travel_time_p95\nhome,shop,11.0,20.0,29.0\n");

    // A Sunday: no bus runs; the run goes on, but says so on stderr even with --quiet.
    const auto sunday = run_needmap(common_args + " --departure 2019-05-12T09:00 -q");
    CHECK(sunday.status == 0);
    CHECK_THAT(sunday.output, Catch::Contains("WARNING") && Catch::Contains("2019-05-12"));
    CHECK(needmap::test::read_file(dir / "m.csv") == "from_id,to_id,travel_time_p05,travel_time_p50,travel_time_p95\n");

    const auto bad = run_needmap(common_args + " --departure 2019-05-13 9:00");
    CHECK(bad.status == 1);
}

TEST_CASE("needmap whatif: a salon at 下川原 lowers the gap; bad changes are all named, exit 1, no output",
          "[integration][cli][scenario]") {
    const std::string project = std::string(NEEDMAP_SOURCE_DIR) + "/datasets/sample-town/project.toml";
    TempDir dir;
    const auto bad = run_needmap("whatif " + project +
                                 " --add-site salon:139.5,35.5 --remove-site no-such-salon --drop-route R99"
                                 " --threshold 0 -q -o " + (dir / "bad.gpkg").string());
    CHECK(bad.status == 1);
    CHECK_THAT(bad.output, Catch::Contains("4 problems") && Catch::Contains("outside every district") &&
                               Catch::Contains("no-such-salon") && Catch::Contains("R99") &&
                               Catch::Contains("threshold 0"));
    CHECK_FALSE(std::filesystem::exists(dir / "bad.gpkg"));
    const auto unreadable = run_needmap("whatif " + project + " --add-site salon:136.56 -o " + (dir / "u.gpkg").string());
    CHECK(unreadable.status == 1);
    CHECK_THAT(unreadable.output, Catch::Contains("KIND:LON,LAT"));
    CHECK_FALSE(std::filesystem::exists(dir / "u.gpkg"));
    const auto nothing = run_needmap("whatif " + project + " -o " + (dir / "n.gpkg").string());
    CHECK(nothing.status == 1);
    CHECK_FALSE(std::filesystem::exists(dir / "n.gpkg"));

    // 下川原公民館's coordinates as halls.csv gives them (lat 35.527352, lon 136.563440).
    const auto good = run_needmap("whatif " + project + " --add-site salon:136.563440,35.527352:下川原サロン -o " +
                                  (dir / "w.gpkg").string());
    REQUIRE(good.status == 0);
    CHECK_THAT(good.output, Catch::Contains("東中学校") && Catch::Contains("salon"));
    const auto info = run_needmap("info " + (dir / "w.gpkg").string());
    CHECK_THAT(info.output, Catch::Contains("scenario_changes") && Catch::Contains("run_summary"));
    // In Japanese, the changes are said as a planner says them.
    const auto ja = run_needmap("--lang ja whatif " + project +
                                " --add-site salon:136.563440,35.527352:下川原サロン --threshold 25 -o " +
                                (dir / "j.gpkg").string());
    REQUIRE(ja.status == 0);
    CHECK_THAT(ja.output, Catch::Contains("  - salon を追加：136.563440, 35.527352（下川原サロン）\n  - 基準を 25 分に\n") &&
                              Catch::Contains("現状：今のまま（") && Catch::Contains("もしも：変更 2 件（"));
}

namespace {

std::string wkt_of(const needmap::geo::Geometry& g) {
    return std::visit(
        [](const auto& shape) -> std::string {
            if constexpr (std::is_same_v<std::decay_t<decltype(shape)>, std::monostate>) {
                return "EMPTY";
            } else {
                std::ostringstream out;
                out << std::setprecision(17) << boost::geometry::wkt(shape);
                return out.str();
            }
        },
        g);
}

}  // namespace

TEST_CASE("determinism: two runs, on 1 and on 2 threads, write the same layers (apart from timings and timestamps)",
          "[integration][cli]") {
    const std::string project = std::string(NEEDMAP_SOURCE_DIR) + "/datasets/sample-town/project.toml";
    TempDir dir;
    for (const char* threads : {"1", "2"}) {
        ::setenv("NEEDMAP_THREADS", threads, 1);
        const auto run = run_needmap("run -q " + project + " -o " + (dir / (std::string("t") + threads + ".gpkg")).string());
        REQUIRE(run.status == 0);
    }
    ::unsetenv("NEEDMAP_THREADS");
    const auto layers = needmap::geo::list_layers(dir / "t1.gpkg");
    REQUIRE(layers == needmap::geo::list_layers(dir / "t2.gpkg"));
    for (const auto& name : layers) {
        INFO(name);
        needmap::geo::ReadOptions options;
        options.layer = name;
        options.allow_empty = true;
        const auto a = needmap::geo::read_layer(dir / "t1.gpkg", options);
        const auto b = needmap::geo::read_layer(dir / "t2.gpkg", options);
        REQUIRE(a.features.size() == b.features.size());
        for (std::size_t f = 0; f < a.features.size(); ++f) {
            const auto& fa = a.features[f];
            const auto& fb = b.features[f];
            if (name == "run_summary" && needmap::geo::to_text(fa.values.at(0)) == "time (s)") continue;
            CHECK(wkt_of(fa.geometry) == wkt_of(fb.geometry));
            for (std::size_t v = 0; v < fa.values.size(); ++v)
                if (a.fields[v].name != "update_time")  // layer_styles' timestamp, as QGIS writes it
                    CHECK(needmap::geo::to_text(fa.values[v]) == needmap::geo::to_text(fb.values[v]));
        }
    }
}

TEST_CASE("the summary in Japanese (--lang ja, or a Japanese locale), its columns aligned for wide characters",
          "[integration][cli]") {
    TempDir tmp;
    const std::string project = (std::filesystem::path(NEEDMAP_SOURCE_DIR) / "datasets" / "sample-town" / "project.toml").string();
    const auto run = run_needmap("run --lang ja " + project + " -o " + (tmp / "out.gpkg").string());
    REQUIRE(run.status == 0);
    CHECK_THAT(run.output, Catch::Contains("30分以内に行けない高齢者（徒歩（時速3 km）とバス") &&
                               Catch::Contains("サロン・通いの場（ニーズ：通いの場参加意向）") &&
                               Catch::Contains("最適な組み合わせ（証明済み）") && Catch::Contains("結果："));
    CHECK_THAT(run.output, !Catch::Contains("Who cannot reach"));
    // The stage lines too: the stage, what it found, and the time, in Japanese.
    CHECK_THAT(run.output, Catch::Contains("[1/10] 中学校区（圏域）：3 圏域（梓野中学校, 東中学校, 西中学校）（") &&
                               Catch::Contains("[5/10] 道路：歩ける道 238 本") && Catch::Contains(" 秒）\n"));
    CHECK_THAT(run.output, !Catch::Contains("[1/10] districts"));
    CHECK_THAT(run.output, Catch::Contains("  公平性（高齢者一人ひとりを同じ重みで）：ジニ係数 0.") &&
                               // (578 + 263 + 32) / 7,461 older people: the salon table's rows, the hills counted
                               Catch::Contains("30分を超える人の割合（年齢層別）：65歳以上 11.7%、75歳以上"));
    // The sources are credited as their terms ask (the population is e-Stat's mesh table).
    const auto results = needmap::analysis::pipeline::read_results(tmp / "out.gpkg");
    CHECK(std::count(results.info.attributions.begin(), results.info.attributions.end(),
                     "出典：政府統計の総合窓口(e-Stat)を加工して作成") == 1);
    // A terminal gives a CJK character two columns: counted here by hand, ASCII one, others two.
    const auto columns = [](std::string_view s) {
        std::size_t n = 0;
        for (std::size_t i = 0; i < s.size(); ++i)
            if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) n += static_cast<unsigned char>(s[i]) < 0x80 ? 1 : 2;
        return n;
    };
    // The share column ends at column 51: 2 + name 20 + 1 + 10 + 1 + 10 + 1 + 6, in the header and every row.
    std::istringstream lines(run.output);
    std::string line;
    std::size_t rows = 0;
    bool in_table = false;
    while (std::getline(lines, line)) {
        if (line.starts_with("  中学校区") && line.find("高齢者") != std::string::npos) {
            in_table = true;
            CHECK(columns(line.substr(0, line.find("割合") + std::string("割合").size())) == 51);
            std::getline(lines, line);  // the units
            continue;
        }
        if (!in_table) continue;
        if (line.empty() || !line.starts_with("  ") || line.starts_with("  新しい")) {
            in_table = false;
            continue;
        }
        INFO(line);
        CHECK(columns(line.substr(0, line.find('%') + 1)) == 51);
        ++rows;
    }
    CHECK(rows == 6);  // three districts for each of the two kinds
    // The locale alone does it too.
    needmap::test::Run japanese;
    {
        const std::string command = "env -u LC_ALL -u LC_MESSAGES LANG=ja_JP.UTF-8 " + std::string(NEEDMAP_CLI) + " run " +
                                    project + " -o " + (tmp / "c.gpkg").string() + " 2>/dev/null";
        FILE* pipe = popen(command.c_str(), "r");
        REQUIRE(pipe != nullptr);
        char buffer[4096];
        while (const std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) japanese.output.append(buffer, n);
        japanese.status = pclose(pipe);
    }
    CHECK(japanese.status == 0);
    CHECK_THAT(japanese.output, Catch::Contains("未充足のニーズが大きい順"));
}

TEST_CASE("a results file with a place number out of range is refused, not read out of bounds (found by fuzzing)",
          "[integration][cli]") {
    TempDir tmp;
    const std::string project = (std::filesystem::path(NEEDMAP_SOURCE_DIR) / "datasets" / "sample-town" / "project.toml").string();
    const auto gpkg = tmp / "out.gpkg";
    REQUIRE(run_needmap("run -q " + project + " -o " + gpkg.string()).status == 0);
    REQUIRE_NOTHROW(needmap::analysis::pipeline::read_results(gpkg));
    const auto damage = [&](const std::string& sql) {
        GDALAllRegister();
        GDALDatasetH ds = GDALOpenEx(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr);
        REQUIRE(ds != nullptr);
        GDALDatasetReleaseResultSet(ds, GDALDatasetExecuteSQL(ds, sql.c_str(), nullptr, nullptr));
        GDALClose(ds);
    };
    damage("UPDATE candidates_ranked SET no = 100000 WHERE fid = 1");
    CHECK_THROWS_WITH(needmap::analysis::pipeline::read_results(gpkg),
                      Catch::Contains("out.gpkg: layer candidates_ranked feature 1: no = 100000 is not a whole number "
                                      "from 1 to") &&
                          Catch::Contains("run needmap run again"));
    damage("UPDATE candidates_ranked SET no = 0 WHERE fid = 1");
    CHECK_THROWS_WITH(needmap::analysis::pipeline::read_results(gpkg), Catch::Contains("no = 0 is not a whole number"));
}
