#include "needmap/geo/layer.hpp"

#include "needmap/geo/csv.hpp"
#include "needmap/geo/error.hpp"
#include "needmap/geo/text.hpp"

#include <boost/geometry/algorithms/expand.hpp>
#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace needmap::geo {

bool is_null(const Value& v) {
    return std::holds_alternative<std::monostate>(v);
}

std::optional<double> to_double(const Value& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    if (const auto* d = std::get_if<double>(&v)) return *d;
    if (const auto* s = std::get_if<std::string>(&v)) {
        const std::string folded = fold_width(trim(*s));
        std::string_view text = folded;
        std::string plain;
        if (text.find(',') != std::string_view::npos) {  // "1,234" as spreadsheets write it
            for (char c : text)
                if (c != ',') plain.push_back(c);
            text = plain;
        }
        if (!text.empty() && text.front() == '+') text.remove_prefix(1);
        double out = 0;
        const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
        if (ec == std::errc() && ptr == text.data() + text.size() && !text.empty()) return out;
    }
    return std::nullopt;
}

std::string to_text(const Value& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&v)) return fmt::format("{}", *d);
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    return {};
}

std::optional<std::size_t> Layer::field_index(std::string_view field_name) const {
    for (std::size_t i = 0; i < fields.size(); ++i)
        if (fields[i].name == field_name) return i;
    for (std::size_t i = 0; i < fields.size(); ++i)  // typed in another width
        if (same_label(fields[i].name, field_name)) return i;
    return std::nullopt;
}

std::size_t Layer::require_field(std::string_view field_name) const {
    if (auto i = field_index(field_name)) {
        // Two columns of one name (seen in hand-edited open data): which is meant cannot be guessed.
        for (std::size_t j = *i + 1; j < fields.size(); ++j)
            if (fields[j].name == fields[*i].name)
                throw InputError(fmt::format("{}: two fields are named \"{}\" (columns {} and {}); rename one so "
                                             "that it is clear which to use",
                                             source.empty() ? name : source, fields[*i].name, *i + 1, j + 1));
        return *i;
    }
    std::string present;
    for (const auto& f : fields) present += (present.empty() ? "" : ", ") + f.name;
    throw InputError(fmt::format("{}: no field \"{}\" (fields are: {})", source.empty() ? name : source, field_name,
                                 present.empty() ? "none" : present));
}

std::size_t Layer::add_field(Field field) {
    fields.push_back(std::move(field));
    for (auto& f : features) f.values.resize(fields.size());
    return fields.size() - 1;
}

std::optional<Box> Layer::extent() const {
    std::optional<Box> out;
    for (const auto& f : features) {
        if (auto box = envelope(f.geometry)) {
            if (!out)
                out = box;
            else
                boost::geometry::expand(*out, *box);
        }
    }
    return out;
}

Layer reproject(Layer layer, const Crs& target) {
    if (layer.crs.equivalent_to(target)) {
        layer.crs = target;
        return layer;
    }
    const Transformer transformer(layer.crs, target);
    std::vector<Point> buffer;
    for (auto& feature : layer.features) {
        buffer.clear();
        for_each_point(feature.geometry, [&](Point& p) { buffer.push_back(p); });
        transformer.transform(buffer);
        std::size_t i = 0;
        bool ok = true;
        for_each_point(feature.geometry, [&](Point& p) {
            p = buffer[i++];
            ok = ok && std::isfinite(p.x);
        });
        if (!ok)
            throw InputError(
                fmt::format("{}: feature {} cannot be transformed from {} to {}; is the layer's CRS right?",
                            layer.source, feature.fid, layer.crs.label(), target.label()));
    }
    layer.crs = target;
    return layer;
}

Point centre_lon_lat(const Layer& layer) {
    const auto box = layer.extent();
    if (!box) throw InputError(fmt::format("{}: the layer has no geometry", layer.source));
    const Point centre{(box->min_corner().x + box->max_corner().x) / 2,
                       (box->min_corner().y + box->max_corner().y) / 2};
    if (layer.crs.empty())
        throw InputError(fmt::format("{}: the layer has no CRS; add a .prj file or declare the CRS", layer.source));
    return Transformer(layer.crs, jgd2011())(centre);
}

}  // namespace needmap::geo
