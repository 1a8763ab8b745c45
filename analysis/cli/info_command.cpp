// `needmap info FILE...`: what needmap reads from a file, before any analysis.

#include "commands.hpp"
#include "needmap/geo/layer_io.hpp"

#include <fmt/format.h>

#include <vector>

namespace needmap::cli {
namespace {

std::string_view type_name(geo::FieldType t) {
    switch (t) {
        case geo::FieldType::Integer:
            return "integer";
        case geo::FieldType::Real:
            return "real";
        case geo::FieldType::String:
            return "text";
    }
    return "?";
}

void describe(const geo::Layer& layer) {
    fmt::print("{}  layer \"{}\"\n", layer.source, layer.name);
    fmt::print("  driver     {}\n", layer.report.driver);
    fmt::print("  features   {} ({})\n", layer.features.size(), geo::to_string(layer.geometry_kind));
    fmt::print("  CRS        {}\n", layer.crs.label());
    fmt::print("  text       {}\n", layer.report.encoding);
    if (const auto box = layer.extent(); box && !layer.crs.empty()) {
        const geo::Point centre = geo::centre_lon_lat(layer);
        fmt::print("  extent     {:.6f}, {:.6f} - {:.6f}, {:.6f} (layer units)\n", box->min_corner().x,
                   box->min_corner().y, box->max_corner().x, box->max_corner().y);
        fmt::print("  metric CRS {}\n", geo::choose_metric_crs(centre).reason);
    }
    fmt::print("  fields     ");
    for (std::size_t i = 0; i < layer.fields.size(); ++i)
        fmt::print("{}{} ({})", i == 0 ? "" : ", ", layer.fields[i].name, type_name(layer.fields[i].type));
    fmt::print("\n");
    for (const auto& n : layer.report.notes) fmt::print("  note       {}\n", n);
    for (const auto& w : layer.report.warnings) fmt::print("  WARNING    {}\n", w);
}

}  // namespace

void add_info_command(CLI::App& app, const Common& common) {
    struct Options {
        std::vector<std::string> files;
        std::string layer;
        std::string encoding;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("info",
                                       "Show what needmap reads from GIS files: features, CRS, text "
                                       "encoding, fields, repairs and skipped rows");
    cmd->add_option("files", options->files, "Shapefile, GeoPackage, GeoJSON, CSV or XLSX files")->required();
    cmd->add_option("--layer", options->layer, "Layer to read from a multi-layer file (default: all)");
    cmd->add_option("--encoding", options->encoding, "Text encoding of a DBF or CSV: utf-8 or cp932 (default: detect)");
    cmd->callback([options, &common] {
        (void)common;
        geo::ReadOptions read;
        if (!options->encoding.empty()) read.encoding = geo::parse_encoding(options->encoding);
        read.allow_empty = true;
        for (const auto& file : options->files) {
            std::vector<std::string> names{options->layer};
            if (options->layer.empty()) names = geo::list_layers(file);
            for (const auto& name : names) {
                read.layer = names.size() > 1 || !options->layer.empty() ? name : "";
                describe(geo::read_layer(file, read));
            }
        }
    });
}

}  // namespace needmap::cli
