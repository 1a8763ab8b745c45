#pragma once

// Resources (salons, shops, ...) and candidate places, as points the travel times go to.

#include "needmap/analysis/demand/districts.hpp"
#include "needmap/analysis/demand/population.hpp"
#include "needmap/analysis/network/walk_network.hpp"
#include "needmap/analysis/pipeline/project.hpp"
#include "needmap/geo/crs.hpp"

#include <optional>
#include <string>
#include <vector>

namespace needmap::analysis::pipeline {

struct Site {
    std::string id;       ///< "<kind>-<n>" in file order, or the layer's id field
    std::string kind;     ///< the resource kind, or "candidate"
    std::string name;     ///< from the name field, else the id
    double capacity = 1;  ///< from the capacity field, else 1
    bool capacity_stated = false;  ///< the capacity field holds a number for it (capacitated siting)
    bool food_store = false;
    geo::Point position;                  ///< metric CRS
    std::optional<std::size_t> district;  ///< the district containing it
    network::Snap snap;
    std::string origin;  ///< "salons.csv line 4", for messages
    /// For residents' maps, where the data gives them (自治体標準オープンデータセット columns:
    /// 住所 / address, 利用可能曜日 or 開催日 / availableDate, 開始時間 / startTime and 終了時間 /
    /// endTime, or 営業時間 / openingHours).
    std::string address;
    std::string days;
    std::string hours;  ///< "10:00〜12:00"
};

/// Where sites are read from, as the project file says.
struct SiteSource {
    std::filesystem::path file;
    std::string layer;           ///< of a multi-layer source
    std::string where;           ///< the rows kept (an OGR SQL condition), all when empty
    std::string name_field;      ///< empty: no names
    std::string capacity_field;  ///< empty: capacity 1 each
};

/// The points of a layer (any point layer, or a CSV with lon/lat) as sites of `kind`, in `metric`.
/// Notes (encoding, ...) are appended to `notes`, rows left out to `warnings`.
/// @throws InputError naming the file when it has no points, or a name or capacity field is
/// missing, or a capacity is not a non-negative number (naming the row).
[[nodiscard]] std::vector<Site> read_sites(const SiteSource& source, const std::string& kind, const geo::Crs& metric,
                                           std::vector<std::string>& notes, std::vector<std::string>& warnings);

/// Candidate points every `spacing_m` metres wherever the population has elderly people: the
/// grid nodes inside each populated unit (or its centroid when no node falls inside).
[[nodiscard]] std::vector<Site> grid_candidates(const demand::Population& population, std::size_t elderly_band,
                                                double spacing_m);

/// Names grid candidates as people find them: by the nearest named place within `within_m`
/// (「いきいきサロン本町の北東 350 m」), else by latitude and longitude (「北緯35.5412 東経136.5423」).
/// Positions are in `metric`.
void name_by_nearest_place(std::vector<Site>& candidates, const std::vector<Site>& places, const geo::Crs& metric,
                           double within_m = 1500);

/// Sets each site's district (point in polygon) and snap.
void place_sites(std::vector<Site>& sites, const demand::Districts& districts, const network::WalkNetwork& streets,
                 double max_snap_m);

}  // namespace needmap::analysis::pipeline
