#include "policies/cheapest_placement.hpp"

#include <tuple>

namespace gvsim::policies {

std::size_t CheapestPlacement::choose(std::span<const ClusterView> allowed) const {
  std::size_t best = 0;
  for (std::size_t i = 1; i < allowed.size(); ++i) {
    const auto& a = allowed[i];
    const auto& b = allowed[best];
    if (std::tuple(a.cost_usd_per_gpu_s, a.load(), a.route_latency_s, a.cluster) <
        std::tuple(b.cost_usd_per_gpu_s, b.load(), b.route_latency_s, b.cluster)) {
      best = i;
    }
  }
  return best;
}

}  // namespace gvsim::policies
