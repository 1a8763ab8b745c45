#include "needmap/analysis/pipeline/project_draft.hpp"

#include "needmap/analysis/demand/survey.hpp"
#include "needmap/analysis/transit/service_calendar.hpp"
#include "needmap/analysis/transit/transit.hpp"
#include "needmap/geo/csv.hpp"
#include "needmap/geo/error.hpp"
#include "needmap/geo/estat.hpp"
#include "needmap/geo/ksj.hpp"
#include "needmap/geo/layer_io.hpp"
#include "needmap/geo/text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <set>

namespace needmap::analysis::pipeline {
namespace fs = std::filesystem;

namespace {

/// A TOML basic string.
std::string toml_string(std::string_view s) {
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + '"';
}

/// A label folded for matching: half width, no spaces, ASCII lower case.
std::string folded(std::string_view label) {
    std::string out;
    for (const char c : geo::fold_width(geo::trim(label)))
        if (c != ' ') out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return out;
}

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

template <std::size_t N>
bool contains_any(std::string_view text, const std::array<std::string_view, N>& parts) {
    return std::any_of(parts.begin(), parts.end(), [&](std::string_view p) { return contains(text, p); });
}

/// The first of `names` whose folded label contains one of `parts`.
template <std::size_t N>
std::optional<std::size_t> find_label(const std::vector<std::string>& names, const std::array<std::string_view, N>& parts) {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (contains_any(folded(names[i]), parts)) return i;
    return std::nullopt;
}

std::vector<std::string> field_names(const geo::Layer& layer) {
    std::vector<std::string> out;
    for (const auto& f : layer.fields) out.push_back(f.name);
    return out;
}

std::optional<double> number(std::string_view text) {
    const std::string t(geo::trim(geo::fold_width(text)));
    if (t.empty()) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(t.c_str(), &end);
    if (end != t.c_str() + t.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

/// Writes the draft: sections of TOML, in the order of the template, in the user's language.
class Writer {
public:
    Writer(const fs::path& project_file, bool japanese)
        : m_folder(fs::absolute(project_file).lexically_normal().parent_path()), m_ja(japanese) {}

    [[nodiscard]] std::string_view tr(std::string_view en, std::string_view ja) const { return m_ja ? ja : en; }
    void line(std::string_view text) { m_toml += std::string(text) + '\n'; }
    void comment(std::string_view text) { line(fmt::format("# {}", text)); }
    void key(std::string_view name, std::string_view value_toml, std::string_view note = {}) {
        line(note.empty() ? fmt::format("{} = {}", name, value_toml) : fmt::format("{} = {}   # {}", name, value_toml, note));
    }
    void text_key(std::string_view name, std::string_view value, std::string_view note = {}) {
        key(name, toml_string(value), note);
    }
    /// A path key, written relative to the project file's folder.
    void path_key(std::string_view name, const fs::path& file, std::string_view note = {}) {
        text_key(name, relative(file), note);
    }
    /// Relative to the project's folder when the file is near it; absolute when the way there
    /// climbs more than two folders.
    [[nodiscard]] std::string relative(const fs::path& file) const {
        const fs::path r = fs::absolute(file).lexically_normal().lexically_relative(m_folder);
        const auto ups = std::count(r.begin(), r.end(), fs::path(".."));
        const auto depth = std::distance(m_folder.begin(), m_folder.end()) - 1;  // below the root
        return (r.empty() || ups > 2 || ups >= depth ? fs::absolute(file).lexically_normal() : r).generic_string();
    }
    void found(std::string text) { m_draft.found.push_back(std::move(text)); }
    void check(std::string text) { m_draft.to_check.push_back(std::move(text)); }
    [[nodiscard]] bool japanese() const { return m_ja; }

    Draft finish() {
        m_draft.toml = std::move(m_toml);
        return std::move(m_draft);
    }

private:
    fs::path m_folder;
    bool m_ja;
    std::string m_toml;
    Draft m_draft;
};

/// The values of one field of a layer, as text.
std::vector<std::string> values_of(const geo::Layer& layer, std::size_t field) {
    std::vector<std::string> out;
    for (const auto& f : layer.features) out.push_back(geo::to_text(f.values[field]));
    return out;
}

/// Distinct values with how often each occurs.
std::map<std::string, std::size_t> tally(const std::vector<std::string>& values) {
    std::map<std::string, std::size_t> out;
    for (const auto& v : values) ++out[v];
    return out;
}

std::string listed(const std::map<std::string, std::size_t>& counts, std::size_t at_most = 8) {
    std::string out;
    std::size_t n = 0;
    for (const auto& [value, count] : counts) {
        if (n++ == at_most) return out + fmt::format(", ... ({} in all)", counts.size());
        out += fmt::format("{}{} ({})", out.empty() ? "" : ", ", value, count);
    }
    return out;
}

/// name_field, and a `where` keeping the town's rows of a prefecture-wide list; the town's name
/// from the list's 市区町村名 where `town` is empty.
void write_place_fields(Writer& w, const fs::path& path, const std::string& municipality, bool capacity,
                        std::string& town) {
    const geo::Layer layer = geo::read_layer(path);
    const auto names = field_names(layer);
    if (const auto name = find_label(names, std::array<std::string_view, 4>{"名称", "name", "施設名", "店舗名"});
        name && !contains(folded(names[*name]), "カナ"))
        w.text_key("name_field", names[*name]);
    std::string kept;
    if (const auto code = find_label(names, std::array<std::string_view, 3>{"市区町村コード", "行政区域コード", "自治体コード"})) {
        const auto counts = tally(values_of(layer, *code));
        if (counts.size() > 1) {
            // Codes may carry the check digit (352021): keep those that start with the town's code.
            std::string value;
            for (const auto& [v, n] : counts)
                if (!municipality.empty() && v.starts_with(municipality)) value = v;
            if (!value.empty()) {
                const bool text = layer.fields[*code].type == geo::FieldType::String;
                w.key("where", toml_string(fmt::format("{} = {}", names[*code], text ? "'" + value + "'" : value)),
                      fmt::format("{} {} / {}", w.tr("the town's rows:", "この市区町村の行："), counts.at(value), layer.features.size()));
                kept = w.japanese() ? fmt::format("（うち {} 件を where で抽出）", counts.at(value))
                                    : fmt::format(", {} kept by where", counts.at(value));
                const auto town_field = find_label(names, std::array<std::string_view, 2>{"市区町村名", "市町村名"});
                for (std::size_t i = 0; town_field && town.empty() && i < layer.features.size(); ++i)
                    if (geo::to_text(layer.features[i].values[*code]) == value)
                        town = geo::to_text(layer.features[i].values[*town_field]);
            } else {
                w.comment(fmt::format("where = \"{} = ...\"   # {}", names[*code],
                                      w.tr("a list of several municipalities: keep the town's rows", "複数の市区町村の一覧：この市区町村の行に絞る")));
                w.check(fmt::format("{}: {} ({})", path.filename().string(),
                                    w.tr("lists several municipalities; set where", "複数の市区町村を含みます。where を指定してください"),
                                    listed(counts, 5)));
            }
        }
    }
    if (const auto field = find_label(names, std::array<std::string_view, 2>{"定員", "capacity"}); field && capacity)
        w.text_key("capacity_field", names[*field]);
    w.found(fmt::format("{}: {}{}{}", path.filename().string(), layer.features.size(), w.tr(" places", " 件"), kept));
}

// ---- districts ----------------------------------------------------------------------------

struct DistrictFacts {
    std::string town_name;     ///< for the project's name
    std::string municipality;  ///< the code kept, when known
};

void write_districts(Writer& w, const DraftInputs& in, DistrictFacts& facts) {
    w.line("[districts]");
    if (in.districts.empty() && in.centres.empty()) {
        w.comment(w.tr("No districts given: give the 中学校区 polygons (国土数値情報 A32), or one centre point per district.",
                       "中学校区が未指定です。国土数値情報 A32 の中学校区ポリゴンか、圏域ごとの拠点の点データを指定してください。"));
        w.text_key("file", "districts/A32-XX_XX.geojson");
        w.check(std::string(w.tr("[districts] file: give the district polygons", "[districts] file: 圏域のポリゴンを指定")));
        w.line("");
        return;
    }
    if (!in.centres.empty()) {
        w.comment(w.tr("One district per centre point: the area nearer to it than to any other (approximate).",
                       "拠点ごとに、その拠点が最も近い範囲を一つの圏域とします（概略の圏域）。"));
        w.path_key("centres", in.centres);
        write_place_fields(w, in.centres, facts.municipality, false, facts.town_name);
        w.check(std::string(w.tr("[districts] centres: every row is taken as a district's centre; if the list holds other "
                                 "places too, narrow `where` (e.g. AND 名称 LIKE '%センター%')",
                                 "[districts] centres: すべての行を圏域の拠点とします。他の施設も含む一覧なら where を絞ってください"
                                 "（例：AND 名称 LIKE '%センター%'）")));
        if (!in.boundary.empty())
            w.path_key("boundary", in.boundary, w.tr("the municipal boundary (N03)", "行政区域（N03）"));
        else
            w.comment(w.tr("boundary = \"N03-XX_XX.geojson\"   # clip to the municipal boundary (国土数値情報 N03)",
                           "boundary = \"N03-XX_XX.geojson\"   # 行政区域（国土数値情報 N03）で切り取る"));
        w.line("");
        return;
    }
    const geo::Layer layer = geo::read_layer(in.districts);
    const std::string file = in.districts.filename().string();
    w.path_key("file", in.districts);
    const auto names = field_names(layer);
    std::optional<std::size_t> municipality_field;
    if (const auto a32 = geo::detect_a32_layout(layer)) {
        w.found(fmt::format("{}: {} A32 {} ({} {})", file, w.tr("国土数値情報", "国土数値情報"), a32->edition,
                            layer.features.size(), w.tr("districts", "圏域")));
        municipality_field = a32->municipality_code;
        if (a32->municipality_name && !layer.features.empty())
            facts.town_name = geo::to_text(layer.features.front().values[*a32->municipality_name]);
        else if (const auto n = layer.field_index("A32_002"); n && !layer.features.empty())
            facts.town_name = geo::to_text(layer.features.front().values[*n]);
    } else if (layer.field_index("N03_007") && layer.field_index("N03_004")) {
        w.found(fmt::format("{}: {}", file,
                            w.tr("国土数値情報 N03 (administrative areas): each municipality is one district",
                                 "国土数値情報 N03（行政区域）：市区町村全体を一つの圏域とします")));
        w.text_key("id_field", "N03_007");
        w.text_key("name_field", "N03_004");
        w.key("municipality_field", toml_string("N03_007"));
        municipality_field = layer.field_index("N03_007");
        if (!layer.features.empty()) facts.town_name = geo::to_text(layer.features.front().values[*layer.field_index("N03_004")]);
    } else {
        // Any other polygon layer: an id whose values differ, and a name.
        std::optional<std::size_t> id;
        for (std::size_t i = 0; i < layer.fields.size() && !id; ++i) {
            const auto values = values_of(layer, i);
            const auto counts = tally(values);
            if (counts.size() == values.size() && !counts.contains("")) id = i;
        }
        const auto name = find_label(names, std::array<std::string_view, 3>{"名", "name", "校区"});
        if (id) w.text_key("id_field", names[*id], w.tr("guessed: check", "推定：確認してください"));
        else w.text_key("id_field", "fid", w.tr("no field has a different value in every feature", "値がすべて異なる列がないため地物番号を使います"));
        if (name) w.text_key("name_field", names[*name], w.tr("guessed: check", "推定：確認してください"));
        w.check(fmt::format("[districts] id_field, name_field: {} ({})", w.tr("guessed from the fields", "列名から推定"),
                            fmt::format("{}", fmt::join(names, ", "))));
    }
    if (municipality_field) {
        const auto counts = tally(values_of(layer, *municipality_field));
        if (!in.municipality.empty()) {
            if (!counts.contains(in.municipality))
                throw geo::InputError(fmt::format("{}: no district of municipality {} (there are: {})", layer.source,
                                                  in.municipality, listed(counts)));
            w.text_key("municipality", in.municipality);
            facts.municipality = in.municipality;
        } else if (counts.size() == 1) {
            facts.municipality = counts.begin()->first;
            w.comment(fmt::format("municipality = {}   # {}", toml_string(facts.municipality),
                                  w.tr("the only one in the file", "ファイル内の唯一の市区町村")));
        } else {
            w.comment(fmt::format("municipality = \"{}\"   # {}", counts.begin()->first,
                                  w.tr("keep one municipality", "一つの市区町村に絞る")));
            w.check(fmt::format("[districts] municipality: {} {}", w.tr("the file holds several:", "複数の市区町村を含みます："),
                                listed(counts)));
        }
    }
    w.line("");
}

// ---- population -----------------------------------------------------------------------------

struct Band {
    std::string name;
    std::string column;  ///< code
    std::string label;
};

/// The band columns of an e-Stat table, by their Japanese labels (both sexes only).
std::vector<Band> bands_of(const geo::EstatTable& table) {
    std::vector<Band> out;
    const auto add = [&](std::string name, const geo::EstatColumn& c) {
        if (std::none_of(out.begin(), out.end(), [&](const Band& b) { return b.name == name; }))
            out.push_back({std::move(name), c.code, std::string(geo::trim(c.label))});
    };
    for (const auto& c : table.columns) {
        const std::string l = folded(c.label);
        if (contains(l, "男") || contains(l, "女") || contains(l, "世帯")) continue;
        if (l.starts_with("人口(総数)") || l == "人口総数" || l == "総数" || l.starts_with("総数、年齢"))
            add("pop_total", c);
        else if (contains(l, "65歳以上"))
            add("pop65", c);
        else if (contains(l, "75歳以上"))
            add("pop75", c);
        else if (contains(l, "85歳以上"))
            add("pop85", c);
    }
    return out;
}

bool is_mesh_code(std::string_view key) {
    return (key.size() == 8 || key.size() == 9 || key.size() == 10 || key.size() == 11) &&
           std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void write_population(Writer& w, const DraftInputs& in) {
    w.line("[population]");
    if (in.population.empty()) {
        w.comment(w.tr("No population given: the e-Stat mesh table of people by age (T001141 for 500 m, T001142 for 250 m).",
                       "人口が未指定です。e-Stat の地域メッシュ統計（500m は T001141、250m は T001142）を指定してください。"));
        w.text_key("type", "mesh");
        w.text_key("file", "population/tblT001141HXXXX.zip");
        w.check(std::string(w.tr("[population] file: give the e-Stat mesh table", "[population] file: e-Stat のメッシュ統計を指定")));
        w.line("");
        return;
    }
    std::vector<std::string> files;
    for (const auto& p : in.population) files.push_back(toml_string(w.relative(p)));
    const std::string file_value = files.size() == 1 ? files.front() : fmt::format("[{}]", fmt::join(files, ", "));

    std::optional<geo::EstatTable> table;
    try {
        table = geo::read_estat_table(in.population.front());
    } catch (const geo::InputError&) {  // not an e-Stat table: a layer with band fields
    }
    if (!table) {
        const geo::Layer layer = geo::read_layer(in.population.front());
        w.text_key("type", "layer");
        w.key("file", file_value);
        const auto names = field_names(layer);
        w.comment(w.tr("key_field = \"\"   # the id field", "key_field = \"\"   # ID の列"));
        w.line("elderly_band = \"pop65\"");
        w.line("[population.bands]");
        const auto p65 = find_label(names, std::array<std::string_view, 2>{"65", "６５"});
        const auto p75 = find_label(names, std::array<std::string_view, 2>{"75", "７５"});
        w.text_key("pop65", p65 ? names[*p65] : "");
        if (p75) w.text_key("pop75", names[*p75]);
        w.check(fmt::format("[population.bands]: {} ({})", w.tr("the age fields were guessed", "年齢の列は推定です"),
                            fmt::format("{}", fmt::join(names, ", "))));
        w.line("");
        return;
    }
    const bool mesh = !table->rows.empty() && std::all_of(table->rows.begin(), table->rows.end(), [](const geo::EstatRow& r) {
        return r.level == 0 && is_mesh_code(r.key_code);
    });
    const std::vector<Band> bands = bands_of(*table);
    const std::string_view kind = mesh ? w.tr("e-Stat mesh table", "e-Stat 地域メッシュ統計") : w.tr("e-Stat small-area table", "e-Stat 小地域集計");
    w.found(w.japanese() ? fmt::format("{}: {}（{} 行、{}）", in.population.front().filename().string(), kind, table->rows.size(), table->encoding)
                         : fmt::format("{}: {} ({} rows, {})", in.population.front().filename().string(), kind, table->rows.size(), table->encoding));
    w.text_key("type", mesh ? "mesh" : "small_area");
    w.key("file", file_value, files.size() > 1 ? w.tr("read as one population", "まとめて一つの人口として読みます") : "");
    if (!mesh) {
        w.text_key("boundaries", "population/r2kaXXXXX.shp", w.tr("the 境界データ of the same areas (e-Stat)", "同じ小地域の境界データ（e-Stat）"));
        w.text_key("key_field", "KEY_CODE");
        w.check(std::string(w.tr("[population] boundaries: give the e-Stat boundary layer of the small areas",
                                 "[population] boundaries: 小地域の境界データ（e-Stat）を指定")));
    }
    const bool has65 = std::any_of(bands.begin(), bands.end(), [](const Band& b) { return b.name == "pop65"; });
    w.text_key("elderly_band", has65 ? "pop65" : "", w.tr("the band the survey rates apply to", "ニーズ調査の率を掛ける年齢層"));
    w.line("[population.bands]");
    for (const Band& b : bands) {
        w.text_key(b.name, b.column, b.label);
        w.found(fmt::format("  {} = {} ({})", b.name, b.column, b.label));
    }
    if (!has65)
        w.check(std::string(w.tr("[population.bands] pop65: no column labelled 65歳以上 was found; name it",
                                 "[population.bands] pop65: 「65歳以上」の列が見つかりません。列を指定してください")));
    w.line("");
}

// ---- survey ---------------------------------------------------------------------------------

bool is_answer(std::string_view value) {
    const demand::RespondentSurveyConfig defaults;
    const std::string v = folded(value);
    const auto same = [&](const std::string& a) { return folded(a) == v; };
    return std::any_of(defaults.yes_values.begin(), defaults.yes_values.end(), same) ||
           std::any_of(defaults.no_values.begin(), defaults.no_values.end(), same);
}

/// Need names the survey has, for the resources' `need`.
std::vector<std::string> write_survey(Writer& w, const DraftInputs& in) {
    if (in.survey.empty()) {
        w.comment(w.tr("[survey]: not given. The needs survey (ニーズ調査) weights each gap by the people who need the "
                       "place; without it the gap counts people 65+.",
                       "[survey]：未指定。ニーズ調査を加えると、空白地域を「その場所を必要とする人」の数で重み付けします。"
                       "無い場合は 65 歳以上人口で数えます。"));
        w.line("");
        return {};
    }
    geo::CsvReader reader = geo::CsvReader::open(in.survey);
    const geo::CsvTable t = geo::read_csv_table(reader);
    const auto& h = t.header;
    const auto column_values = [&](std::size_t c) {
        std::vector<std::string> out;
        for (const auto& row : t.rows)
            if (!geo::trim(row[c]).empty()) out.emplace_back(geo::trim(row[c]));
        return out;
    };
    const auto all = [&](std::size_t c, const auto& test) {
        const auto values = column_values(c);
        return !values.empty() && std::all_of(values.begin(), values.end(), test);
    };
    const auto key = find_label(h, std::array<std::string_view, 6>{"圏域", "校区", "中学校", "地区", "district", "area"});
    const auto mesh = find_label(h, std::array<std::string_view, 2>{"メッシュ", "mesh"});
    const auto lon = find_label(h, std::array<std::string_view, 3>{"経度", "lon", "lng"});
    const auto lat = find_label(h, std::array<std::string_view, 2>{"緯度", "lat"});
    // Columns of yes/no answers: はい/いいえ and the like, or 0/1 in a table too long to be one row
    // per district (a town has a few dozen districts at most).
    std::vector<std::size_t> answers;
    const bool long_table = t.rows.size() > 100;
    for (std::size_t c = 0; c < h.size(); ++c)
        if (all(c, is_answer) && (long_table || !all(c, [](const std::string& v) { return number(v).has_value(); })))
            answers.push_back(c);

    w.line("[survey]");
    const std::string file = in.survey.filename().string();
    std::vector<std::string> needs;
    if (!answers.empty()) {
        w.text_key("type", "respondent");
        w.path_key("file", in.survey);
        if (key) w.text_key("key", h[*key]);
        else if (mesh) w.text_key("mesh", h[*mesh]);
        else if (lon && lat) {
            w.text_key("lon", h[*lon]);
            w.text_key("lat", h[*lat]);
        } else {
            w.text_key("key", "", w.tr("the district column", "圏域の列"));
            w.check(fmt::format("[survey] key: {} ({})", w.tr("no district, mesh or lon/lat column found", "圏域・メッシュ・緯度経度の列が見つかりません"),
                                fmt::format("{}", fmt::join(h, ", "))));
        }
        w.found(fmt::format("{}: {} ({} {})", file, w.tr("needs survey, one row per respondent", "ニーズ調査（回答者ごと）"),
                            t.rows.size(), w.tr("respondents", "人")));
        w.line("min_respondents = 30");
        for (const std::size_t c : answers) {
            w.line("");
            w.line("[[survey.needs]]");
            w.text_key("name", h[c]);
            w.text_key("column", h[c]);
            needs.push_back(h[c]);
        }
        w.line("");
        return needs;
    }
    const auto respondents = find_label(h, std::array<std::string_view, 3>{"回答者", "回答数", "respondent"});
    w.text_key("type", "district");
    w.path_key("file", in.survey);
    w.text_key("key", key ? h[*key] : h.front());
    if (respondents) w.text_key("respondents", h[*respondents]);
    else w.check(std::string(w.tr("[survey] respondents: no column of respondent counts (回答者数) found",
                                  "[survey] respondents: 回答者数の列が見つかりません")));
    w.line("min_respondents = 30       # " + std::string(w.tr("districts with fewer are flagged: small samples are noise",
                                                              "これより少ない圏域は、標本が小さい印を付けます")));
    w.found(fmt::format("{}: {} ({} {})", file, w.tr("needs survey, per district", "ニーズ調査（圏域ごと集計）"), t.rows.size(),
                        w.tr("districts", "圏域")));
    for (std::size_t c = 0; c < h.size(); ++c) {
        if ((key && c == *key) || (!key && c == 0) || (respondents && c == *respondents)) continue;
        const std::string label = folded(h[c]);
        if (contains_any(label, std::array<std::string_view, 4>{"配布", "対象", "発送", "回収"})) continue;
        if (!all(c, [](const std::string& v) { return number(v).has_value(); })) continue;
        const auto values = column_values(c);
        double top = 0;
        for (const auto& v : values) top = std::max(top, *number(v));
        const char* measure = top <= 1 ? "rate"
                              : contains_any(label, std::array<std::string_view, 3>{"率", "割合", "%"}) ? "percent"
                                                                                                        : "count";
        w.line("");
        w.line("[[survey.needs]]");
        w.text_key("name", h[c]);
        w.text_key("column", h[c]);
        w.text_key("measure", measure, w.tr("\"count\", \"rate\" (0..1) or \"percent\"", "人数は count、0〜1 の率は rate、百分率は percent"));
        needs.push_back(h[c]);
    }
    if (needs.empty())
        w.check(std::string(w.tr("[[survey.needs]]: no column of counts or rates found", "[[survey.needs]]: 人数や率の列が見つかりません")));
    w.line("");
    return needs;
}

// ---- places -----------------------------------------------------------------------------------

/// The survey need that a kind of place serves, by words in the need's name.
std::string need_for(std::string_view kind, const std::vector<std::string>& needs) {
    const std::string k = folded(kind);
    const bool salon = contains_any(k, std::array<std::string_view, 4>{"salon", "サロン", "通い", "kayoi"});
    const bool shop = contains_any(k, std::array<std::string_view, 5>{"shop", "store", "店", "買", "super"});
    for (const auto& n : needs) {
        const std::string f = folded(n);
        if (salon && contains_any(f, std::array<std::string_view, 3>{"通い", "サロン", "参加"})) return n;
        if (shop && contains_any(f, std::array<std::string_view, 3>{"買物", "買い物", "食料"})) return n;
        if (contains(f, k)) return n;
    }
    return {};
}

void write_resources(Writer& w, const DraftInputs& in, const std::vector<std::string>& needs, DistrictFacts& facts) {
    if (in.resources.empty()) {
        w.comment(w.tr("No places given: add one [[resources]] per kind (salons, shops, ...).",
                       "資源が未指定です。種類ごとに [[resources]] を加えてください（サロン、店舗など）。"));
        w.line("[[resources]]");
        w.text_key("kind", "salon");
        w.text_key("file", "resources/salons.csv");
        w.check(std::string(w.tr("[[resources]]: give the places", "[[resources]]: 資源（サロン等）の一覧を指定")));
        w.line("");
        return;
    }
    for (const auto& [kind, path] : in.resources) {
        w.line("[[resources]]");
        w.text_key("kind", kind);
        w.path_key("file", path);
        write_place_fields(w, path, facts.municipality, true, facts.town_name);
        if (const std::string need = need_for(kind, needs); !need.empty())
            w.text_key("need", need, w.tr("the survey need this kind serves", "この資源が応えるニーズ"));
        else if (!needs.empty()) {
            w.comment(fmt::format("need = \"{}\"   # {}", needs.front(), w.tr("the survey need this kind serves", "この資源が応えるニーズ")));
            w.check(fmt::format("[[resources]] {}: {}", kind, w.tr("which survey need does it serve? set need", "どのニーズに応えるか need を指定")));
        }
        const std::string k = folded(kind);
        if (contains_any(k, std::array<std::string_view, 4>{"shop", "store", "店", "super"}))
            w.key("food_store", "true", w.tr("counts for the national yardstick (食料品アクセス)", "国の指標（食料品アクセス困難人口）に数える"));
        w.line("");
    }
}

// ---- streets, buses, candidates ------------------------------------------------------------

void write_streets(Writer& w, const DraftInputs& in) {
    w.line("[streets]");
    if (in.streets.empty()) {
        w.comment(w.tr("No streets given: an OpenStreetMap extract of the town (.osm.pbf), or a road line layer.",
                       "道路が未指定です。OpenStreetMap の抽出（.osm.pbf）か、道路の線データを指定してください。"));
        w.text_key("osm", "streets/town.osm.pbf");
        w.check(std::string(w.tr("[streets]: give the streets", "[streets]: 道路データを指定")));
    } else {
        const std::string name = in.streets.filename().string();
        const bool osm = name.ends_with(".pbf") || name.ends_with(".osm") || name.ends_with(".osm.bz2");
        w.path_key(osm ? "osm" : "network", in.streets);
        w.found(fmt::format("{}: {}", name, osm ? w.tr("OpenStreetMap", "OpenStreetMap") : w.tr("road line layer", "道路の線データ")));
    }
    if (!in.dem.empty()) {
        w.path_key("dem", in.dem);
        w.found(fmt::format("{}: {}", in.dem.filename().string(),
                            w.tr("elevation model (walking slows on slopes)", "標高データ（坂道では歩く時間が延びます）")));
    } else {
        w.comment(w.tr("With an elevation model (e.g. GSI 基盤地図情報 DEM as GeoTIFF), walking slows on slopes:",
                       "標高データ（国土地理院の基盤地図情報 DEM を GeoTIFF にしたものなど）があれば、坂道で歩く時間が延びます："));
        w.line("# dem = \"dem.tif\"");
    }
    w.line("");
}

/// The weekday with the most trips of all feeds together, from today on when the feeds still run.
std::optional<transit::Date> busiest_weekday(const std::vector<transit::ServiceCalendar>& calendars) {
    std::optional<transit::DateRange> range;
    for (const auto& c : calendars) {
        if (!c.range()) continue;
        if (!range) range = *c.range();
        range->first = std::min(range->first, c.range()->first);
        range->last = std::max(range->last, c.range()->last);
    }
    if (!range) return std::nullopt;
    const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    const auto today = transit::Date::from_days_since_epoch(static_cast<std::int32_t>(now.time_since_epoch().count()));
    transit::Date d = range->contains(today) ? today : range->first;
    std::optional<transit::Date> best;
    std::size_t best_trips = 0;
    for (int n = 0; n < 366 && d <= range->last; ++n, d = d + 1) {
        if (d.weekday() == transit::Weekday::Saturday || d.weekday() == transit::Weekday::Sunday) continue;
        std::size_t trips = 0;
        for (const auto& c : calendars) trips += c.trips_on(d);
        if (trips > best_trips) {
            best = d;
            best_trips = trips;
        }
    }
    return best;
}

void write_transit(Writer& w, const DraftInputs& in) {
    if (in.gtfs.empty()) {
        w.comment(w.tr("[transit]: not given. GTFS-JP feeds of the town's buses add trips by bus to walking "
                       "(gtfs = [\"community-bus.zip\"], departure = \"YYYY-MM-DDT09:00\").",
                       "[transit]：未指定。コミュニティバス等の GTFS-JP を加えると、徒歩に加えてバスでの移動も数えます"
                       "（gtfs = [\"community-bus.zip\"]、departure = \"YYYY-MM-DDT09:00\"）。"));
        w.line("");
        return;
    }
    std::vector<transit::Feed> feeds;
    std::vector<transit::ServiceCalendar> calendars;
    std::vector<std::string> files;
    for (const auto& p : in.gtfs) {
        feeds.push_back(transit::load_feed(p));
        calendars.emplace_back(feeds.back());
        files.push_back(toml_string(w.relative(p)));
        w.found(fmt::format("{}: GTFS, {} {}, {}", p.filename().string(), feeds.back().running_trip_count(),
                            w.tr("trips", "便"), calendars.back().range() ? calendars.back().range()->to_string() : "?"));
    }
    w.line("[transit]");
    w.key("gtfs", fmt::format("[{}]", fmt::join(files, ", ")));
    if (const auto day = busiest_weekday(calendars)) {
        w.text_key("departure", day->to_string() + "T09:00",
                   w.tr("a weekday with the most trips; the window starts here", "便が最も多い平日。この時刻から集計します"));
    } else {
        w.text_key("departure", "YYYY-MM-DDT09:00");
        w.check(std::string(w.tr("[transit] departure: no weekday with trips found in the feeds' calendars",
                                 "[transit] departure: 運行のある平日が見つかりません")));
    }
    w.comment(w.tr("arrive_by = \"...T10:00\"   # instead of departure: be there by then (a salon opening at 10:00)",
                   "arrive_by = \"...T10:00\"   # departure の代わりに：この時刻までに着く（10時に始まるサロンなど）"));
    w.line("window = 120               # " + std::string(w.tr("minutes of departures, one a minute", "出発時刻の幅（分）、1 分ごと")));
    w.line("percentile = 50");
    w.line("max_walk_to_stop = 800     # " + std::string(w.tr("metres", "メートル")));
    w.line("max_rides = 3");
    w.line("");
}

void write_candidates(Writer& w, const DraftInputs& in, DistrictFacts& facts) {
    w.line("[candidates]");
    if (in.candidates.empty()) {
        w.line("grid = 250                 # " + std::string(w.tr("candidate points every 250 m where people live; "
                                                                   "or file = \"community_halls.csv\"",
                                                                   "人が住む所に 250m ごとの候補地点。公民館等の一覧なら file = \"…\"")));
    } else {
        w.path_key("file", in.candidates);
        write_place_fields(w, in.candidates, facts.municipality, false, facts.town_name);
    }
    std::vector<std::string> kinds;
    for (const auto& r : in.resources) kinds.push_back(toml_string(r.first));
    if (!kinds.empty()) w.key("kinds", fmt::format("[{}]", fmt::join(kinds, ", ")));
    w.line("");
}

void write_parameters(Writer& w) {
    w.line("[parameters]");
    w.line("threshold = 30             # " + std::string(w.tr("minutes", "分")));
    w.line("walk_speed = 3.0           # " + std::string(w.tr("km/h, for older walkers", "km/h、高齢者の歩く速さ")));
    w.line("max_snap = 500             # " + std::string(w.tr("metres", "メートル")));
    w.line("new_sites = 3              # " + std::string(w.tr("per kind", "種類ごと")));
}

}  // namespace

Draft draft_project(const DraftInputs& in, const fs::path& project_file, bool japanese) {
    Writer w(project_file, japanese);
    const std::string file = project_file.filename().string();
    w.comment(fmt::format("{} {}", w.tr("needmap project file, drafted by needmap init from the files given. Run it with:",
                                        "needmap の設定ファイル（needmap init が指定のファイルから作成）。実行："),
                          fmt::format("needmap run {} -o results.gpkg", file)));
    w.comment(w.tr("Paths are relative to this file. Lines starting with # are comments; `needmap init` alone writes "
                   "a template with every key.",
                   "パスはこのファイルからの相対パスです。# で始まる行は注記です。全項目の雛形は needmap init だけで作れます。"));
    w.line("");

    // Sections are drafted into their own writer first: the project's name comes from the districts.
    Writer body(project_file, japanese);
    DistrictFacts facts;
    facts.municipality = in.municipality;
    write_districts(body, in, facts);
    write_population(body, in);
    const std::vector<std::string> needs = write_survey(body, in);
    write_resources(body, in, needs, facts);
    write_streets(body, in);
    write_transit(body, in);
    write_candidates(body, in, facts);
    write_parameters(body);

    const int year = static_cast<int>(std::chrono::year_month_day(
        std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())).year());
    const std::string town = facts.town_name.empty() ? std::string(w.tr("Our town", "○○町")) : facts.town_name;
    w.line("[project]");
    w.text_key("name", in.name.empty() ? fmt::format("{} {} {}", town, w.tr("community support plan", "生活支援体制整備"), year)
                                       : in.name);
    w.comment(w.tr("attribution = [\"出典：...\"]   # credits the maps and reports print",
                   "attribution = [\"出典：...\"]   # 地図と報告書に載せる出典"));
    w.line("");
    Draft d = body.finish();
    Draft out = w.finish();
    out.toml += d.toml;
    out.found = std::move(d.found);
    out.to_check = std::move(d.to_check);
    return out;
}

}  // namespace needmap::analysis::pipeline
