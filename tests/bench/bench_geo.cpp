// Reading real layers: the fixed cost every run pays before any analysis.

#include "bench.hpp"
#include "needmap/geo/estat.hpp"
#include "needmap/geo/layer_io.hpp"

#include <fmt/format.h>

namespace needmap::bench {

void bench_geo(Table& table) {
    if (auto ube = shared_data("ube-osm-walk")) {
        std::size_t n = 0;
        const double s =
            best_seconds(3, [&] { n = geo::read_layer(*ube / "ube_walk_edges_osm_only.gpkg").features.size(); });
        table.add({"read Ube walk edges (GeoPackage)", fmt::format("{:.3f} s", s), "", fmt::format("{} lines", n)});
    }
    if (auto osaka = shared_data("estat-smallarea-osaka")) {
        const double s = best_seconds(3, [&] {
            geo::Layer areas = geo::read_layer(*osaka / "daito_boundary" / "大東市.shp");
            const geo::EstatTable t = geo::read_estat_table(*osaka / "tblT001082C27.csv");
            const geo::EstatField f[] = {{"T001082019", "pop65"}};
            (void)geo::join_by_key(areas, "KEY_CODE", t, f);
        });
        table.add({"read 大東市 areas + T001082 (10,617 rows), join", fmt::format("{:.3f} s", s), "", ""});
    }
    if (auto a32 = shared_data("a32-shiga")) {
        const double s = best_seconds(3, [&] {
            const geo::Layer l = geo::read_layer(*a32 / "A32-16_25.geojson");
            (void)geo::reproject(l, geo::choose_metric_crs(geo::centre_lon_lat(l)).crs);
        });
        table.add({"read A32 Shiga, reproject to zone VI", fmt::format("{:.3f} s", s), "", ""});
    }
}

}  // namespace needmap::bench
