#pragma once

#include <memory>

#include "policies/placement_policy.hpp"
#include "policies/policy_specs.hpp"

namespace gvsim::policies {

/// @brief The primary rule's choice (nearest or cheapest) while its load is under the threshold; above it, the
/// primary rule's choice among the allowed clusters still under the threshold, or the least loaded of all.
class SpillOverPlacement final : public PlacementPolicy {
 public:
  /// @brief A spill-over rule with the given primary policy and threshold.
  explicit SpillOverPlacement(const SpillOverParams& params);
  std::size_t choose(std::span<const ClusterView> allowed) const override;

 private:
  std::unique_ptr<PlacementPolicy> primary_;
  double load_threshold_;
};

}  // namespace gvsim::policies
