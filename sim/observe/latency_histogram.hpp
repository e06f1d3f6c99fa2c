#pragma once

#include <cstdint>
#include <vector>

namespace gvsim::observe {

/// @brief Counts of durations in fixed log-spaced bins, for percentiles without keeping every value.
///
/// Bins are 20 per decade from 0.01 s to 10^7 s (edges 0.01 x 10^(k/20)), plus one bin below and one above. A
/// percentile interpolates geometrically inside its bin, so it is within a bin's width (12 %) of the exact value.
class LatencyHistogram {
 public:
  LatencyHistogram();

  /// @brief Counts one duration (seconds).
  void add(double seconds);
  /// @brief Adds the counts of `other`.
  void merge(const LatencyHistogram& other);
  /// @brief Durations counted.
  std::uint64_t count() const { return count_; }
  /// @brief The q-quantile (0 < q < 1) in seconds; NaN when empty.
  double quantile(double q) const;

 private:
  std::vector<std::uint64_t> bins_;
  std::uint64_t count_ = 0;
};

}  // namespace gvsim::observe
