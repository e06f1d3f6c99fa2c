// Declarations of the moderation keys (experiment policies.moderation) and of the region regulation block.
#include "sim/model/moderation_spec.hpp"
#include "sim/model/schema_terms.hpp"

namespace gvsim::model {

void describe(Fields& f, ContentSpec& v) {
  f.here(v.where);
  f.choice("distribution", v.distribution, {"beta", "lognormal"},
           "distribution of a user's risky-prompt propensity across users (lognormal draws are clipped at 1)");
  f.number("cv", v.cv, NumberRule::between(0.0, 100.0),
           "coefficient of variation of the propensity across users (0: everyone has the mean; estimate)");
  f.here_of("cv", v.cv_where);
  f.named("classes", v.classes,
          "content-risk classes by name (copyright, likeness, political, commercial_misuse); unlisted: none");
  f.raw("harmful_share_mean", v.retired_harmful_share_mean, schema::RawShape::kAny,
        "refused: replaced by classes.CLASS.share_mean");
  f.raw("segments", v.retired_segments, schema::RawShape::kAny,
        "refused: replaced by classes.CLASS.segments.SEGMENT.share_mean");
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
  f.nested("labelling", v.labelling, "labels (watermark, provenance metadata) on generated clips");
}

void describe(Fields& f, RegulationSpec& v) {
  f.named("classes", v.classes, "incident probability and fines per risk class (unlisted classes: no incidents)");
  f.optional_number("labelling_mandatory_from_day", v.labelling_mandatory_from_day, NumberRule::between(-1e6, 1e6, "d"),
                    "from this day on every clip served here is labelled, paid removal or not (absent: never)");
  f.raw("incident_probability", v.retired_incident_probability, schema::RawShape::kAny,
        "refused: replaced by classes.CLASS.incident_probability");
  f.raw("fine_usd", v.retired_fine_usd, schema::RawShape::kAny, "refused: replaced by classes.CLASS.fine_usd");
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
