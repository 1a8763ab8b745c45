// `needmap export IN --layer L --format shp|geojson|csv|gpkg [--encoding utf-8|cp932] -o OUT`.

#include "commands.hpp"
#include "needmap/geo/error.hpp"
#include "needmap/geo/layer_io.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <optional>

namespace needmap::cli {

void add_export_command(CLI::App& app, const Common& common) {
    struct Options {
        std::string input;
        std::string layer;
        std::string format;
        std::string encoding = "utf-8";
        std::string output;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "export", "Copy a layer (of needmap's results, or any GIS file) to Shapefile, GeoJSON, CSV or GeoPackage");
    cmd->add_option("input", options->input, "GeoPackage of results, or any GIS file")->required();
    cmd->add_option("--layer", options->layer, "Layer to export (needed when the file has several)");
    cmd->add_option("--format", options->format, "shp, geojson, csv or gpkg (default: from the output name)");
    auto* encoding = cmd->add_option("--encoding", options->encoding,
                                     "Shapefile text encoding: utf-8 (default) or cp932 for older Japanese GIS software");
    cmd->add_option("-o,--output", options->output, "Output file")->required();
    cmd->callback([options, encoding, &common] {
        // What cannot be meant is refused before anything is read or written.
        std::error_code ec;
        if (std::filesystem::exists(options->output) &&
            std::filesystem::equivalent(options->input, options->output, ec))
            throw geo::InputError(fmt::format("-o {} is the input itself: write to another file", options->output));
        std::optional<geo::Format> by_name;  // none for a name without a known extension
        try {
            by_name = geo::format_of(options->output);
        } catch (const geo::InputError&) {
        }
        if (!options->format.empty() && by_name && geo::parse_format(options->format) != *by_name)
            throw geo::InputError(fmt::format("--format {} with -o {}: the file name says another format; name the "
                                              "file for its format (.shp, .geojson, .csv, .gpkg)",
                                              options->format, options->output));
        const auto format = options->format.empty() ? by_name : std::optional(geo::parse_format(options->format));
        if (encoding->count() > 0 && format && *format != geo::Format::Shapefile)
            throw geo::InputError(fmt::format("--encoding is for Shapefiles (their .dbf text); {} is not one",
                                              options->output));
        geo::ReadOptions read;
        read.layer = options->layer;
        read.allow_empty = true;
        const geo::Layer layer = geo::read_layer(options->input, read);
        geo::WriteOptions write;
        if (!options->format.empty()) write.format = geo::parse_format(options->format);
        write.encoding = geo::parse_encoding(options->encoding);
        const geo::WriteReport report = geo::write_layers(options->output, std::span(&layer, 1), write);
        for (const auto& [from, to] : report.renamed_fields)
            note(common, fmt::format("field \"{}\" is \"{}\" in the Shapefile (10-byte limit)", from, to));
        for (const auto& n : report.notes) note(common, n);
        note(common,
             fmt::format("wrote {} features of \"{}\" to {}", layer.features.size(), layer.name, options->output));
    });
}

}  // namespace needmap::cli
