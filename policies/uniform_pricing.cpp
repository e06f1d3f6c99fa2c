// List prices in USD in every region.
#include "policies/pricing_policy.hpp"

namespace gvsim::policies {
namespace {

/// List prices in USD in every region (purchasing power only shapes willingness to pay).
class UniformPricing final : public PricingPolicy {
 public:
  explicit UniformPricing(const PricingContext& context) : PricingPolicy(context.promotions) {}
  double regional_price(Product, double list_usd, std::size_t) const override { return list_usd; }
};

[[maybe_unused]] const bool registered =
    PricingRegistry::add<UniformPricing>({"uniform", 10, "list prices in USD everywhere"});

}  // namespace
}  // namespace gvsim::policies
