#pragma once

#include <cstdint>

#include "policies/registry.hpp"

namespace gvsim::policies {

/// @brief Read-only state of one cluster at a capacity check.
struct CapacityView {
  double now_s = 0.0;
  std::int64_t base_gpus = 1;         ///< the cluster's fleet as configured (simulated GPUs)
  std::int64_t provisioned_gpus = 1;  ///< GPUs in service now
  std::int64_t on_order_gpus = 0;     ///< GPUs ordered and not yet in service
  double utilisation = 0.0;           ///< busy share of the provisioned GPU time since the last check
  double mean_wait_s = 0.0;           ///< mean queue wait of the jobs started since the last check (0 if none)
  std::int64_t queued = 0;            ///< jobs waiting now
};

/// @brief What a capacity check decides: GPUs to order (served after the lead time) or to release now.
struct CapacityDecision {
  std::int64_t order_gpus = 0;
  std::int64_t release_gpus = 0;
  double lead_time_s = 0.0;
};

/// @brief Sizes a cluster over time from what it observes.
class CapacityPolicy {
 public:
  /// @brief The kind's name in messages.
  static constexpr const char* kKind = "capacity";
  virtual ~CapacityPolicy() = default;
  /// @brief Seconds between checks (infinity: never checked).
  virtual double check_interval_s() const = 0;
  /// @brief The decision at a check.
  virtual CapacityDecision decide(const CapacityView& view) const = 0;
  /// @brief Most GPUs the cluster can ever have in service.
  virtual std::int64_t max_gpus(std::int64_t base_gpus) const = 0;
};

/// @brief The capacity implementations.
using CapacityRegistry = Registry<CapacityPolicy, NoContext>;
/// @brief A capacity choice with the parameters of every implementation.
using CapacitySelection = Selection<CapacityPolicy, NoContext>;

}  // namespace gvsim::policies
