#pragma once

#include <stdexcept>
#include <string>

namespace needmap::geo {

/// Bad or unreadable input: a missing file, a corrupt layer, a wrong column, a bad value.
/// The message names the file (and the layer, row or feature where known), what was wrong and,
/// where one exists, what to do about it. Command-line programs print it and exit with status 1.
class InputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace needmap::geo
