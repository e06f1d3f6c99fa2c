// Prices scaled by each region's price index.
#include <algorithm>

#include "policies/pricing_policy.hpp"

namespace gvsim::policies {
namespace {

using schema::NumberRule;

/// Parameters of the purchasing_power pricing policy.
struct PurchasingPowerParams {
  double floor = 0.0;  ///< lowest factor applied to list prices
  double cap = 10.0;   ///< highest factor applied to list prices
  bool api = false;    ///< also scale the API price per credit
};

void describe(schema::Fields& f, PurchasingPowerParams& v) {
  f.number("floor", v.floor, NumberRule::between(0.0, 10.0),
           "lowest factor applied to list prices (a price_index below it is raised to it)");
  f.number("cap", v.cap, NumberRule::between(0.01, 10.0),
           "highest factor applied to list prices (a price_index above it is lowered to it)");
  f.flag("api", v.api, "true: the API price per credit is scaled too");
}

/// The bounds must not cross (checked whether or not the policy is chosen).
void check(const PurchasingPowerParams& p, const PricingContext&, const BlockSite& site,
           schema::Diagnostics& diagnostics) {
  if (p.floor <= p.cap) return;
  diagnostics.expected(site.block, site.path + ".purchasing_power.floor",
                       "a floor <= cap (" + schema::shortest(p.cap) + ")", schema::shortest(p.floor));
}

/// List prices x the region's price index, clamped to [floor, cap]: subscriptions and packs, and API credits when
/// `api` is set.
class PurchasingPowerPricing final : public PricingPolicy {
 public:
  PurchasingPowerPricing(const PurchasingPowerParams& params, const PricingContext& context)
      : PricingPolicy(context.promotions), api_(params.api), factors_(context.price_index) {
    for (double& f : factors_)
      f = std::min(std::max(f, params.floor), params.cap);
  }

  double regional_price(Product product, double list_usd, std::size_t region) const override {
    if (product == Product::kApiCredit && !api_) return list_usd;
    return list_usd * factors_[region];
  }

 private:
  bool api_;
  std::vector<double> factors_;  ///< per region
};

[[maybe_unused]] const bool registered = PricingRegistry::add<PurchasingPowerPricing, PurchasingPowerParams>(
    {"purchasing_power", 20, "prices x the region's price_index",
     "parameters of the purchasing_power policy (checked, and ignored under another name)"},
    &check);

}  // namespace
}  // namespace gvsim::policies
