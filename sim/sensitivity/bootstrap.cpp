#include "sim/sensitivity/bootstrap.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace gvsim::sensitivity {

double quantile(std::vector<double> values, double q) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(values.begin(), values.end());
  const double at = q * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(at));
  const std::size_t above = std::min(below + 1, values.size() - 1);
  const double w = at - static_cast<double>(below);
  return values[below] * (1.0 - w) + values[above] * w;
}

std::vector<Estimate> bootstrap(std::size_t units, std::size_t resamples, rng::RandomStream& stream,
                                const std::function<std::vector<double>(const std::vector<std::size_t>&)>& statistics) {
  std::vector<std::size_t> indices(units);
  std::iota(indices.begin(), indices.end(), std::size_t{0});
  const std::vector<double> point = statistics(indices);
  std::vector<std::vector<double>> draws(point.size());
  for (std::size_t b = 0; b < resamples && units > 0; ++b) {
    for (auto& i : indices)
      i = static_cast<std::size_t>(stream.bits() % units);  // modulo bias below 2^-40 for units <= 2^24
    const std::vector<double> values = statistics(indices);
    for (std::size_t s = 0; s < point.size(); ++s) {
      if (std::isfinite(values[s])) draws[s].push_back(values[s]);
    }
  }
  std::vector<Estimate> out;
  for (std::size_t s = 0; s < point.size(); ++s)
    out.push_back(Estimate{point[s], quantile(draws[s], 0.025), quantile(draws[s], 0.975)});
  return out;
}

}  // namespace gvsim::sensitivity
