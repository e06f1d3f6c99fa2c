#include "sim/model/erlang_c.hpp"

#include <algorithm>

namespace gvsim::model {

double erlang_c_probability(double load, std::int64_t servers) {
  // Stable recursion on the Erlang B formula, then C = B / (1 - rho (1 - B)).
  double b = 1.0;
  for (std::int64_t k = 1; k <= servers; ++k)
    b = load * b / (static_cast<double>(k) + load * b);
  const double rho = load / static_cast<double>(servers);
  return b / (1.0 - rho * (1.0 - b));
}

double erlang_c_excess(double rho, std::int64_t servers) {
  const auto c = static_cast<double>(servers);
  return erlang_c_probability(rho * c, servers) / (c * (1.0 - rho));
}

std::int64_t erlang_c_servers_within(double rho, double tolerance, double max_rho) {
  const double r = std::clamp(rho, 0.0, max_rho);
  if (r <= 0.0) return 1;
  // The excess falls monotonically with the cluster size at a fixed utilisation: double, then bisect.
  std::int64_t high = 1;
  while (erlang_c_excess(r, high) > tolerance)
    high *= 2;
  std::int64_t low = high / 2;  // excess(low) > tolerance, or low == 0
  while (high - low > 1) {
    const std::int64_t mid = low + (high - low) / 2;
    (erlang_c_excess(r, mid) > tolerance ? low : high) = mid;
  }
  return high;
}

}  // namespace gvsim::model
