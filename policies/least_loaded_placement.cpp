// Placement on the least loaded allowed cluster.
#include "policies/placement_policy.hpp"

namespace gvsim::policies {
namespace {

/// Allowed cluster with the fewest jobs per GPU; ties go to the nearest, then the lowest index.
class LeastLoadedPlacement final : public PlacementPolicy {
 public:
  std::size_t choose(std::span<const ClusterView> allowed) const override {
    return best_by(allowed, [](const ClusterView& v) { return std::tuple(v.load(), v.route_latency_s, v.cluster); });
  }
};

[[maybe_unused]] const bool registered =
    PlacementRegistry::add<LeastLoadedPlacement>({"least_loaded", 20, "fewest jobs per GPU"});

}  // namespace
}  // namespace gvsim::policies
