#include "policies/purchasing_power_pricing.hpp"

#include <algorithm>

namespace gvsim::policies {

PurchasingPowerPricing::PurchasingPowerPricing(const PurchasingPowerParams& params, std::vector<double> price_index,
                                               std::vector<Promotion> promotions)
    : PricingPolicy(std::move(promotions)), params_(params), factors_(std::move(price_index)) {
  for (double& f : factors_)
    f = std::min(std::max(f, params_.floor), params_.cap);
}

double PurchasingPowerPricing::regional_price(Product product, double list_usd, std::size_t region) const {
  if (product == Product::kApiCredit && !params_.api) return list_usd;
  return list_usd * factors_[region];
}

}  // namespace gvsim::policies
