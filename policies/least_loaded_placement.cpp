#include "policies/least_loaded_placement.hpp"

#include <tuple>

namespace gvsim::policies {

std::size_t LeastLoadedPlacement::choose(std::span<const ClusterView> allowed) const {
  std::size_t best = 0;
  for (std::size_t i = 1; i < allowed.size(); ++i) {
    const auto& a = allowed[i];
    const auto& b = allowed[best];
    if (std::tuple(a.load(), a.route_latency_s, a.cluster) < std::tuple(b.load(), b.route_latency_s, b.cluster)) {
      best = i;
    }
  }
  return best;
}

}  // namespace gvsim::policies
