#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/engine/cluster_runtime.hpp"
#include "sim/model/scenario.hpp"
#include "sim/observe/run_outcome.hpp"

namespace gvsim::engine {

class GpuDispatch;

/// @brief Owns each cluster's GPUs in service: scheduled expansions, the capacity policy's orders and releases.
///
/// A cluster gets one host per GPU it may ever hold (its peak fleet plus the policy's headroom); the slots beyond
/// those in service are parked. A capacity actor per cluster (only when there is a periodic check or a scheduled
/// order) puts orders in service when they arrive and asks the policy at each check interval.
class CapacityControl {
 public:
  /// @brief Capacity of the clusters of `runtimes`; slots put back in service rejoin `dispatch`.
  CapacityControl(const model::Scenario& scenario, observe::RunOutcome& outcome, std::vector<ClusterRuntime>& runtimes,
                  GpuDispatch& dispatch);

  /// @brief Sets up the capacity policy, scheduled expansions and slot states of cluster c; returns the hosts it
  /// needs.
  std::size_t prepare(std::size_t cluster);
  /// @brief Creates the capacity actor of cluster c on its source host, if it has anything to do.
  void start(std::size_t cluster);

 private:
  /// Puts `n` more GPUs of cluster c in service at time t (slots on their way out first, then parked ones).
  void activate(std::size_t c, std::int64_t n, double t);
  /// Takes `n` GPUs of cluster c out of service at time t: idle ones at once, busy ones when their job ends.
  void retire(std::size_t c, std::int64_t n, double t);
  /// Shows the policy the cluster's use since the last check and applies its decision.
  void check_capacity(std::size_t c, double now);
  /// Capacity of cluster c over time: scheduled expansions, on-demand orders arriving, periodic policy checks.
  void control_capacity(std::size_t c);

  const model::Scenario& scenario_;
  observe::RunOutcome& outcome_;
  std::vector<ClusterRuntime>& runtimes_;
  GpuDispatch& dispatch_;
};

}  // namespace gvsim::engine
