#include "needmap/viewer/choropleth.hpp"

#include "detail/paper.hpp"

#include "needmap/analysis/pipeline/map_style.hpp"
#include "needmap/analysis/pipeline/results.hpp"
#include "needmap/geo/error.hpp"

#include <QCoreApplication>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace needmap::viewer {
namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("Choropleth", text);
}

/// Jenks' natural breaks, exactly: Fisher's dynamic programme over the distinct values, each
/// weighted by how often it occurs (so that equal values never fall into two classes).
std::vector<double> natural_breaks(const std::vector<double>& sorted, std::size_t classes) {
    std::vector<double> x;
    std::vector<double> w;
    for (const double v : sorted) {
        if (x.empty() || v != x.back()) {
            x.push_back(v);
            w.push_back(0);
        }
        w.back() += 1;
    }
    const std::size_t n = x.size();
    if (n <= classes) return x;
    // Prefix sums of weight, weighted value and weighted square: the squared deviation of x[i..j].
    std::vector<double> sw(n + 1, 0), swx(n + 1, 0), swxx(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
        sw[i + 1] = sw[i] + w[i];
        swx[i + 1] = swx[i] + w[i] * x[i];
        swxx[i + 1] = swxx[i] + w[i] * x[i] * x[i];
    }
    const auto cost = [&](std::size_t i, std::size_t j) {  // x[i..j], inclusive
        const double s = sw[j + 1] - sw[i];
        const double sx = swx[j + 1] - swx[i];
        return std::max(0.0, swxx[j + 1] - swxx[i] - sx * sx / s);
    };
    constexpr double kInf = std::numeric_limits<double>::infinity();
    // best[c][j]: the least cost of x[0..j] in c + 1 classes; first[c][j]: where its last class starts.
    std::vector<std::vector<double>> best(classes, std::vector<double>(n, kInf));
    std::vector<std::vector<std::size_t>> first(classes, std::vector<std::size_t>(n, 0));
    for (std::size_t j = 0; j < n; ++j) best[0][j] = cost(0, j);
    for (std::size_t c = 1; c < classes; ++c)
        for (std::size_t j = c; j < n; ++j)
            for (std::size_t i = c; i <= j; ++i)
                if (const double total = best[c - 1][i - 1] + cost(i, j); total < best[c][j]) {
                    best[c][j] = total;
                    first[c][j] = i;
                }
    std::vector<double> upper(classes);
    std::size_t end = n - 1;
    for (std::size_t c = classes; c-- > 0;) {
        upper[c] = x[end];
        if (c > 0) end = first[c][end] - 1;
    }
    return upper;
}

}  // namespace

Classing classing_named(const std::string& name) {
    if (name == "policy") return Classing::Policy;
    if (name == "quantile") return Classing::Quantile;
    if (name == "equal") return Classing::EqualInterval;
    if (name == "jenks") return Classing::NaturalBreaks;
    throw geo::InputError(fmt::format("unknown classes \"{}\": use policy, quantile, equal or jenks", name));
}

std::vector<double> class_breaks(std::span<const double> values, Classing classing, std::size_t classes) {
    if (classing == Classing::Policy) {
        std::vector<double> upper;
        for (const auto& c : analysis::pipeline::gap_classes()) upper.push_back(c.upto);
        return upper;
    }
    std::vector<double> sorted;
    for (const double v : values)
        if (std::isfinite(v)) sorted.push_back(v);
    if (sorted.empty() || classes == 0) return {};
    std::sort(sorted.begin(), sorted.end());
    const std::size_t n = sorted.size();
    std::vector<double> upper;
    switch (classing) {
        case Classing::Quantile:
            for (std::size_t i = 1; i < classes; ++i) upper.push_back(sorted[(i * n + classes - 1) / classes - 1]);
            break;
        case Classing::EqualInterval:
            for (std::size_t i = 1; i < classes; ++i)
                upper.push_back(sorted.front() + (sorted.back() - sorted.front()) * static_cast<double>(i) /
                                                     static_cast<double>(classes));
            break;
        case Classing::NaturalBreaks:
            upper = natural_breaks(sorted, classes);
            break;
        case Classing::Policy:
            break;
    }
    upper.push_back(sorted.back());
    upper.erase(std::unique(upper.begin(), upper.end()), upper.end());
    return upper;
}

std::size_t class_of(double value, std::span<const double> upper) {
    const auto c = std::lower_bound(upper.begin(), upper.end(), value);
    if (upper.empty()) return 0;
    return c == upper.end() ? upper.size() - 1 : static_cast<std::size_t>(c - upper.begin());
}

double squared_deviations(std::span<const double> sorted, std::span<const double> upper) {
    double total = 0;
    std::size_t i = 0;
    for (std::size_t c = 0; c < upper.size(); ++c) {
        double sum = 0;
        std::size_t count = 0;
        const std::size_t start = i;
        while (i < sorted.size() && (sorted[i] <= upper[c] || c + 1 == upper.size())) sum += sorted[i++], ++count;
        if (count == 0) continue;
        const double mean = sum / static_cast<double>(count);
        for (std::size_t k = start; k < i; ++k) total += (sorted[k] - mean) * (sorted[k] - mean);
    }
    return total;
}

std::vector<QColor> ramp(std::size_t classes, bool worse_when_high) {
    // ColorBrewer 2.0 (Cynthia A. Brewer, Pennsylvania State University), sequential schemes.
    static const std::vector<std::vector<const char*>> oranges{
        {"#fd8d3c"},
        {"#fdbe85", "#e6550d"},
        {"#fee6ce", "#fdae6b", "#e6550d"},
        {"#feedde", "#fdbe85", "#fd8d3c", "#d94701"},
        {"#feedde", "#fdbe85", "#fd8d3c", "#e6550d", "#a63603"},
        {"#feedde", "#fdd0a2", "#fdae6b", "#fd8d3c", "#e6550d", "#a63603"},
        {"#feedde", "#fdd0a2", "#fdae6b", "#fd8d3c", "#f16913", "#d94801", "#8c2d04"}};
    static const std::vector<std::vector<const char*>> blues{
        {"#6baed6"},
        {"#bdd7e7", "#3182bd"},
        {"#deebf7", "#9ecae1", "#3182bd"},
        {"#eff3ff", "#bdd7e7", "#6baed6", "#2171b5"},
        {"#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"},
        {"#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"},
        {"#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"}};
    const auto& scheme = worse_when_high ? oranges : blues;
    const std::size_t n = std::clamp<std::size_t>(classes, 1, scheme.size());
    std::vector<QColor> colours;
    for (const char* hex : scheme[n - 1]) colours.emplace_back(hex);
    return colours;
}

std::vector<DistrictField> district_fields(const analysis::pipeline::Results& r, const std::string& kind_name) {
    const auto kind_id = r.find_kind(kind_name);
    if (!kind_id) throw geo::InputError(fmt::format("no kind \"{}\" in the results", kind_name));
    const auto& kind = r.kinds[kind_id->value()];
    const std::size_t n = r.districts.size();
    std::vector<DistrictField> fields;
    const auto add = [&](std::string key, QString label, bool share, bool worse, auto value) {
        DistrictField field{std::move(key), std::move(label), share, worse, {}};
        for (std::size_t d = 0; d < n; ++d) field.values.push_back(value(d));
        fields.push_back(std::move(field));
    };
    const auto finite = [](double v) { return std::isfinite(v) ? std::optional<double>(v) : std::nullopt; };
    // A share of no older people is no data, not 0%.
    const auto share_of = [](const auto& a) {
        return a.elderly > 0 ? std::optional(a.uncovered_share()) : std::nullopt;
    };
    add("gap_share", tr("Share of older people beyond the threshold"), true, true,
        [&](std::size_t d) { return share_of(kind.districts[d]); });
    add("gap_people", tr("Older people beyond the threshold"), false, true,
        [&](std::size_t d) { return std::optional(kind.districts[d].uncovered_people); });
    if (!kind.need.empty())
        add("unmet_need", tr("Unmet need (people)"), false, true,
            [&](std::size_t d) { return std::optional(kind.districts[d].uncovered_need); });
    if (!kind.walk_districts.empty())
        add("walk_gap_share", tr("Share beyond the threshold on foot alone"), true, true,
            [&](std::size_t d) { return share_of(kind.walk_districts[d]); });
    add("median_min", tr("Median minutes to the nearest"), false, true,
        [&](std::size_t d) { return finite(kind.districts[d].median_min); });
    add("older_people", tr("Older people"), false, false,
        [&](std::size_t d) { return std::optional(kind.districts[d].elderly); });
    add("supply_per_1000", tr("Places within reach per 1,000 older people"), false, false,
        [&](std::size_t d) { return std::optional(kind.districts[d].sfca_per_1000); });
    for (std::size_t k = 0; k < r.needs.size(); ++k)
        add("rate:" + r.needs[k], tr("Survey: %1 (rate)").arg(QString::fromStdString(r.needs[k])), true, true,
            [&](std::size_t d) -> std::optional<double> {
                const auto& rates = r.districts[d].rates;
                if (k >= rates.size() || !rates[k]) return std::nullopt;
                return rates[k]->rate;
            });
    return fields;
}

QString format_value(const DistrictField& field, double value) {
    if (field.share) return detail::percent(value);
    if (field.key == "median_min" || field.key == "supply_per_1000") return QString::number(value, 'f', 1);
    return detail::people(value);
}

}  // namespace needmap::viewer
