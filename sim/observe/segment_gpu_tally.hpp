#pragma once

#include <cstddef>
#include <vector>

namespace gvsim::observe {

/// @brief Busy GPU time per cluster and day, split by the origin region, segment and tier of the jobs (users mode).
///
/// The same day pieces as the JobRecorder's busy time (a job running across midnight counts on both days; jobs
/// still running at the horizon count up to it), at the finer grain the segment books need. A group is
/// (origin x segments + segment) x tiers + tier.
class SegmentGpuTally {
 public:
  /// @brief A tally for `clusters` clusters over `days` days and `groups` groups.
  SegmentGpuTally(std::size_t clusters = 0, std::size_t days = 0, std::size_t groups = 0);

  /// @brief GPU `slot` of `cluster` started a job of `group` at time t.
  void on_start(std::size_t cluster, std::size_t slot, std::size_t group, double t);
  /// @brief GPU `slot` of `cluster` finished its job at time t.
  void on_complete(std::size_t cluster, std::size_t slot, double t);
  /// @brief Books the jobs still running up to the horizon; call once after the run.
  void finish(double horizon_s);

  /// @brief Busy GPU-seconds of `cluster` on `day` per group (empty when nothing ran).
  const std::vector<double>& busy_s(std::size_t cluster, std::size_t day) const { return busy_[cluster][day]; }
  /// @brief Number of groups.
  std::size_t groups() const { return groups_; }

 private:
  struct Running {
    double since_s = -1.0;
    std::size_t group = 0;
  };
  void add(std::size_t cluster, const Running& job, double to);

  std::size_t groups_;
  std::vector<std::vector<std::vector<double>>> busy_;  ///< [cluster][day][group], a day allocated on first use
  std::vector<std::vector<Running>> running_;           ///< [cluster][slot]
};

}  // namespace gvsim::observe
