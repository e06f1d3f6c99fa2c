#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "sim/rng/random_stream.hpp"

namespace gvsim::sensitivity {

/// @brief An estimate with its bootstrap 95% percentile interval (NaN bounds when not computed).
struct Estimate {
  double value = 0.0;
  double ci_lo = 0.0;
  double ci_hi = 0.0;
};

/// @brief Percentile bootstrap over `units` resampling units (trajectories, base samples).
///
/// `statistics(indices)` returns one value per statistic for a resample given by its unit indices; it is called
/// once with 0..units-1 (the estimate) and `resamples` times with indices drawn with replacement from `stream`.
/// Each statistic's interval is the 2.5 and 97.5 percentiles of its resampled values (NaN when resamples is 0).
std::vector<Estimate> bootstrap(std::size_t units, std::size_t resamples, rng::RandomStream& stream,
                                const std::function<std::vector<double>(const std::vector<std::size_t>&)>& statistics);

/// @brief The q-quantile (0..1) of `values` by linear interpolation between order statistics; NaN when empty.
double quantile(std::vector<double> values, double q);

}  // namespace gvsim::sensitivity
