#pragma once

// Small inline fixtures shared by the demand tests: rectangles, district sets and populations
// written out coordinate by coordinate, so that expected values can be worked out by hand.

#include "needmap/analysis/demand/districts.hpp"
#include "needmap/analysis/demand/population.hpp"
#include "needmap/geo/crs.hpp"
#include "needmap/geo/geometry.hpp"

#include <string>
#include <vector>

namespace needmap::test {

/// JGD2011 / Japan Plane Rectangular CS VI (origin 36°N 136°E), metres: Shiga, Osaka, Kyoto.
inline const geo::Crs& zone6() {
    static const geo::Crs crs = geo::Crs::from_epsg(6674);
    return crs;
}

/// The rectangle [x0, x1] × [y0, y1], counter-clockwise.
inline geo::MultiPolygon rect(double x0, double y0, double x1, double y1) {
    geo::Polygon p;
    p.outer() = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}};
    return {p};
}

struct NamedArea {
    std::string id;
    std::string name;
    geo::MultiPolygon area;
};

/// Districts made directly in zone 6, as build_districts would make them.
inline analysis::demand::Districts make_districts(const std::vector<NamedArea>& areas) {
    analysis::demand::Districts out;
    out.source = "test districts";
    out.crs = zone6();
    for (const NamedArea& a : areas) {
        analysis::demand::District d;
        d.id = a.id;
        d.name = a.name;
        d.normalised_name = analysis::demand::normalise_district_name(a.name);
        d.geometry = a.area;
        d.area_m2 = geo::area(a.area);
        out.items.push_back(std::move(d));
    }
    return out;
}

/// A population in zone 6 with the bands pop_total, pop65, pop75.
inline analysis::demand::Population make_population(
    const std::vector<std::pair<geo::Geometry, std::vector<double>>>& units) {
    analysis::demand::Population out;
    out.source = "test population";
    out.crs = zone6();
    out.bands = {"pop_total", "pop65", "pop75"};
    int i = 0;
    for (const auto& [geometry, people] : units) {
        analysis::demand::PopulationUnit u;
        u.id = "u" + std::to_string(++i);
        u.geometry = geometry;
        u.people = people;
        out.units.push_back(std::move(u));
    }
    return out;
}

}  // namespace needmap::test
