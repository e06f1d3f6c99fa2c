#pragma once

#include "policies/capacity_policy.hpp"
#include "policies/policy_specs.hpp"

namespace gvsim::policies {

/// @brief Reactive autoscaling: at each check, orders a step of GPUs (served after the lead time) when the
/// utilisation or mean wait is above the upper threshold and nothing is on order, and releases a step when it is
/// below the lower threshold; the fleet stays within [min_share, max_share] of its base.
class AutoscaleCapacity final : public CapacityPolicy {
 public:
  /// @brief An autoscaler with the given thresholds and limits.
  explicit AutoscaleCapacity(const AutoscaleParams& params) : params_(params) {}
  double check_interval_s() const override { return params_.check_interval_hours * 3600.0; }
  CapacityDecision decide(const CapacityView& view) const override;
  std::int64_t max_gpus(std::int64_t base_gpus) const override;

 private:
  std::int64_t min_gpus(std::int64_t base_gpus) const;
  std::int64_t step(std::int64_t base_gpus) const;
  AutoscaleParams params_;
};

}  // namespace gvsim::policies
