#pragma once

#include "policies/placement_policy.hpp"

namespace gvsim::policies {

/// @brief Only clusters in the job's own region (the least loaded of them); a region using it must have one.
class LocalOnlyPlacement final : public PlacementPolicy {
 public:
  std::size_t choose(std::span<const ClusterView> allowed) const override;
};

}  // namespace gvsim::policies
