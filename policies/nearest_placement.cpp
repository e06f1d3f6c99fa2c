#include "policies/nearest_placement.hpp"

#include <tuple>

namespace gvsim::policies {

std::size_t NearestPlacement::choose(std::span<const ClusterView> allowed) const {
  std::size_t best = 0;
  for (std::size_t i = 1; i < allowed.size(); ++i) {
    const auto& a = allowed[i];
    const auto& b = allowed[best];
    if (std::tuple(a.route_latency_s, a.load(), a.cluster) < std::tuple(b.route_latency_s, b.load(), b.cluster)) {
      best = i;
    }
  }
  return best;
}

}  // namespace gvsim::policies
