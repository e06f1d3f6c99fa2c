#include "policies/local_only_placement.hpp"

#include <optional>
#include <stdexcept>
#include <tuple>

namespace gvsim::policies {

std::size_t LocalOnlyPlacement::choose(std::span<const ClusterView> allowed) const {
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < allowed.size(); ++i) {
    const auto& a = allowed[i];
    if (!a.local) continue;
    if (!best || std::tuple(a.load(), a.cluster) < std::tuple(allowed[*best].load(), allowed[*best].cluster)) best = i;
  }
  // Validation refuses local_only for a region without a datacenter, so this cannot happen in a checked scenario.
  if (!best) throw std::logic_error("local_only placement: the region has no cluster of its own");
  return *best;
}

}  // namespace gvsim::policies
