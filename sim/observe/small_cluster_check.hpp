#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/model/cluster_index.hpp"
#include "sim/observe/job_recorder.hpp"

namespace gvsim::observe {

/// @brief A simulated cluster too small for its waits to stand for the real cluster's.
struct SmallCluster {
  std::string cluster;
  std::int64_t simulated_gpus = 0;
  std::int64_t real_gpus = 0;
  double utilisation = 0.0;    ///< busy share of the GPU time in service, busiest day after the warm-up
  std::int64_t threshold = 0;  ///< simulated GPUs needed at that utilisation (SmallClusterCheck::kTolerance)
  double largest_scale = 0.0;  ///< the largest scale that simulates at least `threshold` GPUs (< 1: none)

  /// @brief One line naming the cluster, its simulated GPUs, the threshold and the scale that reaches it.
  std::string message(double scale) const;
};

/// @brief Finds the clusters whose simulated size alone makes their queueing differ from the real cluster's.
///
/// A run at scale s simulates about gpu_count / s GPUs per cluster with 1/s of the demand, so each cluster keeps
/// its utilisation but not its size, and an M/M/c queue waits longer on fewer servers at the same utilisation.
/// A cluster is flagged when the Erlang C mean wait at its busiest day's utilisation exceeds kTolerance of the mean
/// service time, i.e. when its mean time in system is more than 2 % above that of an infinitely large cluster at
/// the same utilisation (docs/model.md, "Scaling").
class SmallClusterCheck {
 public:
  /// @brief Relative excess of the time in system over the large-cluster limit that is tolerated.
  static constexpr double kTolerance = 0.02;

  /// @brief The flagged clusters of a finished run, in cluster order (`clusters` as model::list_clusters gives).
  static std::vector<SmallCluster> find(const std::vector<model::ClusterInfo>& clusters, const JobRecorder& recorder);
};

}  // namespace gvsim::observe
