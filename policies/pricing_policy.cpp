#include "policies/pricing_policy.hpp"

#include <algorithm>

namespace gvsim::policies {

int PricingPolicy::active_promotion(Product product, std::size_t region, double day) const {
  int best = -1;
  for (std::size_t i = 0; i < promotions_.size(); ++i) {
    const auto& p = promotions_[i];
    const bool sold = product == Product::kSubscription ? p.subscriptions : product == Product::kPack && p.packs;
    if (!sold || day < p.start_day || day >= p.end_day) continue;
    if (!p.regions.empty() && std::find(p.regions.begin(), p.regions.end(), region) == p.regions.end()) continue;
    if (best < 0 || p.discount > promotions_[static_cast<std::size_t>(best)].discount) best = static_cast<int>(i);
  }
  return best;
}

Price PricingPolicy::quote(const PriceQuery& query) const {
  Price price;
  price.regional_usd = regional_price(query.product, query.list_usd, query.region);
  price.usd = price.regional_usd;
  int promotion = -1;
  if (query.renewal) {
    if (query.promotion >= 0 && query.discounted_months_left > 0) promotion = query.promotion;
  } else {
    promotion = active_promotion(query.product, query.region, query.day);
  }
  if (promotion < 0) return price;
  const auto& p = promotions_[static_cast<std::size_t>(promotion)];
  price.usd = price.regional_usd * (1.0 - p.discount);
  price.promotion = promotion;
  if (query.product == Product::kSubscription && !query.renewal) price.discounted_months = p.first_months;
  return price;
}

}  // namespace gvsim::policies
