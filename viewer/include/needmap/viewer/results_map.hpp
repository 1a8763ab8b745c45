#pragma once

// A thematic map of a needmap results GeoPackage, for one kind of place, as a council sees it:
// districts shaded by the share of older people beyond the threshold, the kind's walking service
// area, its places, and the ranked new sites; with title, legend, scale bar, north arrow and
// attribution. Drawn with QPainter, so the same map goes to a window, a PNG or a PDF.

#include "needmap/analysis/pipeline/results.hpp"
#include "needmap/geo/layer.hpp"
#include "needmap/viewer/choropleth.hpp"
#include "needmap/viewer/layer_paths.hpp"

#include <QColor>
#include <QCoreApplication>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QRectF>
#include <QSize>

#include <filesystem>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

namespace needmap::viewer {

struct ResultsMapOptions {
    std::string kind;  ///< empty: the first kind of the run
    bool show_service_area = true;
    bool show_uncovered = true;    ///< dots where older people live beyond the threshold
    std::size_t ranked_sites = 5;  ///< candidate sites shown, best first
    std::string focus_district;    ///< a district's id: the map shows it (and what is around it)
    bool title = true;             ///< false: no title and subtitle (the map sits in a report page)
    bool show_buses = true;        ///< bus routes and stops, quietly, where the run has buses
    /// Every demand point coloured by the minutes to the nearest place (instead of dots only where
    /// older people live beyond the threshold).
    bool demand_minutes = false;
    /// Width over height of the page the map will be drawn on, when known (reports): what lies
    /// beyond the map's frame there is cut off, so a district's page does not carry the town.
    double page_aspect = 0;
    /// A district's id: its places of every kind are drawn numbered 1, 2, ... in the results'
    /// order (as a report lists them), instead of the kind's places.
    std::string number_places_in;
    bool place_names = true;  ///< the places' names beside them, where they fit (not on a report's small maps)
    /// Text, legend and symbols this many times the size the box's height alone would give them:
    /// a map in a wide, low box of a report page stays readable (its legend has the room).
    double text_scale = 1.0;
    /// The districts' figure that shades them (district_fields' keys), and how it is classed;
    /// Policy applies to shares only (other figures take quantiles).
    std::string field = "gap_share";
    Classing classing = Classing::Policy;
    std::size_t classes = 5;  ///< 2..7, for the classings other than Policy
};

/// The paper a map is exported to.
struct PageSetup {
    QPageSize::PageSizeId paper = QPageSize::A4;
    QPageLayout::Orientation orientation = QPageLayout::Landscape;
    int dpi = 150;
    QSize pixels;  ///< PNG: this size instead of the paper's at `dpi`

    /// The PNG's pixels: `pixels`, or the paper at `dpi`.
    [[nodiscard]] QSize png_size() const;
};

/// One layer of the map, as the layer panel sets it; drawn bottom first.
struct MapLayer {
    std::string id;  ///< "districts", "service_area", "buses", "demand", "places", "sites", or a file's
    QString name;    ///< in the reader's language
    bool visible = true;
    double opacity = 1;  ///< 0..1
};

/// What is selected (in an attribute table, or by a click): indices into the results' districts,
/// places and candidates. Drawn outlined.
struct MapSelection {
    std::vector<std::size_t> districts;
    std::vector<std::size_t> places;
    std::vector<std::size_t> candidates;
};

/// The colour of a demand point by its minutes to the nearest place (demand_minutes).
[[nodiscard]] QColor minutes_colour(double minutes, double threshold);

/// "needmap; <the data's attributions>", as every map and report page carries it.
[[nodiscard]] std::string attribution_text(const analysis::pipeline::RunInfo& info);

/// How the run measured, in the reader's language: 「歩き＋バス・2026年5月13日 9:00〜11:00発、…」.
[[nodiscard]] QString measured_by(const analysis::pipeline::RunInfo& info);

/// The colour of a share of older people beyond the threshold.
[[nodiscard]] QColor gap_colour(double share);  // by analysis::pipeline::gap_classes()

class ResultsMap {
    Q_DECLARE_TR_FUNCTIONS(ResultsMap)

public:
    /// The map of results in memory (a run's, or a scenario's).
    /// @throws geo::InputError when the results have no such kind.
    static ResultsMap from(const analysis::pipeline::Results& results, const ResultsMapOptions& options = {});
    /// A map of GIS layers alone, without results (any GIS file opened in the viewer), titled
    /// `title`, in a metric CRS chosen for where they lie; each layer in its own colour.
    /// @throws geo::InputError when no layer has a coordinate system and features.
    static ResultsMap of_layers(const std::string& title, const std::vector<std::pair<std::string, geo::Layer>>& layers);
    /// Reads a results GeoPackage (read_results).
    /// @throws geo::InputError when the file is not needmap's results of this schema, or has no such kind.
    static ResultsMap load(const std::filesystem::path& gpkg, const ResultsMapOptions& options = {});

    /// Draws the whole page (map, legend, title, scale bar, north arrow, attribution) into `page`.
    /// A stop request leaves the page half drawn (a render job's cancel); returns false then.
    /// A layer that fails to draw is left out and said in `errors` ("<layer>: <why>"), the rest drawn.
    bool render(QPainter& painter, const QRectF& page, std::stop_token stop = {},
                std::vector<std::string>* errors = nullptr) const;
    /// Writes the page as PNG or PDF by the file's extension, on `page`'s paper (PNG: at its dpi,
    /// or its pixels where given).
    /// @throws geo::InputError when the file cannot be written or is neither .png nor .pdf.
    void save(const std::filesystem::path& path, const PageSetup& page = {}) const;

    /// The layers, bottom first; set_layers() takes their visibility, opacity and order (unknown
    /// ids are left out, layers not named keep their place on top).
    [[nodiscard]] const std::vector<MapLayer>& layers() const { return m_layers; }
    void set_layers(const std::vector<MapLayer>& layers);
    /// Adds another GIS layer (any CRS; drawn in the results' CRS) as a quiet basemap layer
    /// above the districts. @throws geo::InputError when the layer has no CRS.
    void add_file_layer(const std::string& name, const geo::Layer& layer);
    void add_file_layer(const std::string& name, const geo::Layer& layer, const QColor& colour);
    void select(MapSelection selection) { m_selection = std::move(selection); }
    [[nodiscard]] const MapSelection& selection() const { return m_selection; }

    /// The shading: its figure, the classes' upper bounds and colours, each district's colour.
    [[nodiscard]] const DistrictField& field() const { return m_field; }
    [[nodiscard]] const std::vector<double>& breaks() const { return m_breaks; }
    [[nodiscard]] QColor district_colour(std::size_t district) const;

    [[nodiscard]] const std::vector<std::string>& kinds() const { return m_kinds; }
    [[nodiscard]] const std::string& kind() const { return m_kind; }
    /// Where in `page` the map itself is drawn, and its transform from map metres to page units.
    [[nodiscard]] QRectF map_frame(const QRectF& page) const;
    [[nodiscard]] QTransform map_transform(const QRectF& page) const;
    /// A point of the page in map metres (the results' CRS).
    [[nodiscard]] QPointF to_map(const QRectF& page, QPointF at) const;

    /// Where the map looks: `centre` in map metres (none: the middle of the whole map), and `zoom`
    /// times the scale at which the whole map fits (1), kept between 0.2 and 200.
    void set_view(std::optional<QPointF> centre, double zoom);
    /// Looks at `area` (map metres) whole, as large as the frame allows.
    void look_at(const QRectF& area);
    [[nodiscard]] std::optional<QPointF> view_centre() const { return m_centre; }
    [[nodiscard]] double zoom() const { return m_zoom; }

private:
    struct District {
        FeatureShape shape;
        std::string name;
        std::optional<double> value;  ///< of the field shaded
        QPointF label_at;
        bool small_base = false;  ///< too few older people for its shares to be a finding: marked *
    };
    struct Marker {
        QPointF at;
        std::string name;
        int rank = 0;           ///< candidates only
        std::size_t index = 0;  ///< in the results' places or candidates
        bool added = false;     ///< a place the scenario adds
    };
    struct FileLayer {
        std::string id;
        std::vector<FeatureShape> shapes;
        QColor colour;  ///< of its outlines and points (areas a paler fill of it)
    };

    void draw_layer(QPainter& p, const MapLayer& layer, const QTransform& t, const QRectF& visible,
                    double unit) const;
    void draw_legend(QPainter& p, const QRectF& page, const QRectF& frame, double unit) const;
    /// A page much taller than wide (a portrait sheet) with a title: the legend goes under the map.
    [[nodiscard]] bool portrait(const QRectF& page) const;

    /// How the run measured, in the reader's language: "on foot and by bus, leaving ...".
    [[nodiscard]] QString mode_text() const;

    analysis::pipeline::RunInfo m_info;
    std::string m_kind;
    std::vector<std::string> m_kinds;
    std::vector<District> m_districts;
    std::vector<FeatureShape> m_service_area;
    std::vector<Marker> m_places;
    std::vector<Marker> m_numbered;  ///< number_places_in: rank holds the number
    std::vector<Marker> m_sites;
    std::vector<QPointF> m_uncovered;  ///< demand points beyond the threshold
    std::vector<std::pair<QPointF, double>> m_minutes;  ///< demand points and their minutes (demand_minutes)
    std::vector<FeatureShape> m_bus_routes;
    std::vector<QPointF> m_bus_stops;
    std::vector<FileLayer> m_files;
    std::vector<MapLayer> m_layers;
    MapSelection m_selection;
    DistrictField m_field;  ///< without its values (the districts hold them)
    std::vector<double> m_breaks;
    double m_value_min = 0;  ///< the least value of the field: where the first class starts
    std::vector<QColor> m_colours;
    geo::Crs m_crs;
    QRectF m_extent;  ///< map metres
    bool m_title = true;
    double m_text_scale = 1.0;
    bool m_place_names = true;
    std::optional<QPointF> m_centre;
    double m_zoom = 1;
};

}  // namespace needmap::viewer
