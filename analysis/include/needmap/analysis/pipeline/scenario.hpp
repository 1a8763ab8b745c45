#pragma once

// What-if scenarios: the base model plus an ordered list of modifications (r5's Scenario and
// Modifications). All are checked before any is applied, and they are applied to a copy of what
// they touch; the model itself is never changed.

#include "needmap/geo/geometry.hpp"

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace needmap::analysis::pipeline {

struct Model;

/// A new place of a kind at a point given in WGS 84 (longitude, latitude: what a user reads off
/// the map).
struct AddPlace {
    std::string kind;
    double lon = 0;
    double lat = 0;
    std::string name;     ///< empty: "new <kind> N"
    double capacity = 1;  ///< places (定員), for the supply ratio
};

/// A candidate site opened as a place of a kind.
struct PromoteCandidate {
    std::string candidate;  ///< its id
    std::string kind;
};

/// An existing place closed.
struct RemovePlace {
    std::string place;  ///< its id
};

/// Every trip of a bus route: "<feed>:<route_id>", or the route_id alone when one feed has it.
struct DropRoute {
    std::string route;
};

/// Every trip of a whole feed.
struct DropFeed {
    std::string feed;
};

struct SetThreshold {
    double minutes = 30;
};

struct SetWalkSpeed {
    double kmh = 3.0;
};

using Modification =
    std::variant<AddPlace, PromoteCandidate, RemovePlace, DropRoute, DropFeed, SetThreshold, SetWalkSpeed>;

/// "add salon at 131.2512, 33.9512 (新しいサロン)": for summaries and messages; in Japanese
/// 「salon を追加：131.2512, 33.9512（新しいサロン）」.
[[nodiscard]] std::string describe(const Modification& m, bool japanese = false);

struct Scenario {
    std::string name;  ///< empty for the base
    std::vector<Modification> modifications;
    [[nodiscard]] bool is_base() const { return modifications.empty(); }
};

/// Every problem of the scenario against the model, each naming its modification ("modification
/// 2 (remove salon-9): no place has the id salon-9"); empty when it can be applied.
[[nodiscard]] std::vector<std::string> check_scenario(const Model& model, const Scenario& scenario);

/// @throws InputError listing every problem check_scenario finds, when there is one.
void require_applicable(const Model& model, const Scenario& scenario);

/// Parses the command line's --add-site value "KIND:LON,LAT[:NAME]".
/// @throws InputError saying what is wrong and how to write it.
[[nodiscard]] AddPlace parse_add_site(const std::string& text);

}  // namespace needmap::analysis::pipeline
