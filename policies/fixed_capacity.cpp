// The configured fleet, never changed by the policy.
#include <limits>

#include "policies/capacity_policy.hpp"

namespace gvsim::policies {
namespace {

/// The configured fleet, never changed by the policy (scheduled expansions still apply).
class FixedCapacity final : public CapacityPolicy {
 public:
  double check_interval_s() const override { return std::numeric_limits<double>::infinity(); }
  CapacityDecision decide(const CapacityView&) const override { return {}; }
  std::int64_t max_gpus(std::int64_t base_gpus) const override { return base_gpus; }
};

[[maybe_unused]] const bool registered =
    CapacityRegistry::add<FixedCapacity>({"fixed", 10, "the configured fleet (plus scheduled expansions)"});

}  // namespace
}  // namespace gvsim::policies
