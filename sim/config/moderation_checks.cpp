#include "sim/config/moderation_checks.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

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

}  // namespace

double beta_cv_limit(double mean) {
  return mean > 0.0 ? std::sqrt((1.0 - mean) / mean) : std::numeric_limits<double>::infinity();
}

void check_moderation(const model::Scenario& scenario, schema::Diagnostics& diagnostics) {
  const auto& spec = scenario.experiment.policies.moderation;
  const std::string path = "policies.moderation";
  const auto context = model::moderation_context(scenario);
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
  const auto& content = spec.content;
  const schema::SourceMark& cv_mark = content.cv_where.line > 0 ? content.cv_where : content.where;
  check_beta(content, content.harmful_share_mean, cv_mark, path + ".content.cv", diagnostics);
  std::vector<std::string> segments;
  for (const auto& s : scenario.experiment.workload.users.segments)
    segments.push_back(s.name);
  for (const auto& entry : content.segments) {
    const std::string entry_path = path + ".content.segments." + entry.name;
    bool known = false;
    for (const auto& s : segments)
      known = known || s == entry.name;
    if (!known) {
      diagnostics.error(entry.where, entry_path,
                        "unknown segment '" + entry.name + "'; defined in workload.users.segments: " +
                            (segments.empty() ? std::string("none") : schema::join_names(segments)));
    }
    check_beta(content, entry.harmful_share_mean, entry.where, entry_path + ".harmful_share_mean", diagnostics);
  }
}

}  // namespace gvsim::config
