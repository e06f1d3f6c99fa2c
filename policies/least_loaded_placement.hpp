#pragma once

#include "policies/placement_policy.hpp"

namespace gvsim::policies {

/// @brief Allowed cluster with the fewest jobs per GPU; ties go to the nearest, then the lowest index.
class LeastLoadedPlacement final : public PlacementPolicy {
 public:
  std::size_t choose(std::span<const ClusterView> allowed) const override;
};

}  // namespace gvsim::policies
