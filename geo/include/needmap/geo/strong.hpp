#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace needmap {

/// A value of type T that cannot be mixed up with other values of type T: ids and units.
/// Arithmetic is defined only between values of the same strong type (and scaling by a plain
/// number), so that metres are never added to seconds.
template <typename T, typename Tag>
class Strong {
public:
    using value_type = T;

    constexpr Strong() = default;
    constexpr explicit Strong(T value) : m_value(value) {}

    [[nodiscard]] constexpr T value() const { return m_value; }

    constexpr auto operator<=>(const Strong&) const = default;

    constexpr Strong& operator+=(Strong other) {
        m_value += other.m_value;
        return *this;
    }
    constexpr Strong& operator-=(Strong other) {
        m_value -= other.m_value;
        return *this;
    }
    friend constexpr Strong operator+(Strong a, Strong b) { return Strong(a.m_value + b.m_value); }
    friend constexpr Strong operator-(Strong a, Strong b) { return Strong(a.m_value - b.m_value); }
    friend constexpr Strong operator*(Strong a, T k) { return Strong(a.m_value * k); }
    friend constexpr Strong operator*(T k, Strong a) { return Strong(a.m_value * k); }

private:
    T m_value{};
};

struct MetersTag {};
struct SecondsTag {};

/// A length in metres.
using Meters = Strong<double, MetersTag>;
/// A duration in seconds.
using Seconds = Strong<std::int32_t, SecondsTag>;

}  // namespace needmap

template <typename T, typename Tag>
struct std::hash<needmap::Strong<T, Tag>> {
    std::size_t operator()(needmap::Strong<T, Tag> s) const noexcept { return std::hash<T>{}(s.value()); }
};
