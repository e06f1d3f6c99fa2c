#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace gvsim::policies {

/// @brief Read-only view of one cluster a job may be placed on, as seen from the job's region.
struct ClusterView {
  std::size_t cluster = 0;       ///< cluster index in the scenario
  double route_latency_s = 0.0;  ///< one-way WAN latency from the cluster's region to the job's region
  std::int64_t gpus = 1;         ///< GPUs in service
  std::size_t queued = 0;
  std::size_t running = 0;
  double cost_usd_per_gpu_s = 0.0;  ///< GPU price plus energy per second of reference-GPU work
  bool local = false;               ///< the cluster sits in the job's own region
  /// @brief Jobs in the cluster per GPU.
  double load() const { return static_cast<double>(queued + running) / static_cast<double>(gpus); }
};

/// @brief Chooses which allowed cluster serves a job (residency is already applied to `allowed`).
class PlacementPolicy {
 public:
  virtual ~PlacementPolicy() = default;
  /// @brief Returns the position in `allowed` of the chosen cluster; `allowed` is never empty.
  virtual std::size_t choose(std::span<const ClusterView> allowed) const = 0;
};

}  // namespace gvsim::policies
