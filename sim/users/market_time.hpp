#pragma once

#include <cmath>
#include <cstdint>

namespace gvsim::users {

/// @brief Seconds in a simulated day.
inline constexpr double kDay = 86400.0;
/// @brief Seconds in a simulated year (365 days).
inline constexpr double kYear = 365.0 * kDay;

/// @brief The logistic function 1 / (1 + e^-x).
inline double logistic(double x) {
  return 1.0 / (1.0 + std::exp(-x));
}

/// @brief Local calendar day of UTC time t (seconds) in a zone `offset_h` hours from UTC.
inline std::int32_t day_index(double t, double offset_h) {
  return static_cast<std::int32_t>(std::floor((t + offset_h * 3600.0) / kDay));
}

}  // namespace gvsim::users
