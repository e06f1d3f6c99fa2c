#pragma once

#include "policies/placement_policy.hpp"

namespace gvsim::policies {

/// @brief Allowed cluster with the lowest GPU plus energy cost per unit of work; ties go to the least loaded,
/// then the nearest, then the lowest index.
class CheapestPlacement final : public PlacementPolicy {
 public:
  std::size_t choose(std::span<const ClusterView> allowed) const override;
};

}  // namespace gvsim::policies
