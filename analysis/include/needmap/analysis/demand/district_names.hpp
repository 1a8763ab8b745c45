#pragma once

// Matching district names as people type them (「愛知中学校区」, 「愛知中」, 「愛知　中学校」) to the
// districts of a boundary layer, with a report of what matched, what did not and what nearly did.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace needmap::analysis::demand {

/// The form of a district name used for joining. In order:
///  1. full-width ASCII becomes half-width (ＡＢＣ１ → ABC1), half-width katakana becomes
///     full-width (ｱｲﾁ → アイチ, with ﾞ and ﾟ combined: ｶﾞ → ガ), ASCII letters become lower case;
///  2. every space (ASCII, ideographic U+3000, no-break) is removed;
///  3. spelling variants of place names are folded: ヶ, ケ and が to ヶ (緑ヶ丘 = 緑ケ丘 = 緑が丘),
///     ノ to の (津ノ辺 = 津の辺);
///  4. one suffix is stripped, the longest that fits and leaves something: 「中学校区」「中学校」
///     「中学区」「中学」「校区」「地区」, or a bare 「中」 (the usual short form: 「東中」 for
///     東中学校).
/// So 「愛知中学校区」, 「愛知中」 and 「愛知　中学校」 all become 「愛知」. A place name that itself
/// ends in 中 loses it (「府中」 becomes 「府」 while 「府中中学校」 becomes 「府中」); join_names
/// therefore also compares the names with a bare 中 kept, so 「府中」 still joins 「府中中学校」.
/// Precondition: valid UTF-8.
[[nodiscard]] std::string normalise_district_name(std::string_view name);

/// Levenshtein distance between two UTF-8 strings, counted in code points.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// A key to be joined (a district key of a survey table), where it was first seen and how many
/// rows carry it.
struct JoinKey {
    std::string text;
    std::size_t line = 0;  ///< 1-based line of its first row; 0 when it comes from no file
    std::size_t rows = 1;
};

/// Something keys are joined to: a district, by its id or its name.
struct JoinTarget {
    std::string id;
    std::string name;
};

struct KeyMatch {
    std::string key;
    std::string target_name;
    bool by_id = false;  ///< matched the target's id rather than its name
};

/// A key and a target that did not match but nearly did, after normalisation: one edit apart,
/// or one a prefix of the other.
struct NearMiss {
    JoinKey key;
    std::string target_name;
    std::string reason;  ///< "one character apart" or "one is a prefix of the other"
};

/// What a join of keys to districts did, for the run report. Nothing is dropped silently: every
/// key is matched, unmatched or ambiguous, and every target is matched or listed.
struct JoinReport {
    std::string what;  ///< e.g. "needs.csv column 圏域 → districts (A32-16_25.geojson)"
    std::vector<KeyMatch> matched;
    std::vector<JoinKey> unmatched_keys;         ///< keys that fit no target
    std::vector<JoinKey> ambiguous_keys;         ///< keys whose normalised name fits several targets
    std::vector<std::string> unmatched_targets;  ///< names of targets that no key fits
    std::vector<NearMiss> near_misses;

    /// Rows whose key is unmatched or ambiguous.
    [[nodiscard]] std::size_t rows_not_joined() const;
    /// One line per finding, for printing: a summary first, then each unmatched key (with its
    /// line and row count), each target without a key, and each near miss.
    [[nodiscard]] std::vector<std::string> lines() const;
};

struct NameJoin {
    std::vector<std::optional<std::size_t>> target_of_key;  ///< per key: the target it matched
    JoinReport report;
};

/// Joins keys to targets. A key matches a target when, trimmed, it equals the target's id; else
/// when its normalised name equals the target's and no other target's; else, failing any such
/// target, when its name with a bare 中 kept (see normalise_district_name) equals the target's
/// name in either form, again for exactly one target. A key fitting several targets is ambiguous.
/// Near misses are looked for between unmatched keys and unmatched targets. Keys should be
/// distinct; a repeated key matches the same target again.
[[nodiscard]] NameJoin join_names(std::span<const JoinKey> keys, std::span<const JoinTarget> targets, std::string what);

}  // namespace needmap::analysis::demand
