#pragma once

#include <cstddef>
#include <vector>

#include "sim/model/scenario.hpp"

namespace gvsim::users {

/// @brief How the API segments' volume per user differs between regions: businesses that buy video generation by
/// the API are fewer per internet user where purchasing power is lower.
///
/// The weight of region r is price_index_r^k / M, where k is api_demand.price_index_exponent and M the mean of
/// price_index^k over the taking-part regions weighted by their addressable users, so that the weights average 1
/// and the API volume of the whole platform (fitted to K8) stays about where it was; k = 0 gives every region
/// exactly 1.
class ApiRegionWeights {
 public:
  /// @brief Weights of `scenario`'s regions.
  explicit ApiRegionWeights(const model::Scenario& scenario);

  /// @brief Multiplier of an API segment's requests_per_day in `region`.
  double weight(std::size_t region) const { return weights_[region]; }

 private:
  std::vector<double> weights_;
};

}  // namespace gvsim::users
