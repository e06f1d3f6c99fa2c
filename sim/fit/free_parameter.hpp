#pragma once

#include <string>
#include <vector>

namespace gvsim::fit {

/// @brief A key the fit may change, within bounds; the optimiser sees it scaled to [0,1].
struct FreeParameter {
  std::string key;  ///< key path as `--set` takes it
  double low = 0.0;
  double high = 1.0;
  double start = 0.0;  ///< real units; the middle of the bounds unless given with `@`
  /// @brief The real value of a scaled one.
  double unscale(double u) const { return low + u * (high - low); }
  /// @brief The scaled value of a real one.
  double scale(double v) const { return (v - low) / (high - low); }
};

/// @brief Reads `key=[low,high]` or `key=[low,high]@start`; on failure returns false with the reason in `why`.
bool parse_free_parameter(const std::string& text, FreeParameter& out, std::string& why);

/// @brief A number written so that it reads back exactly (17 significant digits, shortest form that round-trips).
std::string exact_text(double v);

/// @brief A CSV field: quoted (RFC 4180) when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& text);

/// @brief The `--set` assignments that give the parameters the values `values`.
std::vector<std::string> assignments(const std::vector<FreeParameter>& free, const std::vector<double>& values);

}  // namespace gvsim::fit
