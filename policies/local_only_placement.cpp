// Placement restricted to the job's own region.
#include <stdexcept>

#include "policies/placement_policy.hpp"

namespace gvsim::policies {
namespace {

/// Only clusters in the job's own region (the least loaded of them); a region using it must have one.
class LocalOnlyPlacement final : public PlacementPolicy {
 public:
  std::size_t choose(std::span<const ClusterView> allowed) const override {
    const std::size_t best =
        best_by(allowed, [](const ClusterView& v) { return std::tuple(!v.local, v.load(), v.cluster); });
    // Validation refuses local_only for a region without a cluster (needs_local_cluster), so this cannot happen in
    // a checked scenario.
    if (!allowed[best].local) throw std::logic_error("local_only placement: the region has no cluster of its own");
    return best;
  }
  bool needs_local_cluster() const override { return true; }
};

[[maybe_unused]] const bool registered =
    PlacementRegistry::add<LocalOnlyPlacement>({"local_only", 30, "own region only"});

}  // namespace
}  // namespace gvsim::policies
