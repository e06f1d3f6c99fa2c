#pragma once

#include "policies/placement_policy.hpp"

namespace gvsim::policies {

/// @brief Nearest allowed cluster by WAN latency; ties go to the least loaded, then the lowest index.
class NearestPlacement final : public PlacementPolicy {
 public:
  std::size_t choose(std::span<const ClusterView> allowed) const override;
};

}  // namespace gvsim::policies
