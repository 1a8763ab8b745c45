#include "needmap/analysis/pipeline/results_schema.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

namespace needmap::analysis::pipeline::schema {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

/// The label with "{min}" replaced by the threshold ("30", or "22.5").
std::string label_of(std::string_view label, double threshold_min) {
    std::string out(label);
    if (const auto at = out.find("{min}"); at != std::string::npos)
        out.replace(at, 5, fmt::format("{:g}", threshold_min));
    return out;
}

/// "pop65" → 65歳以上人口, "pop_total" → 総人口; any other band is called by its name.
std::string band_label(std::string_view band) {
    if (band == "pop_total") return "総人口";
    const std::string_view digits = band.substr(std::min<std::size_t>(3, band.size()));
    if (band.starts_with("pop") && !digits.empty() &&
        std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); }))
        return fmt::format("{}歳以上人口", digits);
    return std::string(band);
}

/// True for a name that the numbered short names take: "k<digits>_...", "n<digits>_...", "band<digits>".
bool looks_numbered(std::string_view name) {
    for (const std::string_view head : {"k", "n", "band"}) {
        if (!name.starts_with(head)) continue;
        const std::string_view rest = name.substr(head.size());
        const std::size_t digits = rest.find_first_not_of("0123456789");
        if (digits == 0) continue;
        if (head == "band" || (digits != std::string_view::npos && rest[digits] == '_')) return true;
    }
    return false;
}

/// The short names of every fixed field of every layer, in lower case.
const std::set<std::string>& fixed_short_names() {
    static const std::set<std::string> names = [] {
        std::set<std::string> out;
        auto add = [&](const auto& fields) {
            for (const Field& f : fields) out.insert(lower(f.short_name));
        };
        add(kDistrictFields);
        add(kDistrictCountFields);
        add(kYardstickFields);
        add(kPointFields);
        add(kPlaceFields);
        add(kRankFields);
        add(kServiceAreaFields);
        add(kSummaryFields);
        add(kChangeFields);
        add(kBusStopFields);
        add(kBusRouteFields);
        return out;
    }();
    return names;
}

/// The band's Shapefile name: its own where that is plain, short and free, else "band<i>".
std::vector<std::string> band_short_names(const std::vector<std::string>& bands) {
    std::vector<std::string> out;
    std::set<std::string> taken;
    for (std::size_t b = 0; b < bands.size(); ++b) {
        const std::string& name = bands[b];
        const bool plain = !name.empty() && name.size() <= 10 && !std::isdigit(static_cast<unsigned char>(name[0])) &&
                           std::all_of(name.begin(), name.end(),
                                       [](unsigned char c) { return c < 0x80 && (std::isalnum(c) || c == '_'); });
        const bool free = plain && !looks_numbered(lower(name)) && !fixed_short_names().contains(lower(name)) &&
                          !taken.contains(lower(name));
        out.push_back(free ? name : fmt::format("band{}", b + 1));
        taken.insert(lower(out.back()));
    }
    return out;
}

class Composer {
public:
    explicit Composer(double threshold_min) : m_threshold_min(threshold_min) {}

    template <std::size_t N>
    void add(const std::array<Field, N>& fields) {
        for (const Field& f : fields)
            m_fields.push_back({std::string(f.name), f.type, std::string(f.short_name),
                                label_of(f.label, m_threshold_min), std::string(f.unit), ""});
    }
    /// Per-kind (letter 'k') or per-need ('n') fields of the `number`th (from 1) named `owner`.
    template <std::size_t N>
    void add(const std::array<Field, N>& fields, char letter, std::size_t number, const std::string& owner) {
        for (const Field& f : fields)
            m_fields.push_back({field(owner, f.name), f.type, fmt::format("{}{}_{}", letter, number, f.short_name),
                                fmt::format("{}：{}", owner, label_of(f.label, m_threshold_min)), std::string(f.unit),
                                fmt::format("{}{} = {}", letter, number, owner)});
    }
    /// Cumulative opportunities of a kind at each cut-off: per point (places) or per district (share).
    void add_cutoffs(std::span<const int> cutoffs, bool district, std::size_t number, const std::string& owner) {
        for (const int c : cutoffs)
            m_fields.push_back({field(owner, district ? reach_field(c) : within_field(c)),
                                district ? FieldType::Real : FieldType::Integer,
                                fmt::format("k{}_{}{}", number, district ? 'r' : 'w', c),
                                fmt::format(fmt::runtime(district ? "{}：{}分以内に行ける高齢者の割合" : "{}：{}分以内の箇所数"),
                                            owner, c),
                                district ? "0..1" : "places", fmt::format("k{} = {}", number, owner)});
    }
    void add_bands(const std::vector<std::string>& bands) {
        const std::vector<std::string> short_names = band_short_names(bands);
        for (std::size_t b = 0; b < bands.size(); ++b)
            m_fields.push_back({bands[b], FieldType::Real, short_names[b], band_label(bands[b]), "people", ""});
    }
    /// The fields, each label made unique within the layer (by the field's name after it).
    std::vector<NamedField> take() {
        std::set<std::string> labels;
        for (NamedField& f : m_fields)
            if (!labels.insert(f.label).second) f.label += fmt::format("（{}）", f.name);
        return std::move(m_fields);
    }

private:
    double m_threshold_min;
    std::vector<NamedField> m_fields;
};

}  // namespace

std::vector<NamedField> layer_fields(std::string_view layer, const RunNames& names) {
    Composer c(names.threshold_min);
    if (layer == kDistricts) {
        c.add(kDistrictFields);
        c.add_bands(names.bands);
        c.add(kDistrictCountFields);
        for (std::size_t n = 0; n < names.needs.size(); ++n) c.add(kDistrictNeedFields, 'n', n + 1, names.needs[n]);
        for (std::size_t k = 0; k < names.kinds.size(); ++k) {
            c.add(kDistrictKindFields, 'k', k + 1, names.kinds[k]);
            c.add_cutoffs(names.cutoffs_min, true, k + 1, names.kinds[k]);
            c.add(kDistrictKindWalkFields, 'k', k + 1, names.kinds[k]);
        }
        c.add(kYardstickFields);
    } else if (layer == kPoints) {
        c.add(kPointFields);
        c.add_bands(names.bands);
        for (std::size_t n = 0; n < names.needs.size(); ++n) c.add(kPointNeedFields, 'n', n + 1, names.needs[n]);
        for (std::size_t k = 0; k < names.kinds.size(); ++k) {
            c.add(kPointKindFields, 'k', k + 1, names.kinds[k]);
            c.add_cutoffs(names.cutoffs_min, false, k + 1, names.kinds[k]);
            c.add(kPointKindWalkFields, 'k', k + 1, names.kinds[k]);
        }
    } else if (layer == kPlaces) {
        c.add(kPlaceFields);
    } else if (layer == kCandidates) {
        c.add(kPlaceFields);
        c.add(kRankFields);
    } else if (layer == kServiceAreas) {
        c.add(kServiceAreaFields);
    } else if (layer == kSummary) {
        c.add(kSummaryFields);
    } else if (layer == kChanges) {
        c.add(kChangeFields);
    } else if (layer == kBusStops) {
        c.add(kBusStopFields);
    } else if (layer == kBusRoutes) {
        c.add(kBusRouteFields);
    }
    return c.take();
}

}  // namespace needmap::analysis::pipeline::schema
