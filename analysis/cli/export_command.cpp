// `needmap export IN --layer L --format shp|geojson|csv|gpkg [--encoding utf-8|cp932] [--headers ja] -o OUT`.
// A layer of needmap's results goes out with the schema's short names in a Shapefile (listed in
// "<name>_fields.csv" beside it), and as whole people and percentages in a CSV.

#include "commands.hpp"
#include "needmap/analysis/pipeline/results_export.hpp"
#include "needmap/analysis/pipeline/results_io.hpp"
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
        std::string headers = "names";
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
    cmd->add_option("--headers", options->headers,
                    "CSV headers of needmap's results: names (default) or ja (their Japanese labels)");
    cmd->add_option("-o,--output", options->output, "Output file")->required();
    cmd->callback([options, encoding, &common] {
        namespace pipeline = analysis::pipeline;
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
        if (options->headers != "names" && options->headers != "ja")
            throw geo::InputError(fmt::format("--headers {}: use names or ja", options->headers));
        const bool japanese = options->headers == "ja";
        if (japanese && format != geo::Format::Csv)
            throw geo::InputError(fmt::format(
                "--headers ja is for CSV; {} is not one: a Shapefile keeps names of 10 bytes (their Japanese "
                "labels are in the _fields.csv written beside it), a GeoPackage keeps the labels as field "
                "aliases, which QGIS shows; leave out --headers",
                options->output));
        geo::ReadOptions read;
        read.layer = options->layer;
        read.allow_empty = true;
        geo::Layer layer = geo::read_layer(options->input, read);
        // A layer of needmap's results is named by the results schema of the file's version.
        std::optional<std::vector<pipeline::schema::NamedField>> named;
        if (const auto names = pipeline::read_run_names(options->input)) named = pipeline::named_fields(layer, *names);
        if (japanese && !named)
            throw geo::InputError(fmt::format(
                "--headers ja: layer \"{}\" of {} is not a layer of needmap results (of results schema version "
                "{}), so its fields have no Japanese labels; leave out --headers",
                layer.name, options->input, pipeline::schema::kVersion));
        if (!named && !pipeline::schema::layer_fields(layer.name, {}).empty())
            note(common, fmt::format("{} is not needmap results of schema version {}: the fields of \"{}\" are "
                                     "written as those of any file; run needmap run again for needmap's short "
                                     "names and labels",
                                     options->input, pipeline::schema::kVersion, layer.name));
        geo::WriteOptions write;
        if (!options->format.empty()) write.format = geo::parse_format(options->format);
        write.encoding = geo::parse_encoding(options->encoding);
        if (named && format == geo::Format::Shapefile) pipeline::name_shapefile_fields(*named, write);
        if (named && format == geo::Format::Csv)
            layer = pipeline::csv_for_people(std::move(layer), *named,
                                             japanese ? pipeline::Headers::Labels : pipeline::Headers::Names);
        const geo::WriteReport report = geo::write_layers(options->output, std::span(&layer, 1), write);
        if (named && format == geo::Format::Shapefile)
            note(common,
                 fmt::format("field names are needmap's short names (a Shapefile holds 10 bytes); {}_fields.csv "
                             "beside it lists them with their full names and Japanese labels",
                             std::filesystem::path(options->output).stem().string()));
        else
            for (const auto& [from, to] : report.renamed_fields)
                note(common, fmt::format("field \"{}\" is \"{}\" in the Shapefile (10-byte limit)", from, to));
        if (named && format == geo::Format::Csv)
            note(common,
                 "people are rounded to whole people, minutes to 0.1 and shares given as percentages (_pct, to 0.1)");
        for (const auto& n : report.notes) note(common, n);
        note(common,
             fmt::format("wrote {} features of \"{}\" to {}", layer.features.size(), layer.name, options->output));
    });
}

}  // namespace needmap::cli
