// Declarations of the pricing-policy keys (policies.pricing).
#include "sim/model/pricing_policy_spec.hpp"
#include "sim/model/schema_terms.hpp"

namespace gvsim::model {

void describe(Fields& f, PromotionSpec& v) {
  f.here(v.where);
  f.identifier("name", v.name, "promotion name (in promotions_daily.csv)", Presence::kRequired);
  f.number("start_day", v.start_day, NumberRule::between(0.0, 36500.0, "d"), "first day of the window (inclusive)",
           Presence::kRequired);
  f.number("end_day", v.end_day, NumberRule::between(0.0, 36500.0, "d"),
           "end of the window (exclusive); must be > start_day", Presence::kRequired);
  f.here_of("end_day", v.end_where);
  f.number("discount", v.discount, NumberRule::probability(), "share of the price taken off", Presence::kRequired);
  f.references("regions", v.regions, "region", "regions it applies in (default: all taking part)", 0);
  f.choice("applies_to", v.applies_to, {"subscriptions", "packs", "both"},
           "new subscriptions, credit packs bought in the window, or both");
  f.integer("first_months", v.first_months, NumberRule::whole(1, 120),
            "billing months (the first included) at the discount for users who subscribe during the window");
}

void describe(Fields& f, PricingPolicySpec& v) {
  policies::describe_name(f, v);
  policies::describe_blocks(f, v);
  f.list("promotions", v.promotions, "time-limited discounts; the conversion choice sees the discounted price");
}

}  // namespace gvsim::model
