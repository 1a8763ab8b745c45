#include "needmap/analysis/network/walk_profile.hpp"

#include <algorithm>
#include <array>

namespace needmap::analysis::network {
namespace {

constexpr std::array<std::string_view, 23> kWalkable{
    "footway",   "path",           "pedestrian", "steps",        "living_street", "residential",
    "service",   "unclassified",   "road",       "track",        "tertiary",      "tertiary_link",
    "secondary", "secondary_link", "primary",    "primary_link", "trunk",         "trunk_link",
    "cycleway",  "corridor",       "platform",   "elevator",     "crossing"};

bool yes_like(std::string_view v) {
    return v == "yes" || v == "designated" || v == "permissive" || v == "official";
}

}  // namespace

std::optional<float> walk_factor(const WayTags& tags, const WalkProfile& profile) {
    if (tags.foot == "no" || tags.foot == "use_sidepath") return std::nullopt;
    const bool platform = tags.railway == "platform" || tags.public_transport == "platform";
    if (tags.highway.empty() && !platform) return std::nullopt;
    if (tags.highway == "motorway" || tags.highway == "motorway_link") return std::nullopt;
    const bool foot_allowed = yes_like(tags.foot);
    if ((tags.access == "no" || tags.access == "private") && !foot_allowed) return std::nullopt;
    const bool listed = std::find(kWalkable.begin(), kWalkable.end(), tags.highway) != kWalkable.end();
    if (!listed && !platform && !(tags.highway == "bridleway" && foot_allowed)) return std::nullopt;
    return tags.highway == "steps" ? profile.steps_factor : 1.0F;
}

}  // namespace needmap::analysis::network
