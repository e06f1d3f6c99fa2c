#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <tuple>

#include "policies/registry.hpp"

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
  /// @brief The kind's name in messages.
  static constexpr const char* kKind = "placement";
  virtual ~PlacementPolicy() = default;
  /// @brief Returns the position in `allowed` of the chosen cluster; `allowed` is never empty.
  virtual std::size_t choose(std::span<const ClusterView> allowed) const = 0;
  /// @brief True when every region using the policy must have a cluster of its own.
  virtual bool needs_local_cluster() const { return false; }
};

/// @brief Position in `allowed` (never empty) of the cluster with the smallest `key(view)`; the first on ties.
template <class Key>
std::size_t best_by(std::span<const ClusterView> allowed, Key key) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < allowed.size(); ++i) {
    if (key(allowed[i]) < key(allowed[best])) best = i;
  }
  return best;
}

/// @brief The placement implementations.
using PlacementRegistry = Registry<PlacementPolicy, NoContext>;
/// @brief A placement choice with the parameters of every implementation.
using PlacementSelection = Selection<PlacementPolicy, NoContext>;

}  // namespace gvsim::policies
