// Declarations of the user-model keys (region market and payments, segments, pricing, behaviour).
#include <algorithm>

#include "sim/model/market_spec.hpp"
#include "sim/model/schema_terms.hpp"

namespace gvsim::model {

void describe(Fields& f, PathPoint& v) {
  f.number("day", v.day, NumberRule::between(0.0, 36500.0, "d"), "simulated day", Presence::kRequired);
  f.number("value", v.value, NumberRule::between(0.0, 10.0), "value from that day on (linear in between)",
           Presence::kRequired);
}

void describe(Fields& f, MarketSpec& v) {
  f.number("entry_day", v.entry_day, NumberRule::between(0.0, 36500.0, "d"),
           "day the platform opens in this region (adoption starts)");
  f.number("addressable_users_millions", v.addressable_users_millions, NumberRule::positive_up_to(10000.0, "M"),
           "market size M: internet users who could adopt (calibration I1-I3)");
  f.number("bass_p_per_year", v.bass_p_per_year, NumberRule::between(0.0, 10.0, "1/yr"),
           "Bass innovation coefficient p");
  f.number("bass_q_per_year", v.bass_q_per_year, NumberRule::between(0.0, 100.0, "1/yr"),
           "Bass imitation coefficient q");
  f.number("price_index", v.price_index, NumberRule::between(0.01, 10.0),
           "purchasing power relative to the US; scales willingness to pay");
  f.number("energy_usd_per_kwh", v.energy_usd_per_kwh, NumberRule::between(0.0, 5.0, "USD/kWh"),
           "electricity price paid by datacenters in this region");
}

void describe(Fields& f, PaymentSpec& v) {
  f.number("method_share", v.method_share, NumberRule::probability(),
           "share of users with a usable payment method (calibration F1-F3)");
  f.number("decline_rate", v.decline_rate, NumberRule::probability(),
           "share of payment attempts declined (calibration F4)");
  f.number("app_store_share", v.app_store_share, NumberRule::probability(),
           "share of subscriptions bought through an app store");
  f.number("app_store_fee", v.app_store_fee, NumberRule::probability(), "app-store commission (calibration F5)");
  f.number("payment_fee", v.payment_fee, NumberRule::probability(), "card or wallet processing fee");
}

void describe(Fields& f, SegmentSpec& v) {
  f.here(v.where);
  f.number("share", v.share, NumberRule::probability(), "share of new users in this segment (shares sum to 1)",
           Presence::kRequired);
  f.number("requests_per_day", v.requests_per_day, NumberRule::positive_up_to(10000.0, "1/d"),
           "clips an active user of this segment requests per day on average", Presence::kRequired);
  f.shares("clip_mix", v.clip_mix, "clip class", "clip classes this segment requests");
  f.number("wtp_usd_median", v.wtp_usd_median, NumberRule::positive_up_to(100000.0, "USD/month"),
           "median willingness to pay per month at price index 1 (lognormal)");
  f.number("wtp_log_sd", v.wtp_log_sd, NumberRule::between(0.0, 5.0), "sd of log willingness to pay");
  f.number("patience_s_median", v.patience_s_median, NumberRule::positive_up_to(1e7, "s"),
           "median wait a user accepts before abandoning a job (lognormal)");
  f.number("patience_log_sd", v.patience_log_sd, NumberRule::between(0.0, 5.0), "sd of log patience");
  f.flag("api_billing", v.api_billing, "true: billed per use at the API price, no credits or subscription");
  if (v.api_billing) {
    for (const char* key : {"wtp_usd_median", "wtp_log_sd", "paid_churn_per_month", "pack_propensity"})
      f.inactive(key, "api_billing is true (API accounts meet no plan offers, subscriptions or packs)");
  }
  f.number("free_lapse_per_day", v.free_lapse_per_day, NumberRule::probability(),
           "daily hazard that a satisfied free user stops using the product");
  f.number("paid_churn_per_month", v.paid_churn_per_month, NumberRule::probability(),
           "monthly hazard that a satisfied paying user cancels at a fair price (calibration S1)");
  f.number("pack_propensity", v.pack_propensity, NumberRule::probability(),
           "chance a paying user out of credits buys a credit pack");
  f.number("quality_sensitivity", v.quality_sensitivity, NumberRule::between(0.0, 10.0),
           "how strongly a poor video moves the segment's satisfaction: the learning rate toward outcome_poor is "
           "multiplied by it, capped at 1 (estimate: creators above 1, casual users below; 1 = neutral)");
  f.choice("parent_role", v.parent_role, {"creator", "merchant", "viewer", "none"},
           "what the segment's users are on the parent platform where it is present (regions' parent block): "
           "creators and merchants count in those value channels, and all but `none` as app users");
}

void describe(Fields& f, TierSpec& v) {
  f.here(v.where);
  f.number("usd_per_month", v.usd_per_month, NumberRule::positive_up_to(100000.0, "USD"),
           "list price per month (calibration P1)", Presence::kRequired);
  f.number("credits_per_month", v.credits_per_month, NumberRule::positive_up_to(1e9),
           "credits granted at each renewal (no rollover)", Presence::kRequired);
}

void describe(Fields& f, PricingSpec& v) {
  f.number("free_daily_credits", v.free_daily_credits, NumberRule::between(0.0, 1e6),
           "credits a free user gets each local day, no rollover (calibration P2)");
  f.here_of("free_credits_reference", v.reference_where);
  f.number("free_credits_reference", v.free_credits_reference, NumberRule::between(0.0, 1e6, "credits/d"),
           "free daily credits at which the regions' Bass coefficients and the segments' free_lapse_per_day hold "
           "(calibration P2: fitted at 66); free credits above it raise adoption and lower free lapse, below it "
           "the reverse (market.adoption.free_credit_response, behaviour.lapse_coverage_weight)");
  f.named("tiers", v.tiers, "subscription tiers by name", 1);
  f.number("pack_usd", v.pack_usd, NumberRule::positive_up_to(100000.0, "USD"), "price of a credit pack");
  f.number("pack_credits", v.pack_credits, NumberRule::positive_up_to(1e9), "credits in a pack");
  f.number("api_usd_per_credit", v.api_usd_per_credit, NumberRule::positive_up_to(100.0, "USD"),
           "API price per credit for segments billed per use (calibration P3)");
  f.number("renewal_recovery_share", v.renewal_recovery_share, NumberRule::probability(),
           "share of declined subscription renewals that the billing retry recovers (calibration F6: 30-50 %)");
  f.here_of("renewal_retry_days", v.retry_where);
  f.integer("renewal_retry_days", v.renewal_retry_days, NumberRule::whole(0, 60, "d"),
            "grace period of a declined subscription renewal: the subscriber keeps the plan without new credits "
            "until the retry this many days later, which charges it (a new 30-day cycle from that day) with "
            "probability renewal_recovery_share or drops the subscriber to the free tier (F6: 6-60 days; 0: no "
            "retry, a declined renewal drops the subscriber at once)");
  if (v.renewal_retry_days == 0)
    f.inactive("renewal_recovery_share", "renewal_retry_days is 0 (a declined renewal is not retried)");
}

void describe(Fields& f, BehaviourSpec& v) {
  f.number("conversion_intercept", v.conversion_intercept, NumberRule::between(-50.0, 50.0),
           "logit of accepting an upgrade offer at wtp = price and satisfaction 0.5");
  f.number("conversion_price_weight", v.conversion_price_weight, NumberRule::between(0.0, 50.0),
           "weight of ln(willingness to pay / price) in the conversion logit");
  f.number("conversion_satisfaction_weight", v.conversion_satisfaction_weight, NumberRule::between(0.0, 50.0),
           "weight of (satisfaction - 0.5) in the conversion logit");
  f.number("churn_dissatisfaction_weight", v.churn_dissatisfaction_weight, NumberRule::between(0.0, 50.0),
           "churn hazards are multiplied by exp(weight x (1 - satisfaction))");
  f.number("churn_overprice_weight", v.churn_overprice_weight, NumberRule::between(0.0, 50.0),
           "paid churn multiplied by exp(weight x max(0, price / wtp - 1))");
  f.number("churn_competitor_weight", v.churn_competitor_weight, NumberRule::between(0.0, 50.0),
           "churn multiplied by exp(weight x the best rival's utility advantage beyond the switching cost); conversion "
           "logit reduced by the same term (see market.rivals)");
  f.here_of("lapse_coverage_weight", v.lapse_coverage_where);
  f.number("lapse_coverage_weight", v.lapse_coverage_weight, NumberRule::between(0.0, 50.0),
           "free lapse multiplied by exp(weight x (C(reference) - C(free credits))), C the expected share of a "
           "free user's wanted credits per day the free credits cover (pricing.free_credits_reference; "
           "estimate: with no free credits at all a free user lapses e = 2.7 times as fast, besides the satisfaction "
           "each refused request costs)");
  f.number("satisfaction_initial", v.satisfaction_initial, NumberRule::probability(), "satisfaction of a new user");
  f.number("satisfaction_learning_rate", v.satisfaction_learning_rate, NumberRule::probability(),
           "satisfaction moves this fraction of the way toward each outcome's score");
  f.number("fast_wait_share_of_patience", v.fast_wait_share_of_patience, NumberRule::probability(),
           "a result counts as fast when its felt delay (queue wait + delivery + the unexpected share of the "
           "generation time) is below this share of the user's patience");
  f.number("generation_allowance_share", v.generation_allowance_share, NumberRule::probability(),
           "share of the generation time users expect and do not count in the felt delay (estimate)");
  f.number("outcome_fast", v.outcome_fast, NumberRule::probability(), "score of a fast result");
  f.number("outcome_slow", v.outcome_slow, NumberRule::probability(), "score of a slow result");
  f.number("outcome_abandoned", v.outcome_abandoned, NumberRule::probability(), "score of an abandoned job");
  f.number("outcome_failed", v.outcome_failed, NumberRule::probability(), "score of a failed generation");
  f.number("outcome_no_credits", v.outcome_no_credits, NumberRule::probability(),
           "score of a request refused for lack of credits");
  f.number("outcome_blocked", v.outcome_blocked, NumberRule::probability(),
           "score of a job blocked by moderation (credits refunded; estimate)");
  f.number("outcome_poor", v.outcome_poor, NumberRule::probability(),
           "score of a delivered video of poor quality, whatever the wait (estimate: between failed and slow)");
  f.number("novelty_clips", v.novelty_clips, NumberRule::between(0.0, 50.0, "clips"),
           "mean extra clips a new consumer user who adopted by imitation requests in their first days, on top of "
           "the segment's requests_per_day (Poisson; API-billed segments none; estimate, docs/model.md)");
  f.here_of("novelty_clips_innovator", v.novelty_innovator_where);
  f.number("novelty_clips_innovator", v.novelty_clips_innovator, NumberRule::between(0.0, 50.0, "clips"),
           "the same for a user who adopted through the Bass innovation term p (not written: novelty_clips)");
  // Not written: the same burst as imitators (resolved here, so the manifest shows the value in force).
  if (v.novelty_innovator_where.line == 0) v.novelty_clips_innovator = v.novelty_clips;
  if (v.novelty_clips == 0.0 && v.novelty_clips_innovator == 0.0)
    f.inactive("novelty_days", "novelty_clips and novelty_clips_innovator are 0 (no novelty burst)");
  f.number("novelty_days", v.novelty_days, NumberRule::positive_up_to(365.0, "d"),
           "mean age at which a new user requests those extra clips (exponential; estimate)");
}

void describe(Fields& f, PopulationSpec& v) {
  f.integer("max_agents", v.max_agents, NumberRule::whole(1, 1e8),
            "refuse to run when the expected simulated users (Bass closed form at the horizon) exceed this");
}

void describe(Fields& f, SocialGraphSpec& v) {
  f.flag("enabled", v.enabled,
         "true: imitation spreads along a small-world graph of each region's potential users instead of mixing "
         "uniformly (hazard p + q x adopted neighbours / mean_degree)");
  f.integer("mean_degree", v.mean_degree, NumberRule::whole(2, 200), "neighbours per user in the ring lattice (even)");
  f.number("rewiring", v.rewiring, NumberRule::probability(),
           "probability that a lattice edge is rewired to a random user (0: lattice, 1: random graph)");
}

void describe(Fields& f, UserModelSpec& v) {
  f.nested("population", v.population, "limits on the simulated population");
  f.named("segments", v.segments, "user segments by name (casual, creator, merchant, enterprise ...)", 1);
  f.nested("pricing", v.pricing, "prices", Presence::kRequired);
  f.nested("behaviour", v.behaviour, "conversion, churn and satisfaction coefficients");
  f.choice("imitation_from", v.imitation_from, {"adopted", "active"},
           "Bass imitation term q A/M counts all adopters so far, or only users still active");
  f.nested("social_graph", v.social_graph, "word-of-mouth over a social graph (off by default)");
  f.number_list("diurnal", v.diurnal, NumberRule::non_negative(), "request intensity by local hour 0-23", 24, 24);
  f.integer("delivery_slots_per_cluster", v.delivery_slots_per_cluster, NumberRule::whole(1, 1024),
            "concurrent WAN video transfers per cluster (caps flows the network solver handles)");
  f.nested("upgrade_offers", v.upgrade_offers, "when free users meet upgrade offers and how they choose a tier");
  f.nested("api_demand", v.api_demand, "API demand's price elasticity and invoice billing");
  f.named("enterprise_contracts", v.enterprise_contracts,
          "enterprise contracts by name: committed volume, price, p95 wait SLA (none by default)");
}

double path_value(const std::vector<PathPoint>& path, double day) {
  if (path.empty()) return 0.0;
  if (day <= path.front().day) return path.front().value;
  for (std::size_t i = 1; i < path.size(); ++i) {
    if (day <= path[i].day) {
      const double span = path[i].day - path[i - 1].day;
      const double w = span > 0.0 ? (day - path[i - 1].day) / span : 1.0;
      return path[i - 1].value + w * (path[i].value - path[i - 1].value);
    }
  }
  return path.back().value;
}

}  // namespace gvsim::model
