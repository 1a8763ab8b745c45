#include "needmap/analysis/pipeline/project.hpp"

namespace needmap::analysis::pipeline {

std::string_view project_template() {
    return R"TOML(# needmap project file. Paths are relative to this file. Lines starting with # are comments.
# Run it with:  needmap run project.toml -o results.gpkg

[project]
name = "○○町 生活支援体制整備 2026"
# crs = "EPSG:6674"   # metric CRS for distances; default: chosen from the districts' location
# attribution = ["出典：○○町オープンデータ"]   # credits the maps and reports print, beside needmap's own

# Districts (日常生活圏域): the junior-high-school districts, 国土数値情報 A32 by default.
[districts]
file = "districts/A32-21_00.geojson"
# municipality = "00000"   # keep one municipality's districts (行政区域コード)
# id_field = ""            # for any other polygon layer: its id and name fields ("fid": a GeoPackage's own ids)
# name_field = ""
# where = "A32_001 = '21999'"   # keep the features that match (a QGIS-style filter)
# No district polygons? Instead of file: one point per district (校区 ふれあいセンター, schools),
# each district the area nearest its point, within the town's boundary (国土数値情報 N03):
# centres = "facilities/centres.csv"
# boundary = "boundary/N03-21_00.geojson"   # without it: populated cells within reach (metres) of a centre
# reach = 2000

# Elderly population by age band.
[population]
type = "mesh"              # "mesh" (e-Stat mesh CSV), "small_area" (table + boundaries) or "layer"
file = "population/tblT001141H0000.zip"   # as downloaded; several: ["tblT001141H5031.zip", "tblT001141H5131.zip"]
# boundaries = "population/r2ka00000.shp"   # small_area: the boundary layer, joined by KEY_CODE
# key_field = "KEY_CODE"
elderly_band = "pop65"     # the band the survey rates apply to
[population.bands]         # band name = e-Stat column code or label, e.g. "７５歳以上人口　総数" (or a layer field)
pop_total = "T001141001"
pop65 = "T001141019"
pop75 = "T001141022"

# The needs survey (介護予防・日常生活圏域ニーズ調査): per district, or per respondent.
[survey]
type = "district"          # "district" or "respondent"
file = "survey/needs_by_district.csv"
key = "district"           # district column: its id or name (full/half width and 中学校区 suffixes are fine)
respondents = "respondents"   # district surveys: the number of respondents
# For per-respondent files, exactly one of: key = "district", mesh = "mesh_code", or lon = "lon" and lat = "lat".
min_respondents = 30       # districts with fewer are flagged: small samples are noise

[[survey.needs]]
name = "買物困難"           # the need kind: names the output fields
column = "shopping_difficulty"
measure = "count"          # district surveys: "count", "rate" (0..1) or "percent"

[[survey.needs]]
name = "通いの場参加意向"
column = "salon_interest"
measure = "count"

# Resources by kind. Each kind serves one need kind of the survey.
[[resources]]
kind = "salon"             # サロン・通いの場
file = "resources/salons.csv"   # any point layer, or a CSV with lon/lat (緯度/経度) columns
# where = "市区町村コード = 00000"   # a prefecture-wide list: keep the town's rows
need = "通いの場参加意向"
name_field = "名称"
# capacity_field = "定員"    # for the supply/demand ratio (2SFCA); 1 per resource when absent

[[resources]]
kind = "shop"
file = "resources/shops.csv"
need = "買物困難"
name_field = "name"
food_store = true          # counts as a food store for the national yardstick (農水省 食料品アクセス困難人口)

# Streets for walking: an OpenStreetMap extract, or a road line layer.
[streets]
osm = "streets/town.osm.pbf"
# network = "streets/roads.shp"

# Buses (optional): GTFS-JP feeds. Without [transit], access is on foot only.
[transit]
gtfs = ["gtfs/community-bus.zip"]
departure = "2026-05-13T09:00"   # a weekday the buses run; the window starts here
# arrive_by = "2026-05-13T10:00"  # instead of departure: be there by then (a salon opening at 10:00); the
                                  # time counts from the latest departure that makes it; window 1 by default
window = 120               # minutes of departures, one a minute
percentile = 50            # of travel time across the window
max_walk_to_stop = 800     # metres
max_rides = 3

# Candidate places for new sites: a layer of real places, or a grid over populated land.
[candidates]
file = "candidates/community_halls.csv"   # 公民館, 集会所, vacant shops ...
name_field = "名称"
# grid = 250               # instead of file: candidate points every 250 m where people live
kinds = ["salon", "shop"]  # which kinds to site

[parameters]
threshold = 30             # minutes: the 日常生活圏域 model
walk_speed = 3.0           # km/h, for older walkers
max_snap = 500             # metres: points farther from a walkable way are reported unreachable
new_sites = 3              # per kind
# siting = "lscp"         # instead of new_sites: the fewest new sites that bring cover_share of the need within
# cover_share = 0.9        # the threshold ("mclp", the default: the most need covered by new_sites sites)
                           # or "p-median" (least need-weighted time to the nearest), "capacitated" (most need
# site_capacity = 30       # served, a place serving at most its capacity: capacity_field, else this many people)
                           # or "backup" (need within reach of a second place counts again)
# decay = "gaussian"       # graded access (E2SFCA): a place weighs less the longer it takes, to 0 at the
                           # threshold: "step", "linear", "exponential", "logistic" or "gaussian"
# decay_parameter = 15     # minutes (Gaussian and logistic sd; default half the threshold), or per minute (exponential)
# cutoffs = [15, 30, 45]   # cumulative opportunities: places within each (minutes; the default), per point,
                           # and the share of older people reaching one, per district
# no_car_share = 0.4       # share of people 65+ who cannot use a car (national yardstick)
# no_car_need = "自動車利用不可"   # ... or a need kind of the survey that says so
)TOML";
}

}  // namespace needmap::analysis::pipeline
