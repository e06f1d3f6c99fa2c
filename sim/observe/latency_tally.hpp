#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/observe/latency_histogram.hpp"

namespace gvsim::observe {

/// @brief End-to-end latencies of the videos delivered to one region on one day (or over the run).
struct LatencyDay {
  std::int64_t delivered = 0;
  double latency_sum_s = 0.0;   ///< queue wait + generation + delivery
  double delivery_sum_s = 0.0;  ///< delivery part: delivery-slot wait and WAN transfer
  LatencyHistogram latency;     ///< for the 95th percentile

  /// @brief Mean latency, NaN without deliveries.
  double mean_latency_s() const;
  /// @brief Mean delivery time, NaN without deliveries.
  double mean_delivery_s() const;
  /// @brief Adds the deliveries of `other`.
  void merge(const LatencyDay& other);
};

/// @brief Latencies of delivered videos per region of their users and UTC day of arrival (users mode).
class LatencyTally {
 public:
  /// @brief Tallies for `regions` regions over `days` days.
  LatencyTally(std::size_t regions = 0, std::size_t days = 0);

  /// @brief A video reached a user of `region` at time t, `latency_s` after submission, `delivery_s` of it spent on
  /// delivery.
  void on_delivered(std::size_t region, double t, double latency_s, double delivery_s);
  /// @brief The tally of (region, day).
  const LatencyDay& day(std::size_t region, std::size_t day) const { return days_[region][day]; }
  /// @brief The whole run of `region`, or of all regions when `region` is the regions' count.
  LatencyDay run(std::size_t region) const;
  /// @brief Number of regions.
  std::size_t regions() const { return days_.size(); }

 private:
  std::vector<std::vector<LatencyDay>> days_;
};

}  // namespace gvsim::observe
