// Declarations of the content-risk classes (policies.moderation.content.classes), labelling
// (policies.moderation.labelling) and the per-class rules of a region (regulation.classes).
#include "sim/model/risk_class_spec.hpp"
#include "sim/model/schema_terms.hpp"

namespace gvsim::model {

std::uint8_t risk_class_number(const std::string& name) {
  for (std::size_t c = 0; c < kRiskClassCount; ++c) {
    if (name == kRiskClassNames[c]) return static_cast<std::uint8_t>(c + 1);
  }
  return 0;
}

std::vector<std::string> risk_class_names() {
  return {kRiskClassNames.begin(), kRiskClassNames.end()};
}

double class_share_mean(const RiskClassSpec& risk, const std::string& segment) {
  for (const auto& entry : risk.segments) {
    if (entry.name == segment) return entry.share_mean;
  }
  return risk.share_mean;
}

double risky_share_mean(const std::vector<RiskClassSpec>& classes, const std::string& segment) {
  double total = 0.0;
  for (const auto& risk : classes)
    total += class_share_mean(risk, segment);
  return total;
}

void describe(Fields& f, SegmentRiskShare& v) {
  f.here(v.where);
  f.number("share_mean", v.share_mean, NumberRule::probability(),
           "mean share of this segment's prompts in the class (estimate)", Presence::kRequired);
}

void describe(Fields& f, RiskClassSpec& v) {
  f.here(v.where);
  f.number("share_mean", v.share_mean, NumberRule::probability(),
           "mean share of a user's prompts in this class (estimate: no published figure)");
  f.named("segments", v.segments, "per-segment mean shares of the class, replacing share_mean");
  f.number("separability", v.separability, NumberRule::between(0.0, 10.0),
           "multiplies the classifier's d' for clips of this class: above 1 the class is easier to detect (estimate)");
  f.number("trust_weight", v.trust_weight, NumberRule::between(0.0, 1000.0),
           "advertiser-trust weight of one incident of this class in trust_weighted_incidents (estimate)");
}

void describe(Fields& f, LabellingSpec& v) {
  f.here(v.where);
  f.flag("enabled", v.enabled,
         "true: every clip carries a visible label and provenance metadata (regions whose regulation requires "
         "labels get them anyway)");
  f.number("gpu_seconds", v.gpu_seconds, NumberRule::between(0.0, 1e4, "s"),
           "reference-GPU seconds labelling adds to each labelled clip (estimate)");
  f.number("incident_factor", v.incident_factor, NumberRule::probability(),
           "a labelled published clip becomes an incident with the class probability x this factor (estimate)");
  f.text("removal_feature", v.removal_feature,
         "paid feature (workload.users.upgrade_offers.paid_features) that removes the label: paying users of its "
         "segments publish unlabelled clips where labels are not mandatory (empty: labels cannot be removed)");
}

void describe(Fields& f, ClassRuleSpec& v) {
  f.here(v.where);
  f.number("incident_probability", v.incident_probability, NumberRule::probability(),
           "chance that one published clip of the class (a false negative) becomes a regulatory incident");
  f.number("fine_usd", v.fine_usd, NumberRule::between(0.0, 1e12, "USD"),
           "fine per incident of the class beyond fine_after_incidents");
  f.integer("fine_after_incidents", v.fine_after_incidents, NumberRule::whole(0, 1e9),
            "the region's first incidents of the class in the run are takedowns without a fine (0: all fined)");
}

}  // namespace gvsim::model
