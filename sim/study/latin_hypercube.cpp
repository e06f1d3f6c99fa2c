#include "sim/study/latin_hypercube.hpp"

#include <numeric>
#include <utility>

namespace gvsim::study {

std::vector<std::vector<double>> sample_latin_hypercube(std::size_t samples, const std::vector<Interval>& ranges,
                                                        rng::RandomStream& stream) {
  std::vector<std::vector<double>> points(samples, std::vector<double>(ranges.size(), 0.0));
  const double n = static_cast<double>(samples);
  for (std::size_t k = 0; k < ranges.size(); ++k) {
    std::vector<std::size_t> stratum(samples);
    std::iota(stratum.begin(), stratum.end(), std::size_t{0});
    for (std::size_t i = samples; i > 1; --i) {
      const auto j = static_cast<std::size_t>(stream.bits() % i);  // modulo bias below 2^-40 for i <= 2^24
      std::swap(stratum[i - 1], stratum[j]);
    }
    const double width = ranges[k].max - ranges[k].min;
    for (std::size_t i = 0; i < samples; ++i) {
      const double u = (static_cast<double>(stratum[i]) + stream.uniform()) / n;
      points[i][k] = ranges[k].min + width * u;
    }
  }
  return points;
}

}  // namespace gvsim::study
