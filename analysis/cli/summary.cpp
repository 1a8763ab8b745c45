#include "summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace needmap::cli {
namespace {

using namespace analysis::pipeline;

std::string people(double n) {
    return fmt::format("{:.0f}", n);
}

std::string percent(double share) {
    return fmt::format("{:.1f}%", 100.0 * share);
}

std::string minutes(double m) {
    return std::isfinite(m) ? fmt::format("{:.0f}", m) : std::string(">limit");
}

}  // namespace

std::string summary_table(const Results& r) {
    const double threshold = r.info.threshold_min;
    std::string out = fmt::format("\n{}{}\nWho cannot reach each kind of place within {} minutes ({})\n", r.info.project,
                                  r.info.scenario.empty() ? "" : " — " + r.info.scenario, threshold, r.info.mode);
    for (const KindResult& k : r.kinds) {
        out += fmt::format("\n{} (need: {}), districts by unmet need\n", k.kind, k.need.empty() ? "older people" : k.need);
        const bool walk = !k.walk_districts.empty();
        out += fmt::format("  {:<14} {:>10} {:>10} {:>6} {:>8} {:>8} {:>7} {:>6}{}\n", "district", "older", "beyond",
                           "share", "need", "unmet", "median", "inside", walk ? "   on foot only" : "");
        out += fmt::format("  {:<14} {:>10} {:>10} {:>6} {:>8} {:>8} {:>7} {:>6}{}\n", "", "people",
                           fmt::format("{} min", threshold), "", "", "need", "min", "",
                           walk ? fmt::format("   beyond {} min", threshold) : "");
        std::vector<std::size_t> order(k.districts.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return k.districts[a].uncovered_need > k.districts[b].uncovered_need;
        });
        for (const std::size_t d : order) {
            const auto& a = k.districts[d];
            out += fmt::format("  {:<14} {:>10} {:>10} {:>6} {:>8.1f} {:>8.1f} {:>7} {:>6}{}\n", r.districts[d].name,
                               people(a.elderly), people(a.uncovered_people), percent(a.uncovered_share()), a.need,
                               a.uncovered_need, minutes(a.median_min), a.resources_inside,
                               walk ? fmt::format("   {:>8} {:>6}", people(k.walk_districts[d].uncovered_people),
                                                  percent(k.walk_districts[d].uncovered_share()))
                                    : "");
        }
        if (k.siting) {
            const auto& s = *k.siting;
            out += fmt::format("  new {} sites, by need newly within {} min ({}):\n", k.kind, threshold,
                               s.result.method_note);
            for (std::size_t i = 0; i < s.result.chosen.size(); ++i)
                out += fmt::format("    {}. {}: +{:.1f} ({} of the unmet need so far) in {}\n", i + 1,
                                   r.candidates[s.result.chosen[i]].name, s.result.gain[i],
                                   percent(s.uncovered_need > 0 ? s.cumulative[i] / s.uncovered_need : 0),
                                   s.district_gains[i]);
            if (s.result.chosen.empty()) out += "    no candidate covers any unmet need\n";
        }
    }
    const bool yardstick = std::any_of(r.districts.begin(), r.districts.end(), [](const auto& d) { return d.yardstick; });
    if (yardstick) {
        // needmap's gap for the kinds that are food stores, beside the national definition.
        const KindResult* food = nullptr;
        for (const KindResult& k : r.kinds)
            if (k.food_store) food = &k;
        out += fmt::format(
            "\nShopping access beside the national yardstick (農水省 食料品アクセス困難人口: people 65+ "
            "500 m or more\nfrom a food store who cannot use a car; Japan 2020: {:.2f} million, {} of "
            "people 65+)\n",
            kNationalYardstickPeople / 1e6, percent(kNationalYardstickShare));
        out += fmt::format("  {:<14} {:>12} {:>7}   {:>14} {:>7}\n", "district", "yardstick", "share",
                           fmt::format("beyond {} min", threshold), "share");
        for (std::size_t d = 0; d < r.districts.size(); ++d) {
            const Yardstick y = r.districts[d].yardstick.value_or(Yardstick{});
            out += fmt::format("  {:<14} {:>12} {:>7}   {:>14} {:>7}\n", r.districts[d].name, people(y.people()),
                               percent(y.share()), food ? people(food->districts[d].uncovered_people) : "-",
                               food ? percent(food->districts[d].uncovered_share()) : "-");
        }
        out += fmt::format("  (yardstick: {}; needmap: older people beyond {} min of a {} on foot{})\n",
                           r.info.yardstick_note, threshold, food ? food->kind : "food store",
                           r.info.transit ? " or by bus" : "");
    }
    return out;
}

std::string changes_table(const Results& r, std::span<const Change> changes) {
    std::string out = fmt::format("\n{}: {}\n", r.info.project, r.info.scenario.empty() ? "what if" : r.info.scenario);
    for (const auto& m : r.info.modifications) out += fmt::format("  - {}\n", m);
    for (std::size_t k = 0; k < r.kinds.size(); ++k) {
        out += fmt::format("\n{}: older people beyond {} min, and unmet need, before and after\n", r.kinds[k].kind,
                           r.info.threshold_min);
        out += fmt::format("  {:<14} {:>9} {:>9} {:>8}   {:>9} {:>9} {:>8}\n", "district", "before", "after",
                           "change", "need bef.", "after", "change");
        double totals[4] = {0, 0, 0, 0};
        for (const Change& c : changes) {
            if (c.kind.value() != k) continue;
            out += fmt::format("  {:<14} {:>9} {:>9} {:>+8.0f}   {:>9.1f} {:>9.1f} {:>+8.1f}\n",
                               r.districts[c.district.value()].name, people(c.people_before), people(c.people_after),
                               c.people_after - c.people_before, c.need_before, c.need_after,
                               c.need_after - c.need_before);
            totals[0] += c.people_before;
            totals[1] += c.people_after;
            totals[2] += c.need_before;
            totals[3] += c.need_after;
        }
        out += fmt::format("  {:<14} {:>9} {:>9} {:>+8.0f}   {:>9.1f} {:>9.1f} {:>+8.1f}\n", "town", people(totals[0]),
                           people(totals[1]), totals[1] - totals[0], totals[2], totals[3], totals[3] - totals[2]);
    }
    return out;
}

}  // namespace needmap::cli
