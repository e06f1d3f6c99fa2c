#include "policies/spill_over_placement.hpp"

#include <vector>

#include "policies/cheapest_placement.hpp"
#include "policies/least_loaded_placement.hpp"
#include "policies/nearest_placement.hpp"

namespace gvsim::policies {

SpillOverPlacement::SpillOverPlacement(const SpillOverParams& params) : load_threshold_(params.load_threshold) {
  if (params.primary == "cheapest") {
    primary_ = std::make_unique<CheapestPlacement>();
  } else {
    primary_ = std::make_unique<NearestPlacement>();
  }
}

std::size_t SpillOverPlacement::choose(std::span<const ClusterView> allowed) const {
  const std::size_t first = primary_->choose(allowed);
  if (allowed[first].load() < load_threshold_) return first;
  // Spill: the primary rule's choice among the clusters still under the threshold, if any.
  std::vector<ClusterView> under;
  std::vector<std::size_t> positions;
  for (std::size_t i = 0; i < allowed.size(); ++i) {
    if (allowed[i].load() < load_threshold_) {
      under.push_back(allowed[i]);
      positions.push_back(i);
    }
  }
  if (!under.empty()) return positions[primary_->choose(under)];
  return LeastLoadedPlacement().choose(allowed);
}

}  // namespace gvsim::policies
