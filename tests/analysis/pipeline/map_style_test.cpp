// The districts' QGIS style: well-formed XML (parsed here with expat) whose ranges and fill colours
// are ColorBrewer's 5-class Oranges over the breaks the README gives (5, 15, 25, 35%).

#include "../cli_run.hpp"
#include "needmap/analysis/pipeline/map_style.hpp"
#include "needmap/geo/layer_io.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <expat.h>
#include <map>
#include <string>
#include <vector>

using namespace needmap::analysis::pipeline;

namespace {

struct Parsed {
    std::string renderer_type;
    std::string attr;
    std::vector<std::pair<double, double>> ranges;  // lower, upper
    std::map<std::string, std::string> colour_of_symbol;
    std::string label_expression;
    std::string current_symbol;
    std::vector<std::string> categories;  // values
    std::vector<std::string> rule_filters;
};

void on_start(void* data, const XML_Char* name, const XML_Char** attrs) {
    auto& p = *static_cast<Parsed*>(data);
    std::map<std::string, std::string> a;
    for (int i = 0; attrs[i] != nullptr; i += 2) a[attrs[i]] = attrs[i + 1];
    const std::string element = name;
    if (element == "renderer-v2") {
        p.renderer_type = a["type"];
        p.attr = a["attr"];
    } else if (element == "range") {
        p.ranges.emplace_back(std::stod(a["lower"]), std::stod(a["upper"]));
    } else if (element == "symbol") {
        p.current_symbol = a["name"];
    } else if (element == "prop" && a["k"] == "color") {
        p.colour_of_symbol[p.current_symbol] = a["v"];
    } else if (element == "category") {
        p.categories.push_back(a["value"]);
    } else if (element == "rule") {
        p.rule_filters.push_back(a["filter"]);
    } else if (element == "text-style") {
        p.label_expression = a["fieldName"];
    }
}

void on_end(void* /*data*/, const XML_Char* /*name*/) {}

Parsed parse(const std::string& xml) {
    Parsed p;
    XML_Parser parser = XML_ParserCreate("UTF-8");
    XML_SetUserData(parser, &p);
    XML_SetElementHandler(parser, on_start, on_end);
    const bool ok = XML_Parse(parser, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_OK;
    INFO("expat: " << XML_ErrorString(XML_GetErrorCode(parser)) << " at line " << XML_GetCurrentLineNumber(parser));
    XML_ParserFree(parser);
    REQUIRE(ok);
    return p;
}

}  // namespace

TEST_CASE("the districts' QGIS style: five classes of the gap share in ColorBrewer Oranges", "[pipeline]") {
    const Parsed p = parse(districts_gap_qml("shop_gap_share", "name"));
    CHECK(p.renderer_type == "graduatedSymbol");
    CHECK(p.attr == "shop_gap_share");
    const std::vector<std::pair<double, double>> breaks{{0, 0.05}, {0.05, 0.15}, {0.15, 0.25}, {0.25, 0.35}, {0.35, 1}};
    CHECK(p.ranges == breaks);
    // #feedde #fdbe85 #fd8d3c #e6550d #a63603, as colorbrewer2.org lists them.
    CHECK(p.colour_of_symbol == std::map<std::string, std::string>{{"0", "254,237,222,255"},
                                                                   {"1", "253,190,133,255"},
                                                                   {"2", "253,141,60,255"},
                                                                   {"3", "230,85,13,255"},
                                                                   {"4", "166,54,3,255"}});
    // The label: the district's name and its share in percent.
    CHECK(p.label_expression == R"(concat("name", ' ', format_number(100 * "shop_gap_share", 0), '%'))");
}

TEST_CASE("field names that need escaping stay well-formed XML", "[pipeline]") {
    const Parsed p = parse(districts_gap_qml("a&b<c>\"d\"", "名前"));
    CHECK(p.attr == "a&b<c>\"d\"");
}

TEST_CASE("a results GeoPackage carries a QGIS style for every layer, each parsed as QML", "[integration][pipeline]") {
    needmap::test::TempDir tmp;
    const auto project = std::filesystem::path(NEEDMAP_SOURCE_DIR) / "datasets" / "sample-town" / "project.toml";
    const auto gpkg = tmp / "out.gpkg";
    REQUIRE(needmap::test::run_needmap("run -q " + project.string() + " -o " + gpkg.string()).status == 0);
    needmap::geo::ReadOptions options;
    options.layer = "layer_styles";
    const auto styles = needmap::geo::read_layer(gpkg, options);
    const std::size_t table = styles.require_field("f_table_name");
    const std::size_t xml = styles.require_field("styleQML");
    std::map<std::string, std::vector<Parsed>> by_layer;
    for (const auto& f : styles.features)
        by_layer[needmap::geo::to_text(f.values[table])].push_back(parse(needmap::geo::to_text(f.values[xml])));
    // The sample town's kinds are salon and shop.
    REQUIRE(by_layer["districts_access"].size() == 2);
    CHECK(by_layer["districts_access"][0].attr == "salon_gap_share");
    REQUIRE(by_layer["demand_access"].size() == 2);
    for (const auto& p : by_layer["demand_access"]) {
        CHECK(p.renderer_type == "graduatedSymbol");
        CHECK(p.ranges.size() == 5);
        CHECK(p.ranges[2].second == 30);  // the third class ends at the threshold
    }
    CHECK(by_layer["demand_access"][1].attr == "coalesce(\"shop_minutes\", 100000)");
    REQUIRE(by_layer["resources"].size() == 1);
    CHECK(by_layer["resources"][0].renderer_type == "categorizedSymbol");
    CHECK(by_layer["resources"][0].attr == "kind");
    CHECK(by_layer["resources"][0].categories == std::vector<std::string>{"salon", "shop"});
    CHECK(by_layer["resources"][0].label_expression == "\"name\"");
    REQUIRE(by_layer["candidates_ranked"].size() == 1);
    CHECK(by_layer["candidates_ranked"][0].renderer_type == "RuleRenderer");
    CHECK(by_layer["candidates_ranked"][0].rule_filters == std::vector<std::string>{"\"rank\" IS NOT NULL", "ELSE"});
    REQUIRE(by_layer["service_areas"].size() == 1);
    CHECK(by_layer["service_areas"][0].categories == std::vector<std::string>{"salon", "shop"});
    // Translucent: the fills' colours carry an alpha of 64.
    for (const auto& [symbol, colour] : by_layer["service_areas"][0].colour_of_symbol) CHECK(colour.ends_with(",64"));
}
