#include "needmap/analysis/pipeline/map_style.hpp"

#include <fmt/format.h>

#include <array>

namespace needmap::analysis::pipeline {
namespace {

/// Text for an XML attribute value.
std::string xml_escaped(std::string_view s) {
    std::string out;
    for (const char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

using Rgba = std::array<int, 4>;

/// Distinct colours for kinds (ColorBrewer Set1), in the order the kinds come.
constexpr std::array<Rgba, 6> kKindColours{{{228, 26, 28, 255}, {55, 126, 184, 255}, {77, 175, 74, 255},
                                             {152, 78, 163, 255}, {255, 127, 0, 255}, {166, 86, 40, 255}}};

std::string marker_symbol(std::size_t index, Rgba c, std::string_view shape, double size_mm) {
    return fmt::format(R"(      <symbol type="marker" name="{}" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" pass="0" locked="0" enabled="1">
          <prop k="color" v="{},{},{},{}"/>
          <prop k="name" v="{}"/>
          <prop k="size" v="{}"/>
          <prop k="size_unit" v="MM"/>
          <prop k="outline_color" v="255,255,255,{}"/>
          <prop k="outline_width" v="0.2"/>
          <prop k="outline_width_unit" v="MM"/>
        </layer>
      </symbol>
)",
                       index, c[0], c[1], c[2], c[3], shape, size_mm, c[3]);
}

std::string fill_symbol(std::size_t index, Rgba c) {
    return fmt::format(R"(      <symbol type="fill" name="{}" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" pass="0" locked="0" enabled="1">
          <prop k="color" v="{},{},{},{}"/>
          <prop k="style" v="solid"/>
          <prop k="outline_color" v="{},{},{},255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.3"/>
          <prop k="outline_width_unit" v="MM"/>
        </layer>
      </symbol>
)",
                       index, c[0], c[1], c[2], c[3], c[0], c[1], c[2]);
}

/// A whole QML document around a renderer and, optionally, labels by an expression.
std::string qml(const std::string& renderer, std::string_view label_expression = {}) {
    const std::string labels =
        label_expression.empty()
            ? std::string()
            : fmt::format(R"(  <labeling type="simple">
    <settings calloutType="simple">
      <text-style fieldName="{}" isExpression="1" fontSize="9" textColor="40,40,40,255">
        <text-buffer bufferDraw="1" bufferSize="0.8" bufferSizeUnits="MM" bufferColor="255,255,255,255" bufferOpacity="0.85"/>
      </text-style>
      <placement placement="0" dist="1" priority="5"/>
    </settings>
  </labeling>
)",
                          xml_escaped(label_expression));
    return fmt::format(R"qml(<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.0" styleCategories="Symbology|Labeling" labelsEnabled="{}">
{}{}</qgis>
)qml",
                       label_expression.empty() ? 0 : 1, renderer, labels);
}

/// One category per kind, each with its colour: markers or translucent fills.
std::string categorized(std::string_view field, const std::vector<std::string>& kinds, bool fills) {
    std::string categories;
    std::string symbols;
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        categories += fmt::format(R"(      <category value="{0}" label="{0}" symbol="{1}" render="true"/>)"
                                  "\n",
                                  xml_escaped(kinds[i]), i);
        Rgba c = kKindColours[i % kKindColours.size()];
        if (fills) c[3] = 64;  // a quarter opaque: the districts show through
        symbols += fills ? fill_symbol(i, c) : marker_symbol(i, c, "circle", 2.4);
    }
    return fmt::format(R"(  <renderer-v2 type="categorizedSymbol" attr="{}" symbollevels="0" forceraster="0" enableorderby="0">
    <categories>
{}    </categories>
    <symbols>
{}    </symbols>
  </renderer-v2>
)",
                       xml_escaped(field), categories, symbols);
}

}  // namespace

std::string points_minutes_qml(std::string_view minutes_field, double threshold_min) {
    // Greens within reach, reds beyond (ColorBrewer RdYlGn); not reached counts as beyond.
    const double t = threshold_min;
    const std::array<std::pair<double, double>, 5> bounds{
        {{0, t / 3}, {t / 3, 2 * t / 3}, {2 * t / 3, t}, {t, 1.5 * t}, {1.5 * t, 100000}}};
    const std::array<Rgba, 5> colours{
        {{26, 150, 65, 255}, {166, 217, 106, 255}, {255, 255, 191, 255}, {253, 174, 97, 255}, {215, 25, 28, 255}}};
    const std::array<std::string, 5> labels{fmt::format("{:.0f} min or less", t / 3),
                                            fmt::format("{:.0f}-{:.0f} min", t / 3, 2 * t / 3),
                                            fmt::format("{:.0f}-{:.0f} min", 2 * t / 3, t),
                                            fmt::format("{:.0f}-{:.0f} min", t, 1.5 * t),
                                            fmt::format("over {:.0f} min", 1.5 * t)};
    std::string ranges;
    std::string symbols;
    for (std::size_t i = 0; i < bounds.size(); ++i) {
        ranges += fmt::format(R"(      <range lower="{}" upper="{}" label="{}" symbol="{}" render="true"/>)"
                              "\n",
                              bounds[i].first, bounds[i].second, xml_escaped(labels[i]), i);
        symbols += marker_symbol(i, colours[i], "circle", 1.6);
    }
    // Points no place is reached from within the time limit have no minutes: drawn as beyond.
    const std::string field = fmt::format("coalesce(\"{}\", 100000)", minutes_field);
    return qml(fmt::format(R"(  <renderer-v2 type="graduatedSymbol" attr="{}" graduatedMethod="GraduatedColor" symbollevels="0" forceraster="0" enableorderby="0">
    <ranges>
{}    </ranges>
    <symbols>
{}    </symbols>
  </renderer-v2>
)",
                           xml_escaped(field), ranges, symbols));
}

std::string places_qml(std::string_view kind_field, const std::vector<std::string>& kinds, std::string_view name_field) {
    return qml(categorized(kind_field, kinds, false), fmt::format("\"{}\"", name_field));
}

std::string candidates_qml(std::string_view rank_field) {
    const std::string ranked = fmt::format("\"{}\" IS NOT NULL", rank_field);
    return qml(fmt::format(R"(  <renderer-v2 type="RuleRenderer" symbollevels="0" forceraster="0" enableorderby="0">
    <rules key="root">
      <rule key="ranked" filter="{}" symbol="0" label="ranked new sites"/>
      <rule key="others" filter="ELSE" symbol="1" label="other candidates"/>
    </rules>
    <symbols>
{}{}    </symbols>
  </renderer-v2>
)",
                           xml_escaped(ranked), marker_symbol(0, {128, 0, 128, 255}, "star", 4.5),
                           marker_symbol(1, {150, 150, 150, 90}, "circle", 1.2)),
               fmt::format("\"{}\"", rank_field));
}

std::string service_areas_qml(std::string_view kind_field, const std::vector<std::string>& kinds) {
    return qml(categorized(kind_field, kinds, true));
}

const std::vector<GapClass>& gap_classes() {
    static const std::vector<GapClass> classes{{0.05, {254, 237, 222}, "5% or less"},
                                               {0.15, {253, 190, 133}, "5-15%"},
                                               {0.25, {253, 141, 60}, "15-25%"},
                                               {0.35, {230, 85, 13}, "25-35%"},
                                               {1.00, {166, 54, 3}, "over 35%"}};
    return classes;
}

std::string districts_gap_qml(std::string_view share_field, std::string_view name_field) {
    // QGIS ranges take a value v when lower < v <= upper (the first also when v == lower).
    std::string ranges;
    std::string symbols;
    double lower = 0;
    const auto& classes = gap_classes();
    for (std::size_t i = 0; i < classes.size(); ++i) {
        const GapClass& c = classes[i];
        ranges += fmt::format(R"(      <range lower="{}" upper="{}" label="{}" symbol="{}" render="true"/>)"
                              "\n",
                              lower, c.upto, xml_escaped(c.label), i);
        symbols += fmt::format(R"(      <symbol type="fill" name="{}" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" pass="0" locked="0" enabled="1">
          <prop k="color" v="{},{},{},255"/>
          <prop k="style" v="solid"/>
          <prop k="outline_color" v="40,40,40,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.4"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="joinstyle" v="round"/>
        </layer>
      </symbol>
)",
                               i, c.rgb[0], c.rgb[1], c.rgb[2]);
        lower = c.upto;
    }
    return fmt::format(R"qml(<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.0" styleCategories="Symbology|Labeling" labelsEnabled="1">
  <renderer-v2 type="graduatedSymbol" attr="{0}" graduatedMethod="GraduatedColor" symbollevels="0" forceraster="0" enableorderby="0">
    <ranges>
{2}    </ranges>
    <symbols>
{3}    </symbols>
  </renderer-v2>
  <labeling type="simple">
    <settings calloutType="simple">
      <text-style fieldName="concat(&quot;{1}&quot;, ' ', format_number(100 * &quot;{0}&quot;, 0), '%')" isExpression="1" fontSize="10" fontWeight="75" textColor="40,40,40,255" namedStyle="Bold">
        <text-buffer bufferDraw="1" bufferSize="1" bufferSizeUnits="MM" bufferColor="255,255,255,255" bufferOpacity="0.85"/>
      </text-style>
      <placement placement="1" priority="5"/>
      <rendering obstacle="1"/>
    </settings>
  </labeling>
</qgis>
)qml",
                       xml_escaped(share_field), xml_escaped(name_field), ranges, symbols);
}

}  // namespace needmap::analysis::pipeline
