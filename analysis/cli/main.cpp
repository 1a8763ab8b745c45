// needmap: access to salons and shops for older residents, per junior-high-school district.

#include "commands.hpp"
#include "summary.hpp"
#include "needmap/geo/error.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <exception>
#include <string>

namespace needmap::cli {

bool Common::japanese() const {
    return lang.empty() ? japanese_locale() : lang == "ja";
}

void note(const Common& common, const std::string& line) {
    if (!common.quiet) fmt::print(stderr, "{}\n", line);
}

CLI::Validator in_range(double min, double max, const std::string& unit) {
    return CLI::Validator(
        [=](std::string& text) -> std::string {
            double v = 0;
            std::size_t used = 0;
            try {
                v = std::stod(text, &used);
            } catch (const std::exception&) {
                used = 0;
            }
            if (used == 0 || used != text.size()) return fmt::format("\"{}\" is not a number ({})", text, unit);
            // Written so that NaN, which compares false with everything, fails too.
            if (!(std::isfinite(v) && v >= min && v <= max))
                return fmt::format("{} is not a number from {} to {} ({})", text, min, max, unit);
            return {};
        },
        fmt::format("{} to {} {}", min, max, unit));
}

}  // namespace needmap::cli

int main(int argc, char** argv) {
    using namespace needmap;
    CLI::App app{
        "needmap: who cannot reach a salon or a shop within 30 minutes on foot or by bus, per "
        "junior-high-school district, and where a new one would help most."};
    app.name("needmap");
    app.set_version_flag("--version", "needmap " NEEDMAP_VERSION);
    app.require_subcommand(1);
    app.fallthrough();  // --quiet after the subcommand too
    cli::Common common;
    app.add_flag("-q,--quiet", common.quiet, "Print nothing but errors");
    app.add_option("--lang", common.lang, "ja or en: the language of the summary tables (default: from the locale)")
        ->check(CLI::IsMember({"ja", "en"}));
    cli::add_run_command(app, common);
    cli::add_whatif_command(app, common);
    cli::add_init_command(app, common);
    cli::add_info_command(app, common);
    cli::add_export_command(app, common);
    cli::add_matrix_command(app, common);
    cli::add_isochrone_command(app, common);
    cli::add_gtfs_command(app, common);
    cli::add_batch_command(app, common);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // --help and --version are "errors" that succeed; anything else is a usage error: exit 1.
        const int code = app.exit(e);
        return code == 0 ? 0 : 1;
    } catch (const geo::InputError& e) {
        fmt::print(stderr, "needmap: error: {}\n", e.what());
        return 1;
    } catch (const std::exception& e) {
        fmt::print(stderr, "needmap: internal error: {}\n", e.what());
        return 2;
    }
    return 0;
}
