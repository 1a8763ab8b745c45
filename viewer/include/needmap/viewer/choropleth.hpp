#pragma once

// Districts shaded by any of their figures: which figures a results file offers, how their values
// fall into classes (needmap's fixed policy classes for the gap, quantiles, equal intervals or
// Jenks' natural breaks), and the ColorBrewer colours of the classes.

#include <QColor>
#include <QString>

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace needmap::analysis::pipeline {
struct Results;
}

namespace needmap::viewer {

enum class Classing {
    Policy,         ///< the gap's fixed classes (5%, 15%, 25%, 35%): shares only
    Quantile,       ///< about as many districts in each class
    EqualInterval,  ///< classes of equal width between the least and the greatest value
    NaturalBreaks,  ///< Jenks: the least sum of squared deviations from the class means
};

/// "policy", "quantile", "equal", "jenks".
/// @throws geo::InputError for another name.
[[nodiscard]] Classing classing_named(const std::string& name);

/// The upper bounds of the classes of `values`, ascending, the last the greatest value: a value
/// belongs to the first class whose bound it does not exceed (as QGIS's graduated ranges count).
/// Fewer than `classes` bounds come back where the values have fewer distinct values than classes.
/// Empty for no values. Policy gives the gap's classes whatever the values.
[[nodiscard]] std::vector<double> class_breaks(std::span<const double> values, Classing classing,
                                               std::size_t classes);

/// The class (0-based) of `value` under `upper` bounds from class_breaks; values above the last
/// bound fall in the last class.
[[nodiscard]] std::size_t class_of(double value, std::span<const double> upper);

/// The sum over classes of the squared deviations of `sorted` values from their class mean, for
/// classes ending at `upper`: what natural breaks minimise.
[[nodiscard]] double squared_deviations(std::span<const double> sorted, std::span<const double> upper);

/// ColorBrewer's sequential colours for `classes` (1..7) classes: Oranges where more is worse (the
/// gap, unmet need, minutes), Blues where more is neither (people, supply). Both stay apart on a
/// projector and for readers with red-green colour blindness.
[[nodiscard]] std::vector<QColor> ramp(std::size_t classes, bool worse_when_high);

/// A figure of each district that the map can shade by.
struct DistrictField {
    std::string key;  ///< "gap_share", "gap_people", "unmet_need", "walk_gap_share", "older_people",
                      ///< "median_min", "supply_per_1000", "rate:<need>"
    QString label;    ///< in the reader's language
    bool share = false;  ///< 0..1, shown as a percentage
    bool worse_when_high = true;
    std::vector<std::optional<double>> values;  ///< per district; none: no data
};

/// The figures of the results' districts for one kind, the gap's share first.
[[nodiscard]] std::vector<DistrictField> district_fields(const analysis::pipeline::Results& results,
                                                         const std::string& kind);

/// A value of the field as a reader writes it: "23%", "1,234", "18.5".
[[nodiscard]] QString format_value(const DistrictField& field, double value);

}  // namespace needmap::viewer
