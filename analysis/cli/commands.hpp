#pragma once

// The `needmap` subcommands. Each registers its options on the app and runs when chosen;
// errors in input are thrown as needmap::geo::InputError and reported by main().

#include <CLI/CLI.hpp>

#include <string>

namespace needmap::cli {

/// Options every command shares.
struct Common {
    bool quiet = false;
    /// "ja" or "en" for what people read (the summary tables); from the locale when not given.
    std::string lang;
    [[nodiscard]] bool japanese() const;
};

void add_run_command(CLI::App& app, const Common& common);
void add_whatif_command(CLI::App& app, const Common& common);
void add_init_command(CLI::App& app, const Common& common);
void add_info_command(CLI::App& app, const Common& common);
void add_export_command(CLI::App& app, const Common& common);
void add_matrix_command(CLI::App& app, const Common& common);
void add_isochrone_command(CLI::App& app, const Common& common);
void add_gtfs_command(CLI::App& app, const Common& common);
void add_batch_command(CLI::App& app, const Common& common);

/// A number flag's check: a finite number from `min` to `max` (NaN and infinity are refused, as
/// every value out of range), in `unit`. Each value of a list flag is checked.
[[nodiscard]] CLI::Validator in_range(double min, double max, const std::string& unit);

/// Prints a line on stderr unless quiet.
void note(const Common& common, const std::string& line);

}  // namespace needmap::cli
