#include "sim/config/moderation_checks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "sim/config/config_node.hpp"
#include "sim/model/policy_contexts.hpp"

namespace gvsim::config {

namespace {

void check_beta(const model::ContentSpec& content, double mean, const schema::SourceMark& mark, const std::string& path,
                schema::Diagnostics& diagnostics) {
  if (content.distribution != "beta" || content.cv == 0.0 || mean == 0.0) return;
  const double limit = beta_cv_limit(mean);
  if (content.cv >= limit) {
    diagnostics.expected(mark, path,
                         "a content.cv below " + schema::shortest(limit) + " (a beta distribution with mean " +
                             schema::shortest(mean) + " has cv < sqrt((1 - mean) / mean))",
                         "cv " + schema::shortest(content.cv));
  }
}

/// A key of the single harmful flag, given: refused with the keys that replaced it.
void refuse_retired(const schema::RawValue& value, const std::string& path, const std::string& replacement,
                    schema::Diagnostics& diagnostics) {
  if (!value.node) return;
  diagnostics.error(value.node->mark, path,
                    "the single harmful class was replaced by content-risk classes (" +
                        schema::join_names(model::risk_class_names()) + "): use " + replacement);
}

void check_class_name(const std::string& name, const schema::SourceMark& mark, const std::string& path,
                      schema::Diagnostics& diagnostics) {
  if (model::risk_class_number(name) != 0) return;
  const std::string suggestion = schema::closest_match(name, model::risk_class_names());
  diagnostics.error(mark, path,
                    "unknown risk class '" + name + "'" +
                        (suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)") +
                        "; classes: " + schema::join_names(model::risk_class_names()));
}

/// The single-class keys are refused whatever the policy, so that no experiment keeps them unnoticed.
void check_retired_keys(const model::Scenario& scenario, const std::string& path, schema::Diagnostics& diagnostics) {
  const auto& content = scenario.experiment.policies.moderation.content;
  refuse_retired(content.retired_harmful_share_mean, path + ".content.harmful_share_mean",
                 "content.classes.CLASS.share_mean", diagnostics);
  refuse_retired(content.retired_segments, path + ".content.segments",
                 "content.classes.CLASS.segments.SEGMENT.share_mean", diagnostics);
  for (const auto& region : scenario.regions) {
    const auto& rules = region.regulation;
    refuse_retired(rules.retired_incident_probability, "region.regulation.incident_probability",
                   "regulation.classes.CLASS.incident_probability", diagnostics);
    refuse_retired(rules.retired_fine_usd, "region.regulation.fine_usd", "regulation.classes.CLASS.fine_usd",
                   diagnostics);
    for (const auto& rule : rules.classes)
      check_class_name(rule.name, rule.where, "region.regulation.classes." + rule.name, diagnostics);
  }
}

/// Class names, their segments, the sum of the class means of each segment (at most 1, a beta with the cv).
void check_classes(const model::Scenario& scenario, const std::string& path, schema::Diagnostics& diagnostics) {
  const auto& content = scenario.experiment.policies.moderation.content;
  std::vector<std::string> segments;
  for (const auto& s : scenario.experiment.workload.users.segments)
    segments.push_back(s.name);
  for (const auto& risk : content.classes) {
    const std::string class_path = path + ".content.classes." + risk.name;
    check_class_name(risk.name, risk.where, class_path, diagnostics);
    for (const auto& entry : risk.segments) {
      if (std::find(segments.begin(), segments.end(), entry.name) != segments.end()) continue;
      diagnostics.error(entry.where, class_path + ".segments." + entry.name,
                        "unknown segment '" + entry.name + "'; defined in workload.users.segments: " +
                            (segments.empty() ? std::string("none") : schema::join_names(segments)));
    }
  }
  const schema::SourceMark& cv_mark = content.cv_where.line > 0 ? content.cv_where : content.where;
  for (const auto& segment : segments) {
    const double total = model::risky_share_mean(content.classes, segment);
    if (total > 1.0) {
      diagnostics.expected(content.where, path + ".content.classes",
                           "class share_means summing to at most 1 for segment " + segment, schema::shortest(total));
    } else {
      check_beta(content, total, cv_mark, path + ".content.cv", diagnostics);
    }
  }
}

void check_labelling(const model::Scenario& scenario, const std::string& path, schema::Diagnostics& diagnostics) {
  const auto& labelling = scenario.experiment.policies.moderation.labelling;
  if (labelling.removal_feature.empty()) return;
  std::vector<std::string> features;
  for (const auto& feature : scenario.experiment.workload.users.upgrade_offers.paid_features)
    features.push_back(feature.name);
  if (std::find(features.begin(), features.end(), labelling.removal_feature) != features.end()) return;
  const std::string suggestion = schema::closest_match(labelling.removal_feature, features);
  diagnostics.error(labelling.where, path + ".labelling.removal_feature",
                    "unknown paid feature '" + labelling.removal_feature + "'" +
                        (suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)") +
                        "; declared in workload.users.upgrade_offers.paid_features: " +
                        (features.empty() ? std::string("none") : schema::join_names(features)));
}

}  // namespace

double beta_cv_limit(double mean) {
  return mean > 0.0 ? std::sqrt((1.0 - mean) / mean) : std::numeric_limits<double>::infinity();
}

void check_moderation(const model::Scenario& scenario, schema::Diagnostics& diagnostics) {
  const auto& spec = scenario.experiment.policies.moderation;
  const std::string path = "policies.moderation";
  const auto context = model::moderation_context(scenario);
  check_retired_keys(scenario, path, diagnostics);
  schema::Diagnostics own;
  spec.check(context, path, spec.where, own);
  // A policy its own rules refused cannot be built; they only judge the chosen one, which is then taken as active
  // so that the rest is checked too.
  if (own.empty() && !spec.make(context)->active()) return;
  if (scenario.experiment.workload.mode != "users") {
    diagnostics.error(spec.where, path + ".name",
                      "moderation policy '" + spec.name + "' needs workload.mode users (it moderates users' requests)");
  }
  for (const auto& d : own.items())
    diagnostics.error(d.mark, d.key_path, d.message);
  check_classes(scenario, path, diagnostics);
  check_labelling(scenario, path, diagnostics);
}

}  // namespace gvsim::config
