#include "needmap/analysis/pipeline/map_style.hpp"

#include <fmt/format.h>

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

}  // namespace

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
