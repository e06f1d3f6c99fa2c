#pragma once

#include <vector>

#include "policies/pricing_policy.hpp"

namespace gvsim::policies {

/// @brief List prices x the region's price index, clamped to [floor, cap]: subscriptions and packs, and API credits
/// when `api` is set.
class PurchasingPowerPricing final : public PricingPolicy {
 public:
  /// @brief Prices scaled by `price_index` (one per region) within the bounds of `params`.
  PurchasingPowerPricing(const PurchasingPowerParams& params, std::vector<double> price_index,
                         std::vector<Promotion> promotions);
  double regional_price(Product product, double list_usd, std::size_t region) const override;
  /// @brief The factor applied to list prices in `region`.
  double factor(std::size_t region) const { return factors_[region]; }

 private:
  PurchasingPowerParams params_;
  std::vector<double> factors_;
};

}  // namespace gvsim::policies
