// Declarations of the keys of upgrade offers, API demand and enterprise contracts (workload.users).
#include "sim/model/revenue_streams_spec.hpp"
#include "sim/model/schema_terms.hpp"

namespace gvsim::model {

void describe(Fields& f, PaidFeatureSpec& v) {
  f.here(v.where);
  f.number("desire_per_request", v.desire_per_request, NumberRule::probability(),
           "chance that a request of a listed segment wants this paid feature; a free user then meets an upgrade "
           "offer (estimate)");
  f.number("utility", v.utility, NumberRule::between(0.0, 20.0),
           "added to each paid tier's utility in the tier choice when the offer comes from this feature (estimate)");
  f.references("segments", v.segments, "segment", "segments that may want the feature (default: all)", 0);
}

void describe(Fields& f, UpgradeOfferSpec& v) {
  f.number("shortfall_softness_credits", v.shortfall_softness_credits, NumberRule::between(0.0, 1e6),
           "a free user's request triggers an offer with probability logistic((clip credits - credits left) / "
           "softness); 0: only when the clip costs more than the credits left (estimate)");
  f.number("periodic_per_day", v.periodic_per_day, NumberRule::probability(),
           "chance per UTC day that an active free user meets an upgrade offer without a trigger (estimate)");
  f.number("free_credit_weight", v.free_credit_weight, NumberRule::between(0.0, 50.0),
           "utility of staying free: weight x ln(1 + free daily credits / credits of the clip wanted) (estimate)");
  f.number("tier_credit_weight", v.tier_credit_weight, NumberRule::between(0.0, 50.0),
           "tier utility: weight x ln(tier credits / fewest credits of any tier) (estimate)");
  f.number("overprice_weight", v.overprice_weight, NumberRule::between(0.0, 50.0),
           "tier utility: - weight x max(0, offer price / willingness to pay - 1) (estimate)");
  f.named("paid_features", v.paid_features, "features only paid plans have, by name (none by default)");
}

void describe(Fields& f, ApiDemandSpec& v) {
  f.number("price_elasticity", v.price_elasticity, NumberRule::between(-10.0, 0.0),
           "constant elasticity of API request volume to the API price per credit (estimate)");
  f.number("reference_usd_per_credit", v.reference_usd_per_credit, NumberRule::positive_up_to(100.0, "USD"),
           "API price at which API segments request requests_per_day (P5, the price their volume was fitted at)");
  f.number("invoice_cost_share", v.invoice_cost_share, NumberRule::probability(),
           "API and enterprise billing: invoicing and collection cost, share of the amount (estimate)");
  f.number("bad_debt_share", v.bad_debt_share, NumberRule::probability(),
           "API and enterprise billing: share of invoiced amounts never collected (estimate)");
  f.number("price_index_exponent", v.price_index_exponent, NumberRule::between(0.0, 5.0),
           "API segments' requests_per_day in a region x price_index^this, normalised so that the weights average "
           "1 over the regions' addressable users (0: the same volume per user everywhere; estimate: business "
           "spend per internet user follows purchasing power)");
}

void describe(Fields& f, EnterpriseContractSpec& v) {
  f.here(v.where);
  f.references("regions", v.regions, "region", "regions where the contracts are signed (default: all)", 0);
  f.number("contracts", v.contracts, NumberRule::between(0.0, 1e9), "real-world contracts in each region (estimate)");
  f.reference("clip_class", v.clip_class, "clip class", "clip class the contracts request");
  f.number("clips_per_month", v.clips_per_month, NumberRule::between(0.0, 1e9),
           "committed clips per contract per 30 days, requested evenly and billed as issued (estimate)");
  f.number("usd_per_credit", v.usd_per_credit, NumberRule::positive_up_to(100.0, "USD"),
           "contract price per credit (estimate, below the API list price P5)");
  f.number("sla_p95_wait_s", v.sla_p95_wait_s, NumberRule::positive_up_to(1e7, "s"),
           "promised 95th percentile of the queue wait of the contracts' delivered jobs over each 30-day month");
  f.number("penalty_share", v.penalty_share, NumberRule::probability(),
           "share of the month's contract revenue credited back when the month's p95 wait exceeds the SLA");
  f.number("patience_s", v.patience_s, NumberRule::positive_up_to(1e8, "s"),
           "a contract job still queued after this wait is abandoned (not refunded)");
  f.number("harmful_share", v.harmful_share, NumberRule::probability(),
           "with a moderation policy: share of the contracts' prompts that are harmful; their clips are checked "
           "like every clip, and a blocked one is not refunded (estimate: vetted business accounts)");
}

}  // namespace gvsim::model
