#include "sim/users/api_region_weights.hpp"

#include <cmath>

namespace gvsim::users {

ApiRegionWeights::ApiRegionWeights(const model::Scenario& scenario) : weights_(scenario.regions.size(), 1.0) {
  const double k = scenario.experiment.workload.users.api_demand.price_index_exponent;
  if (k == 0.0) return;  // exactly 1 everywhere: the volume as the segments give it
  double weighted = 0.0;
  double users = 0.0;
  for (std::size_t r = 0; r < weights_.size(); ++r) {
    const auto& market = scenario.regions[r].market;
    weights_[r] = std::pow(market.price_index, k);
    weighted += market.addressable_users_millions * weights_[r];
    users += market.addressable_users_millions;
  }
  if (!(weighted > 0.0)) return;
  for (double& w : weights_)
    w *= users / weighted;
}

}  // namespace gvsim::users
