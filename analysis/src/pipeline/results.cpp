#include "needmap/analysis/pipeline/results.hpp"

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
