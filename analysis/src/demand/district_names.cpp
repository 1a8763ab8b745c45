#include "needmap/analysis/demand/district_names.hpp"

#include "needmap/geo/csv.hpp"
#include "needmap/geo/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

namespace needmap::analysis::demand {
namespace {

// Full-width forms of the half-width katakana block U+FF61..U+FF9F, in order.
constexpr std::array<char32_t, 63> kHalfWidthKana = {
    U'。', U'「', U'」', U'、', U'・', U'ヲ', U'ァ', U'ィ', U'ゥ', U'ェ', U'ォ', U'ャ', U'ュ', U'ョ', U'ッ', U'ー',
    U'ア', U'イ', U'ウ', U'エ', U'オ', U'カ', U'キ', U'ク', U'ケ', U'コ', U'サ', U'シ', U'ス', U'セ', U'ソ', U'タ',
    U'チ', U'ツ', U'テ', U'ト', U'ナ', U'ニ', U'ヌ', U'ネ', U'ノ', U'ハ', U'ヒ', U'フ', U'ヘ', U'ホ', U'マ', U'ミ',
    U'ム', U'メ', U'モ', U'ヤ', U'ユ', U'ヨ', U'ラ', U'リ', U'ル', U'レ', U'ロ', U'ワ', U'ン', U'゛', U'゜'};

constexpr char32_t kHalfVoiced = 0xFF9E;      // ﾞ
constexpr char32_t kHalfSemiVoiced = 0xFF9F;  // ﾟ

bool takes_voiced_mark(char32_t kana) {
    // カ..ト (every other code point, ツ after ッ) and ハ..ホ (every third).
    if (kana >= U'カ' && kana <= U'チ') return (kana - U'カ') % 2 == 0;
    if (kana == U'ツ' || kana == U'テ' || kana == U'ト') return true;
    return kana >= U'ハ' && kana <= U'ホ' && (kana - U'ハ') % 3 == 0;
}

bool takes_semi_voiced_mark(char32_t kana) {
    return kana >= U'ハ' && kana <= U'ホ' && (kana - U'ハ') % 3 == 0;
}

/// Half-width katakana to full-width, combining a following ﾞ or ﾟ with its kana.
std::u32string widen_katakana(std::u32string_view s) {
    std::u32string out;
    out.reserve(s.size());
    for (const char32_t cp : s) {
        if (cp < 0xFF61 || cp > 0xFF9F) {
            out.push_back(cp);
            continue;
        }
        if (!out.empty() && cp == kHalfVoiced && takes_voiced_mark(out.back())) {
            out.back() += 1;
        } else if (!out.empty() && cp == kHalfVoiced && out.back() == U'ウ') {
            out.back() = U'ヴ';
        } else if (!out.empty() && cp == kHalfSemiVoiced && takes_semi_voiced_mark(out.back())) {
            out.back() += 2;
        } else {
            out.push_back(kHalfWidthKana[cp - 0xFF61]);
        }
    }
    return out;
}

bool is_space(char32_t cp) {
    return cp == U' ' || cp == U'\t' || cp == U'\r' || cp == U'\n' || cp == 0x3000 || cp == 0x00A0;
}

// Longest first, so that 「中学校区」 is stripped whole rather than as 「校区」.
constexpr std::array<std::u32string_view, 7> kSuffixes = {U"中学校区", U"中学校", U"中学区", U"中学",
                                                          U"校区",     U"地区",   U"中"};

/// A name's two forms for joining: with every suffix of kSuffixes considered, and with a bare 中
/// kept.
struct Forms {
    std::string normal;
    std::string with_chu;
};

Forms forms_of(std::string_view name) {
    const std::u32string wide = widen_katakana(geo::to_code_points(geo::fold_width(name)));
    std::u32string s;
    s.reserve(wide.size());
    for (char32_t cp : wide) {
        if (is_space(cp)) continue;
        if (cp >= U'A' && cp <= U'Z') cp += U'a' - U'A';
        if (cp == U'ケ' || cp == U'が') cp = U'ヶ';
        if (cp == U'ノ') cp = U'の';
        s.push_back(cp);
    }
    Forms out;
    bool stripped_chu = false;
    for (const std::u32string_view suffix : kSuffixes) {
        if (s.size() > suffix.size() && s.ends_with(suffix)) {
            out.normal = geo::to_utf8(std::u32string_view(s).substr(0, s.size() - suffix.size()));
            stripped_chu = suffix == U"中";
            break;
        }
    }
    if (out.normal.empty()) out.normal = geo::to_utf8(s);
    out.with_chu = stripped_chu ? geo::to_utf8(s) : out.normal;
    return out;
}

}  // namespace

std::string normalise_district_name(std::string_view name) {
    return forms_of(name).normal;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    const std::u32string x = geo::to_code_points(a);
    const std::u32string y = geo::to_code_points(b);
    std::vector<std::size_t> row(y.size() + 1);
    for (std::size_t j = 0; j <= y.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= x.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= y.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[y.size()];
}

std::size_t JoinReport::rows_not_joined() const {
    std::size_t n = 0;
    for (const JoinKey& k : unmatched_keys) n += k.rows;
    for (const JoinKey& k : ambiguous_keys) n += k.rows;
    return n;
}

std::vector<std::string> JoinReport::lines() const {
    std::vector<std::string> out;
    out.push_back(fmt::format("{}: {} matched, {} key(s) unmatched ({} row(s)), {} ambiguous, {} without a key", what,
                              matched.size(), unmatched_keys.size(), rows_not_joined(), ambiguous_keys.size(),
                              unmatched_targets.size()));
    auto where = [](const JoinKey& k) {
        if (k.line > 0 && k.rows > 1) return fmt::format(" (line {}, {} rows)", k.line, k.rows);
        if (k.line > 0) return fmt::format(" (line {})", k.line);
        if (k.rows > 1) return fmt::format(" ({} rows)", k.rows);
        return std::string();
    };
    for (const JoinKey& k : unmatched_keys)
        out.push_back(fmt::format("  no district for key \"{}\"{}", k.text, where(k)));
    for (const JoinKey& k : ambiguous_keys)
        out.push_back(fmt::format("  key \"{}\"{} fits several districts; use a district id", k.text, where(k)));
    for (const std::string& t : unmatched_targets) out.push_back(fmt::format("  no key for district \"{}\"", t));
    for (const NearMiss& m : near_misses)
        out.push_back(fmt::format("  near miss: key \"{}\"{} and district \"{}\" ({})", m.key.text, where(m.key),
                                  m.target_name, m.reason));
    return out;
}

NameJoin join_names(std::span<const JoinKey> keys, std::span<const JoinTarget> targets, std::string what) {
    std::map<std::string, std::size_t, std::less<>> by_id;
    std::vector<Forms> target_forms;
    target_forms.reserve(targets.size());
    for (std::size_t t = 0; t < targets.size(); ++t) {
        by_id.emplace(targets[t].id, t);
        target_forms.push_back(forms_of(targets[t].name));
    }
    auto targets_where = [&](auto&& fits) {
        std::vector<std::size_t> out;
        for (std::size_t t = 0; t < targets.size(); ++t)
            if (fits(target_forms[t])) out.push_back(t);
        return out;
    };

    NameJoin result;
    result.report.what = std::move(what);
    result.target_of_key.resize(keys.size());
    std::vector<bool> target_used(targets.size(), false);
    std::vector<std::size_t> unmatched;
    for (std::size_t k = 0; k < keys.size(); ++k) {
        const JoinKey& key = keys[k];
        if (const auto it = by_id.find(geo::trim(key.text)); it != by_id.end()) {
            result.target_of_key[k] = it->second;
            target_used[it->second] = true;
            result.report.matched.push_back({key.text, targets[it->second].name, true});
            continue;
        }
        const Forms f = forms_of(key.text);
        std::vector<std::size_t> fit = targets_where([&](const Forms& t) { return t.normal == f.normal; });
        if (fit.empty())
            fit = targets_where([&](const Forms& t) {
                return f.with_chu == t.normal || f.with_chu == t.with_chu || f.normal == t.with_chu;
            });
        if (fit.empty()) {
            unmatched.push_back(k);
            result.report.unmatched_keys.push_back(key);
        } else if (fit.size() > 1) {
            result.report.ambiguous_keys.push_back(key);
        } else {
            result.target_of_key[k] = fit.front();
            target_used[fit.front()] = true;
            result.report.matched.push_back({key.text, targets[fit.front()].name, false});
        }
    }
    for (std::size_t t = 0; t < targets.size(); ++t) {
        if (target_used[t]) continue;
        result.report.unmatched_targets.push_back(targets[t].name);
        for (const std::size_t k : unmatched) {
            const std::string key = normalise_district_name(keys[k].text);
            const std::string& name = target_forms[t].normal;
            if (key.empty() || name.empty()) continue;
            if (edit_distance(key, name) == 1)
                result.report.near_misses.push_back({keys[k], targets[t].name, "one character apart"});
            else if (key.starts_with(name) || name.starts_with(key))
                result.report.near_misses.push_back({keys[k], targets[t].name, "one is a prefix of the other"});
        }
    }
    return result;
}

}  // namespace needmap::analysis::demand
