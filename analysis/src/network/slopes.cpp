#include "needmap/analysis/network/slopes.hpp"

#include "needmap/geo/error.hpp"

#include <boost/geometry/algorithms/covered_by.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace needmap::analysis::network {

double tobler_factor(double rise_per_run) {
    // Level speed over the speed on this gradient: exp(3.5 |S + 0.05|) / exp(3.5 x 0.05).
    return std::exp(3.5 * (std::abs(rise_per_run + 0.05) - 0.05));
}

WalkNetwork with_slopes(const WalkNetwork& network, const geo::Raster& dem, SlopeReport& report,
                        const SlopeOptions& options) {
    report = {};
    // Where to sample: every vertex, and along each level stretch at most sample_m apart.
    struct Stretch {
        std::uint32_t first_sample;  ///< into the samples; the stretch's pieces lie between them
        std::uint32_t pieces;        ///< 0 for steps (their effort stays as it is)
    };
    std::vector<Stretch> stretches;
    std::vector<geo::Point> samples;
    for (const Edge& e : network.edges()) {
        const auto points = network.geometry(EdgeId(static_cast<std::uint32_t>(&e - network.edges().data())));
        const auto efforts = network.geometry_effort(EdgeId(static_cast<std::uint32_t>(&e - network.edges().data())));
        for (std::size_t k = 0; k + 1 < points.size(); ++k) {
            const double length = std::hypot(points[k + 1].x - points[k].x, points[k + 1].y - points[k].y);
            const double effort = efforts[k + 1] - efforts[k];
            // Level ways have an effort of their length (decimetres); steps weigh more.
            const bool steps = std::abs(effort - 10 * length) > 0.01 * 10 * length + 1;
            Stretch s{static_cast<std::uint32_t>(samples.size()), 0};
            if (!steps && length > 0) {
                s.pieces = static_cast<std::uint32_t>(std::max(1.0, std::ceil(length / options.sample_m)));
                for (std::uint32_t i = 0; i <= s.pieces; ++i) {
                    const double t = static_cast<double>(i) / s.pieces;
                    samples.push_back({points[k].x + t * (points[k + 1].x - points[k].x),
                                       points[k].y + t * (points[k + 1].y - points[k].y)});
                }
            }
            stretches.push_back(s);
        }
    }
    std::vector<geo::Point> in_dem = samples;
    geo::Transformer(network.crs(), dem.crs()).transform(in_dem);
    std::vector<std::optional<double>> height(in_dem.size());
    const geo::Box box = dem.extent();
    std::size_t inside = 0;
    for (std::size_t i = 0; i < in_dem.size(); ++i) {
        if (std::isfinite(in_dem[i].x) && boost::geometry::covered_by(in_dem[i], box)) ++inside;
        height[i] = dem.sample(in_dem[i]);
    }
    report.samples = samples.size();
    report.samples_no_data =
        static_cast<std::size_t>(std::count_if(height.begin(), height.end(), [](const auto& h) { return !h; }));
    if (!samples.empty() && inside == 0)
        throw geo::InputError(fmt::format(
            "the elevation model covers none of the streets (its extent {:.4f}, {:.4f} to {:.4f}, {:.4f} in {}): give a "
            "model of this town",
            box.min_corner().x, box.min_corner().y, box.max_corner().x, box.max_corner().y, dem.crs().label()));
    if (!samples.empty() && report.samples_no_data == samples.size())
        throw geo::InputError("the elevation model has no data under any of the streets (every cell there is its "
                              "no-data value): give a model with heights for this town");

    // New efforts, stretch by stretch: forward from each edge's start, and back to it.
    std::vector<Edge> edges(network.edges().begin(), network.edges().end());
    std::vector<geo::Point> points;
    std::vector<float> forward;
    std::vector<float> back;
    std::size_t at = 0;  // stretch
    for (Edge& e : edges) {
        const EdgeId id(static_cast<std::uint32_t>(&e - edges.data()));
        const auto geometry = network.geometry(id);
        const auto efforts = network.geometry_effort(id);
        double f = 0;
        double b = 0;
        points.push_back(geometry[0]);
        forward.push_back(0);
        back.push_back(0);
        for (std::size_t k = 0; k + 1 < geometry.size(); ++k, ++at) {
            const Stretch& s = stretches[at];
            double up = efforts[k + 1] - efforts[k];  // steps, or a level stretch without heights
            double down = up;
            if (s.pieces > 0) {
                const double piece = std::hypot(geometry[k + 1].x - geometry[k].x, geometry[k + 1].y - geometry[k].y) /
                                     s.pieces;
                up = down = 0;
                for (std::uint32_t i = 0; i < s.pieces; ++i) {
                    const auto& h0 = height[s.first_sample + i];
                    const auto& h1 = height[s.first_sample + i + 1];
                    const double gradient = h0 && h1 && piece > 0 ? (*h1 - *h0) / piece : 0.0;
                    report.steepest = std::max(report.steepest, std::abs(gradient));
                    const double floor = options.downhill_gain ? 0.0 : 1.0;
                    up += 10 * piece * std::max(floor, tobler_factor(gradient));
                    down += 10 * piece * std::max(floor, tobler_factor(-gradient));
                }
                report.level_km += piece * s.pieces / 1000;
                report.effort_up_km += up / 10000;
                report.effort_down_km += down / 10000;
            }
            f += up;
            b += down;
            points.push_back(geometry[k + 1]);
            forward.push_back(static_cast<float>(f));
            back.push_back(static_cast<float>(b));
        }
        const EffortDm old_forward = e.effort;
        const EffortDm old_back = e.effort_back;
        e.first_point = static_cast<std::uint32_t>(points.size() - geometry.size());
        e.effort = static_cast<EffortDm>(std::lround(f));
        e.effort_back = static_cast<EffortDm>(std::lround(b));
        forward.back() = static_cast<float>(e.effort);
        back.back() = static_cast<float>(e.effort_back);
        if (e.effort != old_forward || e.effort_back != old_back) ++report.edges;
    }
    std::vector<geo::Point> nodes;
    for (std::uint32_t n = 0; n < network.node_count(); ++n) nodes.push_back(network.node(NodeId(n)));
    return WalkNetwork(network.crs(), std::move(nodes), std::move(edges), std::move(points), std::move(forward),
                       std::move(back));
}

}  // namespace needmap::analysis::network
