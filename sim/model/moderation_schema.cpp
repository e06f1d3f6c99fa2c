// Declarations of the moderation keys (experiment policies.moderation) and of the region regulation block.
#include "sim/model/moderation_spec.hpp"
#include "sim/model/schema_terms.hpp"

namespace gvsim::model {

void describe(Fields& f, SegmentContentSpec& v) {
  f.here(v.where);
  f.number("harmful_share_mean", v.harmful_share_mean, NumberRule::probability(),
           "mean share of harmful prompts of this segment's users", Presence::kRequired);
}

void describe(Fields& f, ContentSpec& v) {
  f.here(v.where);
  f.choice("distribution", v.distribution, {"beta", "lognormal"},
           "distribution of a user's harmful-prompt propensity across users (lognormal draws are clipped at 1)");
  f.number("harmful_share_mean", v.harmful_share_mean, NumberRule::probability(),
           "mean share of harmful prompts over all users (estimate: no published figure)");
  f.number("cv", v.cv, NumberRule::between(0.0, 100.0),
           "coefficient of variation of the propensity across users (0: everyone has the mean; estimate)");
  f.here_of("cv", v.cv_where);
  f.named("segments", v.segments, "per-segment mean shares of harmful prompts, replacing harmful_share_mean");
}

void describe(Fields& f, ReviewSpec& v) {
  f.flag("enabled", v.enabled, "true: flagged items wait for a human decision instead of being blocked at once");
  f.number("capacity_per_day", v.capacity_per_day, NumberRule::between(0.0, 1e12, "items/d"),
           "real-world items reviewers take up per region and UTC day (divided by scale); the rest wait, FIFO");
  f.number("delay_hours", v.delay_hours, NumberRule::between(0.0, 8760.0, "h"),
           "time from taking an item up to the decision (estimate)");
  f.number("usd_per_item", v.usd_per_item, NumberRule::between(0.0, 1e4, "USD"),
           "cost of reviewing one real-world item (estimate)");
  f.number("accuracy", v.accuracy, NumberRule::probability(),
           "chance a reviewer decides right: overturns a false positive, confirms a true positive");
}

void describe(Fields& f, ModerationSpec& v) {
  policies::describe_name(f, v, "moderation module; ");
  policies::describe_blocks(f, v);
  f.nested("content", v.content, "content risk of users' prompts (when the policy is not none)");
  f.nested("review", v.review, "human review of flagged items (when the policy is not none)");
}

void describe(Fields& f, RegulationSpec& v) {
  f.number("incident_probability", v.incident_probability, NumberRule::probability(),
           "chance that one published harmful clip (a false negative) becomes a regulatory incident");
  f.number("fine_usd", v.fine_usd, NumberRule::between(0.0, 1e12, "USD"), "fine per incident");
  f.number("forced_threshold_decrease", v.forced_threshold_decrease, NumberRule::between(0.0, 10.0, "sd"),
           "after an incident the regulator forces stricter checks: thresholds drop by this much");
  f.number("forced_days", v.forced_days, NumberRule::between(0.0, 3650.0, "d"),
           "days the forced strictness lasts after the latest incident");
  f.integer("suspension_after_incidents", v.suspension_after_incidents, NumberRule::whole(0, 1e9),
            "incidents within suspension_window_days that suspend the service (0: never)");
  f.number("suspension_window_days", v.suspension_window_days, NumberRule::positive_up_to(3650.0, "d"),
           "window over which incidents are counted for a suspension");
  f.number("suspension_days", v.suspension_days, NumberRule::between(0.0, 3650.0, "d"),
           "length of a suspension: no adoptions or requests, paid users not billed");
  f.integer("exit_after_suspensions", v.exit_after_suspensions, NumberRule::whole(0, 1e6),
            "suspensions after which the platform leaves the region for good (0: never)");
  f.text("source", v.source, "where the figures come from (calibration.md source keys or 'estimate')");
}

}  // namespace gvsim::model
