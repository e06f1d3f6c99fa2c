// Declarations of the rival-platform keys (the experiment's `market` block): rivals, the choice among platforms,
// and the adoption drive (word of mouth, marketing).
#include "sim/model/rival_spec.hpp"
#include "sim/model/schema_terms.hpp"

namespace gvsim::model {

void describe(Fields& f, PricePoint& v) {
  f.number("day", v.day, NumberRule::between(0.0, 36500.0, "d"), "simulated day", Presence::kRequired);
  f.number("usd_per_month", v.usd_per_month, NumberRule::positive_up_to(100000.0, "USD/month"),
           "price from that day on (linear in between); self-hosting: hardware and power per month",
           Presence::kRequired);
}

void describe(Fields& f, RivalSpec& v) {
  f.here(v.where);
  f.list("price", v.price, "price path, USD per month equivalent (estimate from list prices)", 1);
  f.list("quality", v.quality, "quality path on the scale of market.choice.platform_quality (estimate)", 1);
  f.number("latency_s", v.latency_s, NumberRule::positive_up_to(1e6, "s"),
           "end-to-end time from prompt to delivered clip (estimate)");
  f.references("regions", v.regions, "region", "regions where it is offered (default: all taking part)", 0);
}

void describe(Fields& f, ChoiceSpec& v) {
  f.number("price_weight", v.price_weight, NumberRule::between(0.0, 50.0),
           "utility lost per unit of ln(price USD/month) (estimate)");
  f.number("quality_weight", v.quality_weight, NumberRule::between(0.0, 50.0), "utility per quality point (estimate)");
  f.number("latency_weight_per_min", v.latency_weight_per_min, NumberRule::between(0.0, 50.0, "1/min"),
           "utility lost per minute of end-to-end latency (estimate)");
  f.number("switching_cost", v.switching_cost, NumberRule::between(0.0, 50.0),
           "utility a user gives up by moving from one platform to another (estimate)");
  f.list("platform_quality", v.platform_quality, "this platform's quality path (estimate; empty: 0)");
  f.number("platform_generation_s", v.platform_generation_s, NumberRule::positive_up_to(1e6, "s"),
           "end-to-end latency of an unqueued clip; the region's mean queue wait of the last day is added "
           "(estimate)");
  f.number("reference_share", v.reference_share, NumberRule::between(0.001, 1.0),
           "platform's choice share among the rivals at which the regions' Bass coefficients hold; adoption is "
           "multiplied by share / reference_share (estimate)");
  f.number("winback_max_per_day", v.winback_max_per_day, NumberRule::probability(),
           "daily hazard ceiling that a user who left for a rival comes back (estimate)");
  f.number("winback_weight", v.winback_weight, NumberRule::between(0.0, 50.0),
           "win-back hazard = max x logistic(weight x (platform utility - rival utility - switching cost)) "
           "(estimate)");
  f.number("paid_cancel_to_rival", v.paid_cancel_to_rival, NumberRule::probability(),
           "where rivals are offered, share of voluntary paid cancellations that leave the platform for a rival "
           "drawn by the logit (and can be won back like lapsed free users); the rest stay as free users; "
           "payment failures always stay (estimate: a cancelling subscriber has a rival at hand as often as a "
           "lapsing free user)");
}

void describe(Fields& f, AdoptionDriveSpec& v) {
  f.number("word_of_mouth_positive", v.word_of_mouth_positive, NumberRule::between(0.0, 50.0),
           "q multiplied by 1 + this x (satisfied share - its reference) - ... (0: Bass q as given; estimate)");
  f.number("word_of_mouth_negative", v.word_of_mouth_negative, NumberRule::between(0.0, 50.0),
           "... - this x (dissatisfied share - its reference) (0: Bass q as given; estimate)");
  f.number("satisfied_above", v.satisfied_above, NumberRule::probability(),
           "an active user with satisfaction at or above this recommends the platform (estimate)");
  f.number("dissatisfied_below", v.dissatisfied_below, NumberRule::probability(),
           "an active user with satisfaction below this discourages others (estimate)");
  f.number("satisfied_share_reference", v.satisfied_share_reference, NumberRule::probability(),
           "satisfied share of active users at which q holds as given (estimate)");
  f.number("dissatisfied_share_reference", v.dissatisfied_share_reference, NumberRule::probability(),
           "dissatisfied share of active users at which q holds as given (estimate)");
  f.number("marketing_usd_per_day", v.marketing_usd_per_day, NumberRule::between(0.0, 1e9, "USD/d"),
           "marketing spend in each open region (real-world USD, a cost in the books)");
  f.number("marketing_response", v.marketing_response, NumberRule::between(0.0, 50.0),
           "p multiplied by 1 + this x ln(1 + spend / reference): diminishing returns (estimate)");
  f.number("marketing_reference_usd_per_day", v.marketing_reference_usd_per_day,
           NumberRule::positive_up_to(1e9, "USD/d"), "spend at which the response reaches response x ln 2 (estimate)");
  f.here_of("free_credit_response", v.free_credit_response_where);
  f.number("free_credit_response", v.free_credit_response, NumberRule::between(0.0, 50.0),
           "p and q multiplied by exp(this x (ln(1 + free clips a day) - ln(1 + reference free clips a day))), "
           "free clips = free daily credits / the mean clip's credits, reference at "
           "workload.users.pricing.free_credits_reference: diminishing returns (estimate: 5x the free credits "
           "raise the adoption hazard by about half)");
  f.number("potential_share", v.potential_share, NumberRule::positive_up_to(1.0),
           "Bass market potential m as a share of each region's addressable users: adoption saturates at "
           "this x addressable_users_millions; p applies per addressable user (p / this per potential adopter), "
           "so the first adoptions do not change (1: every addressable user may adopt; estimate)");
}

void describe(Fields& f, RivalMarketSpec& v) {
  f.named("rivals", v.rivals, "rival platforms by name (none: the platform has the market to itself)");
  f.nested("choice", v.choice, "the logit choice among the platform and its rivals");
  f.nested("adoption", v.adoption, "word of mouth and marketing acting on the Bass coefficients");
}

double price_value(const std::vector<PricePoint>& path, double day) {
  std::vector<PathPoint> points;
  points.reserve(path.size());
  for (const auto& p : path)
    points.push_back(PathPoint{p.day, p.usd_per_month});
  return path_value(points, day);
}

}  // namespace gvsim::model
