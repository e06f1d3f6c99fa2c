// Placement on the cheapest allowed cluster.
#include "policies/placement_policy.hpp"

namespace gvsim::policies {
namespace {

/// Allowed cluster with the lowest GPU plus energy cost per unit of work; ties go to the least loaded, then the
/// nearest, then the lowest index.
class CheapestPlacement final : public PlacementPolicy {
 public:
  std::size_t choose(std::span<const ClusterView> allowed) const override {
    return best_by(allowed, [](const ClusterView& v) {
      return std::tuple(v.cost_usd_per_gpu_s, v.load(), v.route_latency_s, v.cluster);
    });
  }
};

[[maybe_unused]] const bool registered =
    PlacementRegistry::add<CheapestPlacement>({"cheapest", 40, "lowest GPU + energy cost per unit of work"});

}  // namespace
}  // namespace gvsim::policies
