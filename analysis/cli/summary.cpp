#include "summary.hpp"

#include <fmt/format.h>

#include <cctype>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numeric>

namespace needmap::cli {
namespace {

using namespace analysis::pipeline;

/// Picks the English or the Japanese text.
struct Text {
    bool ja = false;
    [[nodiscard]] std::string_view operator()(std::string_view en, std::string_view japanese) const {
        return ja ? japanese : en;
    }
};

std::string people(double n) {
    return fmt::format("{:.0f}", n);
}

std::string percent(double share) {
    return fmt::format("{:.1f}%", 100.0 * share);
}

std::string minutes(double m, Text t) {
    return std::isfinite(m) ? fmt::format("{:.0f}", m) : std::string(t(">limit", "上限超"));
}

/// Columns a terminal gives a UTF-8 text: two for East Asian wide and full-width characters.
std::size_t display_width(std::string_view s) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = length == 1 ? c : c & (0x7F >> length);
        for (std::size_t k = 1; k < length && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
        const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                          (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                          (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                          (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
        width += wide ? 2 : 1;
        i += length;
    }
    return width;
}

/// `s` padded with spaces to `width` columns, on the right (left-aligned) or on the left.
std::string pad(std::string_view s, std::size_t width, bool left_aligned = true) {
    const std::size_t w = display_width(s);
    const std::string fill(w < width ? width - w : 0, ' ');
    return left_aligned ? std::string(s) + fill : fill + std::string(s);
}

/// A kind as a planner says it, for the kinds needmap's template names.
std::string kind_label(const std::string& kind, Text t) {
    if (!t.ja) return kind;
    if (kind == "salon") return "サロン・通いの場";
    if (kind == "shop") return "買い物先";
    if (kind == "hall") return "集会所";
    return kind;
}

/// How the new sites were chosen, in plain words.
std::string method_words(const analysis::siting::SitingResult& s, Text t) {
    if (s.optimal) return std::string(t("the best combination (proven)", "最適な組み合わせ（証明済み）"));
    return fmt::format(fmt::runtime(t("a good combination, within {:.1f}% of the best possible",
                                      "よい組み合わせ（最適との差は最大 {:.1f}%）")),
                       100 * s.gap());
}

/// The heading of a kind's new sites under a siting model other than set covering: {0} the kind,
/// {1} how they were found, {2} the threshold.
std::string_view siting_heading(const std::string& model, Text t) {
    if (model == "p-median")
        return t("  new {0} sites for the least time to the nearest, weighted by need ({1}); need newly within {2} min:\n",
                 "  新しい{0}の候補地（ニーズで重みづけた最寄りまでの時間が最も短くなる配置、{1}）。{2}分以内に入るニーズ：\n");
    if (model == "capacitated")
        return t("  new {0} sites for the most need served, each place within its capacity ({1}); need newly within {2} "
                 "min:\n",
                 "  新しい{0}の候補地（定員の範囲で受け入れられるニーズが最も多くなる配置、{1}）。{2}分以内に入るニーズ：\n");
    if (model == "backup")
        return t("  new {0} sites so that the most need has a second place within {2} min ({1}); need newly within {2} "
                 "min:\n",
                 "  新しい{0}の候補地（{2}分以内に2か所目がある人のニーズが最も多くなる配置、{1}）。{2}分以内に入るニーズ：\n");
    return t("  new {0} sites, by need newly within {2} min ({1}):\n", "  新しい{0}の候補地（{2}分以内に入るニーズの大きい順、{1}）：\n");
}

/// What a siting model other than covering achieved, before and after ({0}, {1}; {2} the
/// threshold); empty for covering, whose gains are the list itself.
std::string_view siting_achieved(const std::string& model, Text t) {
    if (model == "p-median")
        return t("    mean time to the nearest, weighted by need: {0:.1f} -> {1:.1f} min\n",
                 "    ニーズで重みづけた最寄りまでの平均時間：{0:.1f}分 → {1:.1f}分\n");
    if (model == "capacitated")
        return t("    need served within the places' capacities: {0:.1f} -> {1:.1f}\n",
                 "    定員の範囲で受け入れられるニーズ：{0:.1f}人 → {1:.1f}人\n");
    if (model == "backup")
        return t("    need with two places or more within {2} min: {0:.1f} -> {1:.1f}\n",
                 "    {2}分以内に2か所以上あるニーズ：{0:.1f}人 → {1:.1f}人\n");
    return {};
}

/// The yardstick's no-car share as compute.cpp words it, in Japanese.
std::string yardstick_note(const std::string& note, Text t) {
    if (!t.ja) return note;
    constexpr std::string_view from_survey = "no-car share per district from the survey's ";
    constexpr std::string_view fixed = "no-car share ";
    if (note.starts_with(from_survey))
        return fmt::format("自動車を使えない割合は区域ごとにニーズ調査の「{}」から", note.substr(from_survey.size()));
    if (note.starts_with(fixed) && note.ends_with(" for every district (parameter)"))
        return fmt::format("自動車を使えない割合は全区域で{}（設定値）",
                           note.substr(fixed.size(), note.find(' ', fixed.size()) - fixed.size()));
    return note;
}

constexpr std::size_t kNameColumns = 20;

/// An age band as people say it: pop65 is 65歳以上.
std::string band_label(const std::string& band, Text t) {
    if (band.starts_with("pop") && band.size() == 5 && std::isdigit(static_cast<unsigned char>(band[3])))
        return fmt::format(fmt::runtime(t("{}+", "{}歳以上")), band.substr(3));
    return band;
}

/// Cumulative opportunities for the whole town: the share of older people with a place within each cut-off.
std::string cutoff_line(const KindResult& k, const std::vector<int>& cutoffs, Text t) {
    if (cutoffs.empty()) return {};
    std::vector<double> reached(cutoffs.size(), 0.0);
    double older = 0;
    for (const DistrictKindAccess& d : k.districts) {
        older += d.elderly;
        for (std::size_t c = 0; c < cutoffs.size() && c < d.reach_share.size(); ++c) reached[c] += d.reach_share[c] * d.elderly;
    }
    std::string minutes;
    std::string shares;
    for (std::size_t c = 0; c < cutoffs.size(); ++c) {
        minutes += fmt::format("{}{}", c == 0 ? "" : " / ", cutoffs[c]);
        shares += fmt::format("{}{}", c == 0 ? "" : " / ", percent(older > 0 ? reached[c] / older : 0));
    }
    return fmt::format(fmt::runtime(t("  older people with one within {} min: {}\n", "  {}分以内に行ける高齢者：{}\n")),
                       minutes, shares);
}

/// How evenly the time to the nearest place falls on older people, in plain words.
std::string equity_lines(const Results& r, std::size_t kind, Text t) {
    const Equity e = equity(r, analysis::KindId(static_cast<std::uint32_t>(kind)));
    const double threshold = r.info.threshold_min;
    std::string out = fmt::format(
        fmt::runtime(t("  evenness (each older person counted once): Gini {:.2f}; Palma {:.1f} (time borne by the "
                       "farthest 10% over the nearest 40%); beyond {} min {}, mean excess {}, severity {}\n",
                       "  公平性（高齢者一人ひとりを同じ重みで）：ジニ係数 {:.2f}、パルマ比 {:.1f}（最も遠い1割と最も近い"
                       "4割が負う時間の比）、{}分を超える人 {}、超過の平均 {}、超過の深刻度 {}\n")),
        e.gini, e.palma, threshold, percent(e.fgt0), percent(e.fgt1), percent(e.fgt2));
    std::string bands;
    for (std::size_t b = 0; b < r.bands.size(); ++b) {
        if (!r.bands[b].starts_with("pop") || r.bands[b] == "pop_total") continue;
        bands += fmt::format("{}{} {}", bands.empty() ? "" : t(", ", "、"), band_label(r.bands[b], t), percent(e.beyond_by_band[b]));
    }
    if (!bands.empty())
        out += fmt::format(fmt::runtime(t("  beyond {} min by age: {}\n", "  {}分を超える人の割合（年齢層別）：{}\n")),
                           threshold, bands);
    if (e.beyond_limit > 0.05)
        out += fmt::format(fmt::runtime(t("  ({} are beyond {} min, counted as {} min: the indices understate the "
                                          "spread)\n",
                                          "  （{}が{}分を超えており、{}分として計算しています。指数は実際より小さめです）\n")),
                           percent(e.beyond_limit), r.info.limit_min, r.info.limit_min);
    return out;
}

}  // namespace

bool japanese_locale() {
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(name);
        if (value != nullptr && *value != '\0') return std::string_view(value).starts_with("ja");
    }
    return false;
}

std::string summary_table(const Results& r, bool ja) {
    const Text t{ja};
    const double threshold = r.info.threshold_min;
    const std::string mode =
        !ja ? r.info.mode
        : r.info.transit && r.info.arrive_by
            ? fmt::format("徒歩（時速{} km）とバス、{}着に間に合う最も遅い出発から{}{}", r.info.walk_speed_kmh,
                          r.info.departure.size() > 10 ? r.info.departure.substr(0, 10) + " " + r.info.departure.substr(11)
                                                       : r.info.departure,
                          r.info.window_min > 1 ? fmt::format("（{}分間の着時刻の", r.info.window_min) : "",
                          r.info.window_min <= 1      ? std::string()
                          : r.info.percentile == 50 ? std::string("中央値）")
                                                    : fmt::format("{}パーセンタイル）", r.info.percentile))
        : r.info.transit
            ? fmt::format("徒歩（時速{} km）とバス、{}発から{}分間の{}", r.info.walk_speed_kmh,
                          r.info.departure.size() > 10 ? r.info.departure.substr(0, 10) + " " + r.info.departure.substr(11)
                                                       : r.info.departure,
                          r.info.window_min,
                          r.info.percentile == 50 ? std::string("中央値") : fmt::format("{}パーセンタイル", r.info.percentile))
            : fmt::format("徒歩、時速{} km", r.info.walk_speed_kmh);
    const std::string slopes = !r.info.slopes ? ""
                               : ja          ? "。上り坂では遅く"
                               : r.info.mode.find("uphill") == std::string::npos ? "; slower uphill"
                                                                                  : "";
    std::string out = fmt::format(
        fmt::runtime(t("\n{}{}\nWho cannot reach each kind of place within {} minutes ({}{})\n",
                       "\n{}{}\n{}分以内に行けない高齢者（{}{}）\n")),
        r.info.project, r.info.scenario.empty() ? "" : " — " + r.info.scenario, threshold, mode, slopes);
    bool small = false;
    for (const KindResult& k : r.kinds) {
        const std::string need = k.need.empty() ? std::string(t("older people", "高齢者")) : k.need;
        out += fmt::format(fmt::runtime(t("\n{} (need: {}), districts by unmet need\n",
                                          "\n{}（ニーズ：{}）　未充足のニーズが大きい順\n")),
                           kind_label(k.kind, t), need);
        const bool walk = !k.walk_districts.empty();
        const std::string beyond = fmt::format(fmt::runtime(t("{} min", "{}分超")), threshold);
        out += fmt::format("  {} {:>10} {:>10} {:>6} {:>8} {:>8} {:>7} {:>6}{}\n", pad(t("district", "中学校区"), kNameColumns),
                           pad(t("older", "高齢者"), 10, false), pad(t("beyond", "行けない"), 10, false),
                           pad(t("share", "割合"), 6, false), pad(t("need", "ニーズ"), 8, false),
                           pad(t("unmet", "未充足"), 8, false), pad(t("median", "中央値"), 7, false),
                           pad(t("inside", "区内"), 6, false), walk ? t("   on foot only", "   徒歩のみ") : "");
        out += fmt::format("  {} {} {} {:>6} {:>8} {} {} {}{}\n", pad("", kNameColumns),
                           pad(t("people", "人"), 10, false), pad(beyond, 10, false), "", "",
                           pad(t("need", "人"), 8, false), pad(t("min", "分"), 7, false), pad(t("", "箇所"), 6, false),
                           walk ? fmt::format(fmt::runtime(t("   beyond {} min", "   {}分超")), threshold) : "");
        std::vector<std::size_t> order(k.districts.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return k.districts[a].uncovered_need > k.districts[b].uncovered_need;
        });
        for (const std::size_t d : order) {
            const auto& a = k.districts[d];
            const bool few = a.elderly < kSmallDistrictPeople;
            small = small || few;
            out += fmt::format("  {} {:>10} {:>10} {:>6} {:>8.1f} {:>8.1f} {} {:>6}{}\n",
                               pad(r.districts[d].name + (few ? " *" : ""), kNameColumns), people(a.elderly),
                               people(a.uncovered_people), percent(a.uncovered_share()), a.need, a.uncovered_need,
                               pad(minutes(a.median_min, t), 7, false), a.resources_inside,
                               walk ? fmt::format("   {:>8} {:>6}", people(k.walk_districts[d].uncovered_people),
                                                  percent(k.walk_districts[d].uncovered_share()))
                                    : "");
        }
        if (k.siting) {
            const auto& s = *k.siting;
            if (r.info.siting == "lscp")
                out += fmt::format(fmt::runtime(t("  the fewest new {0} sites bringing {1} of the need within {2} min ({3}):\n",
                                                  "  ニーズの{1}が{2}分以内に入る最少の新しい{0}（{3}）：\n")),
                                   kind_label(k.kind, t), percent(r.info.cover_share), threshold,
                                   s.result.optimal ? t("no fewer can do it, proven", "これより少ない数では届かないことを確認済み")
                                                    : t("fewer not ruled out", "より少ない数の可能性は未確認"));
            else
                out += fmt::format(fmt::runtime(siting_heading(r.info.siting, t)), kind_label(k.kind, t),
                                   method_words(s.result, t), threshold);
            for (std::size_t i = 0; i < s.result.chosen.size(); ++i)
                out += fmt::format(fmt::runtime(t("    {}. {}: +{:.1f} ({} of the unmet need so far) in {}\n",
                                                  "    {}. {}：+{:.1f}人（ここまでで未充足ニーズの{}）　{}\n")),
                                   i + 1, r.candidates[s.result.chosen[i]].name, s.result.gain[i],
                                   percent(s.uncovered_need > 0 ? s.cumulative[i] / s.uncovered_need : 0),
                                   s.district_gains[i]);
            if (s.result.chosen.empty())
                out += t("    no candidate covers any unmet need\n", "    未充足のニーズを満たす候補地はありません\n");
            else if (const std::string_view achieved = siting_achieved(r.info.siting, t); !achieved.empty())
                out += fmt::format(fmt::runtime(achieved), s.model_before, s.model_after, threshold);
        }
        out += cutoff_line(k, r.info.cutoffs_min, t);
        out += equity_lines(r, static_cast<std::size_t>(&k - r.kinds.data()), t);
    }
    if (small)
        out += fmt::format(fmt::runtime(t("\n  * fewer than {:.0f} older people: its shares are too small a base for a "
                                          "finding\n",
                                          "\n  * 高齢者が{:.0f}人未満の区域：割合は母数が小さく、参考値です\n")),
                           kSmallDistrictPeople);
    const bool yardstick = std::any_of(r.districts.begin(), r.districts.end(), [](const auto& d) { return d.yardstick; });
    if (yardstick) {
        // needmap's gap for the kinds that are food stores, beside the national definition.
        const KindResult* food = nullptr;
        for (const KindResult& k : r.kinds)
            if (k.food_store) food = &k;
        out += fmt::format(
            fmt::runtime(t("\nShopping access beside the national yardstick (農水省 食料品アクセス困難人口: people 65+ "
                           "500 m or more\nfrom a food store who cannot use a car; Japan 2020: {:.2f} million, {} of "
                           "people 65+)\n",
                           "\n買い物の便と国の指標（農林水産省「食料品アクセス困難人口」：店舗まで500 m以上で"
                           "\n自動車を使えない65歳以上。全国2020年：{:.2f}百万人、65歳以上の{}）\n")),
            kNationalYardstickPeople / 1e6, percent(kNationalYardstickShare));
        const std::string beyond = fmt::format(fmt::runtime(t("beyond {} min", "{}分超")), threshold);
        out += fmt::format("  {} {} {}   {} {}\n", pad(t("district", "中学校区"), kNameColumns),
                           pad(t("yardstick", "国の指標"), 12, false), pad(t("share", "割合"), 7, false),
                           pad(beyond, 14, false), pad(t("share", "割合"), 7, false));
        for (std::size_t d = 0; d < r.districts.size(); ++d) {
            const Yardstick y = r.districts[d].yardstick.value_or(Yardstick{});
            out += fmt::format("  {} {:>12} {:>7}   {:>14} {:>7}\n", pad(r.districts[d].name, kNameColumns),
                               people(y.people()), percent(y.share()),
                               food ? people(food->districts[d].uncovered_people) : "-",
                               food ? percent(food->districts[d].uncovered_share()) : "-");
        }
        out += fmt::format(fmt::runtime(t("  (yardstick: {}; needmap: older people beyond {} min of a {} on foot{})\n",
                                          "  （国の指標：{}。needmap：{}分以内に{}へ徒歩{}で行けない高齢者）\n")),
                           yardstick_note(r.info.yardstick_note, t), threshold, food ? kind_label(food->kind, t) : t("food store", "食料品店"),
                           r.info.transit ? t(" or by bus", "・バス") : "");
    }
    return out;
}

std::string changes_table(const Results& r, std::span<const Change> changes, bool ja) {
    const Text t{ja};
    std::string out = fmt::format(fmt::runtime(t("\n{}: {}\n", "\n{}：{}\n")), r.info.project,
                                  r.info.scenario.empty() ? std::string(t("what if", "もしも")) : r.info.scenario);
    for (const auto& m : r.info.modifications) out += fmt::format("  - {}\n", m);
    for (std::size_t k = 0; k < r.kinds.size(); ++k) {
        out += fmt::format(fmt::runtime(t("\n{}: older people beyond {} min, and unmet need, before and after\n",
                                          "\n{}：{}分以内に行けない高齢者と未充足のニーズ（変更前・変更後）\n")),
                           kind_label(r.kinds[k].kind, t), r.info.threshold_min);
        out += fmt::format("  {} {} {} {}   {} {} {}\n", pad(t("district", "中学校区"), kNameColumns),
                           pad(t("before", "変更前"), 9, false), pad(t("after", "変更後"), 9, false),
                           pad(t("change", "増減"), 8, false), pad(t("need bef.", "ニーズ前"), 9, false),
                           pad(t("after", "変更後"), 9, false), pad(t("change", "増減"), 8, false));
        double totals[4] = {0, 0, 0, 0};
        const auto row = [&](std::string_view name, double pb, double pa, double nb, double na) {
            return fmt::format("  {} {:>9} {:>9} {:>+8.0f}   {:>9.1f} {:>9.1f} {:>+8.1f}\n", pad(name, kNameColumns),
                               people(pb), people(pa), pa - pb, nb, na, na - nb);
        };
        for (const Change& c : changes) {
            if (c.kind.value() != k) continue;
            out += row(r.districts[c.district.value()].name, c.people_before, c.people_after, c.need_before, c.need_after);
            totals[0] += c.people_before;
            totals[1] += c.people_after;
            totals[2] += c.need_before;
            totals[3] += c.need_after;
        }
        out += row(t("town", "市町村全体"), totals[0], totals[1], totals[2], totals[3]);
    }
    return out;
}

}  // namespace needmap::cli
