#include "needmap/analysis/pipeline/results.hpp"

#include "needmap/analysis/measures.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace needmap::analysis::pipeline {

std::vector<std::int64_t> KindResult::gap_ranks() const {
    std::vector<std::size_t> order(districts.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return districts[a].uncovered_need > districts[b].uncovered_need;
    });
    std::vector<std::int64_t> rank(order.size());
    for (std::size_t i = 0; i < order.size(); ++i) rank[order[i]] = static_cast<std::int64_t>(i + 1);
    return rank;
}

std::optional<KindId> Results::find_kind(std::string_view kind) const {
    for (std::size_t k = 0; k < kinds.size(); ++k)
        if (kinds[k].kind == kind) return KindId(static_cast<std::uint32_t>(k));
    return std::nullopt;
}

std::optional<DistrictId> Results::find_district(std::string_view id) const {
    for (std::size_t d = 0; d < districts.size(); ++d)
        if (districts[d].id == id) return DistrictId(static_cast<std::uint32_t>(d));
    return std::nullopt;
}

Equity equity(const Results& r, KindId kind) {
    const KindResult& k = r.kinds[kind.value()];
    const double limit = r.info.limit_min;
    const double threshold = r.info.threshold_min;
    std::vector<double> minutes(r.points.size());
    std::vector<double> older(r.points.size());
    Equity e;
    e.beyond_by_band.assign(r.bands.size(), 0);
    std::vector<double> band_people(r.bands.size(), 0);
    double everyone = 0;
    for (std::size_t i = 0; i < r.points.size(); ++i) {
        const double t = k.access.nearest_min[i];
        minutes[i] = std::min(t, limit);
        older[i] = r.points[i].people[r.elderly_band];
        everyone += older[i];
        if (t > limit) e.beyond_limit += older[i];
        for (std::size_t b = 0; b < r.bands.size(); ++b) {
            band_people[b] += r.points[i].people[b];
            if (!k.access.covered[i]) e.beyond_by_band[b] += r.points[i].people[b];
        }
    }
    for (std::size_t b = 0; b < r.bands.size(); ++b) e.beyond_by_band[b] = band_people[b] > 0 ? e.beyond_by_band[b] / band_people[b] : 0;
    e.beyond_limit = everyone > 0 ? e.beyond_limit / everyone : 0;
    e.gini = measures::gini(minutes, older);
    e.palma = measures::palma(minutes, older);
    e.fgt0 = measures::fgt(minutes, older, threshold, 0);
    e.fgt1 = measures::fgt(minutes, older, threshold, 1);
    e.fgt2 = measures::fgt(minutes, older, threshold, 2);
    return e;
}

std::vector<Change> compare(const Results& base, const Results& scenario) {
    if (base.districts.size() != scenario.districts.size() || base.kinds.size() != scenario.kinds.size())
        throw std::invalid_argument("compare: the scenario has other districts or kinds than its base");
    std::vector<Change> out;
    for (std::uint32_t k = 0; k < base.kinds.size(); ++k)
        for (std::uint32_t d = 0; d < base.districts.size(); ++d) {
            const auto& before = base.kinds[k].districts[d];
            const auto& after = scenario.kinds[k].districts[d];
            out.push_back({DistrictId(d), KindId(k), before.uncovered_people, after.uncovered_people,
                           before.uncovered_need, after.uncovered_need});
        }
    return out;
}

}  // namespace needmap::analysis::pipeline
