#pragma once

#include <cstddef>
#include <vector>

#include "sim/model/scenario.hpp"
#include "sim/users/api_region_weights.hpp"

namespace gvsim::users {

/// @brief API demand and billing: request volume answers the API price with a constant elasticity, and API use is
/// invoiced (collection cost and bad debt instead of consumer payment methods, declines and app stores).
class ApiDemand {
 public:
  /// @brief Demand of `scenario`'s API segments, one volume factor per region (1 until the first update).
  explicit ApiDemand(const model::Scenario& scenario);

  /// @brief Volume factor (price / reference)^elasticity at the API price per credit `usd_per_credit`.
  double volume_factor_at(double usd_per_credit) const;
  /// @brief Sets `region`'s volume factor from the API price in force and the region's weight (called at each UTC
  /// midnight).
  void update(std::size_t region, double usd_per_credit) {
    factor_[region] = weights_.weight(region) * volume_factor_at(usd_per_credit);
  }
  /// @brief Multiplier of an API segment's requests_per_day in `region` today.
  double volume_factor(std::size_t region) const { return factor_[region]; }
  /// @brief Invoicing cost and bad debt per USD invoiced.
  double collection_share() const { return spec_.invoice_cost_share + spec_.bad_debt_share; }

 private:
  const model::ApiDemandSpec& spec_;
  std::vector<double> factor_;
  ApiRegionWeights weights_;
};

}  // namespace gvsim::users
