// Placement on the nearest allowed cluster.
#include "policies/placement_policy.hpp"

namespace gvsim::policies {
namespace {

/// Nearest allowed cluster by WAN latency; ties go to the least loaded, then the lowest index.
class NearestPlacement final : public PlacementPolicy {
 public:
  std::size_t choose(std::span<const ClusterView> allowed) const override {
    return best_by(allowed, [](const ClusterView& v) { return std::tuple(v.route_latency_s, v.load(), v.cluster); });
  }
};

[[maybe_unused]] const bool registered =
    PlacementRegistry::add<NearestPlacement>({"nearest", 10, "lowest WAN latency"});

}  // namespace
}  // namespace gvsim::policies
