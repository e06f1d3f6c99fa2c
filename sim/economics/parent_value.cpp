#include "sim/economics/parent_value.hpp"

#include <algorithm>

namespace gvsim::economics {

std::vector<ParentValueDay> parent_value_series(const model::ParentSpec& parent,
                                                const model::ParentPresenceSpec& presence,
                                                const std::vector<ParentDayInputs>& days) {
  std::vector<ParentValueDay> out;
  out.reserve(days.size());
  double trust = 1.0;
  const double share = presence.users_share;
  for (const auto& in : days) {
    ParentValueDay v;
    v.trust = trust;
    if (share > 0.0) {
      // While the service is down, the tool adds nothing, but distrust already earned still costs ad revenue.
      const double on = in.available ? 1.0 : 0.0;
      v.creators_usd = on * share * in.creators_active * presence.ad_usd_per_creator_day *
                       (parent.creator_output_lift + parent.creator_retention_lift) * trust;
      v.merchants_usd =
          on * share * in.merchant_clips * presence.gmv_usd_per_merchant_clip * presence.take_rate * trust;
      v.advertisers_usd = share * in.users_active * presence.ad_usd_per_user_day *
                          (on * parent.ai_ad_lift * trust - parent.distrust_penalty * (1.0 - trust));
      v.production_usd = on * presence.campaign_usd_saved_per_day * (1.0 - in.poor_share);
    }
    out.push_back(v);
    if (share <= 0.0) continue;  // the parent's advertisers are elsewhere: trust stays where it is
    trust += parent.trust_recovery_per_day * (1.0 - trust) - parent.trust_per_incident * in.incidents -
             parent.trust_per_poor_share * in.poor_share;
    trust = std::clamp(trust, 0.0, 1.0);
  }
  return out;
}

Verdict classify(const model::ParentSpec& parent, double net_revenue_usd, double cost_usd, double parent_value_usd) {
  const double profit = net_revenue_usd - cost_usd;
  if (net_revenue_usd > 0.0 && profit / net_revenue_usd >= parent.product_margin_at_least) return Verdict::kProduct;
  if (parent_value_usd >= parent.feature_cover_at_least * std::max(0.0, -profit)) return Verdict::kFeature;
  return Verdict::kCostCentre;
}

std::string verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::kProduct:
      return "product";
    case Verdict::kFeature:
      return "feature";
    case Verdict::kCostCentre:
      break;
  }
  return "cost_centre";
}

}  // namespace gvsim::economics
