#pragma once

#include <vector>

#include "policies/pricing_policy.hpp"

namespace gvsim::policies {

/// @brief List prices in USD in every region (purchasing power only shapes willingness to pay).
class UniformPricing final : public PricingPolicy {
 public:
  /// @brief Uniform prices with `promotions` on top.
  explicit UniformPricing(std::vector<Promotion> promotions) : PricingPolicy(std::move(promotions)) {}
  double regional_price(Product product, double list_usd, std::size_t region) const override;
};

}  // namespace gvsim::policies
