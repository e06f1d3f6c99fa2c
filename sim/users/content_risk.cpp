#include "sim/users/content_risk.hpp"

#include <algorithm>
#include <limits>

#include "sim/users/moderation_flow.hpp"

namespace gvsim::users {

namespace {
constexpr double kDay = 86400.0;
}  // namespace

ContentRisk::ContentRisk(const model::Scenario& scenario)
    : scenario_(scenario), labelling_(scenario.experiment.policies.moderation.labelling) {
  const auto& content = scenario.experiment.policies.moderation.content;
  separability_.fill(1.0);
  trust_weight_.fill(1.0);
  for (const auto& risk : content.classes) {
    const std::uint8_t c = model::risk_class_number(risk.name);
    if (c == 0) continue;  // refused by the configuration checks
    separability_[c - 1] = risk.separability;
    trust_weight_[c - 1] = risk.trust_weight;
  }
  const auto& features = scenario.experiment.workload.users.upgrade_offers.paid_features;
  const auto removal = std::find_if(features.begin(), features.end(), [this](const model::PaidFeatureSpec& f) {
    return !labelling_.removal_feature.empty() && f.name == labelling_.removal_feature;
  });
  for (const auto& segment : scenario.experiment.workload.users.segments) {
    std::array<double, model::kRiskClassCount> shares{};
    for (const auto& risk : content.classes) {
      const std::uint8_t c = model::risk_class_number(risk.name);
      if (c != 0) shares[c - 1] = model::class_share_mean(risk, segment.name);
    }
    // Summed in declaration order, as the configuration check sums them.
    segment_means_.push_back(model::risky_share_mean(content.classes, segment.name));
    std::array<double, model::kRiskClassCount> cumulative{};
    double running = 0.0;
    std::uint8_t positive = 0;
    std::uint8_t only = 0;
    for (std::size_t c = 0; c < model::kRiskClassCount; ++c) {
      running += shares[c];
      cumulative[c] = running;
      if (shares[c] > 0.0) {
        ++positive;
        only = static_cast<std::uint8_t>(c + 1);
      }
    }
    cumulative_.push_back(cumulative);
    only_class_.push_back(positive == 1 ? only : 0);
    bool listed = removal != features.end() && removal->segments.empty();
    if (removal != features.end()) {
      for (const auto& ref : removal->segments)
        listed = listed || ref.name == segment.name;
    }
    removable_.push_back(listed);
  }
  for (const auto& region : scenario.regions) {
    std::array<model::ClassRuleSpec, model::kRiskClassCount> rules{};
    for (const auto& rule : region.regulation.classes) {
      const std::uint8_t c = model::risk_class_number(rule.name);
      if (c != 0) rules[c - 1] = rule;
    }
    rules_.push_back(rules);
    const auto& from = region.regulation.labelling_mandatory_from_day;
    mandatory_from_s_.push_back(from ? *from * kDay : std::numeric_limits<double>::infinity());
    incidents_.push_back({});
  }
}

std::uint8_t ContentRisk::draw_class(rng::RandomStream& stream, std::size_t segment) const {
  if (only_class_[segment] != 0) return only_class_[segment];
  const auto& cumulative = cumulative_[segment];
  const double u = stream.uniform() * cumulative.back();
  for (std::size_t c = 0; c + 1 < model::kRiskClassCount; ++c) {
    if (u < cumulative[c]) return static_cast<std::uint8_t>(c + 1);
  }
  return static_cast<std::uint8_t>(model::kRiskClassCount);
}

double ContentRisk::separability(std::uint8_t risk_class) const {
  return risk_class == 0 ? 1.0 : separability_[risk_class - 1];
}

bool ContentRisk::labelled(bool paid, std::size_t segment, std::size_t region, double t) const {
  if (paid && removable_[segment] && t < mandatory_from_s_[region]) return false;  // bought off, where allowed
  return labelled(region, t);
}

bool ContentRisk::labelled(std::size_t region, double t) const {
  return t >= mandatory_from_s_[region] || labelling_.enabled;  // the regulator's labels cannot be bought off
}

std::int64_t ContentRisk::on_published(std::uint8_t risk_class, bool labelled, std::size_t region,
                                       rng::RandomStream& stream, RegionDay& day) {
  if (risk_class == 0 || risk_class > model::kRiskClassCount) return 0;  // a job the market never classed
  const std::size_t c = risk_class - 1U;
  auto& m = day.moderation;
  ++m.class_published[c];
  const auto& rule = rules_[region][c];
  if (rule.incident_probability <= 0.0) return 0;
  // One simulated clip stands for `scale` real ones, each an incident with probability p: Poisson(scale p).
  const double factor = labelled ? labelling_.incident_factor : 1.0;
  const std::int64_t n = poisson(stream, scenario_.experiment.scale * rule.incident_probability * factor);
  if (n == 0) return 0;
  auto& so_far = incidents_[region][c];
  // Incidents up to fine_after_incidents in the run are takedowns; each one beyond is fined.
  const std::int64_t fined = std::max<std::int64_t>(0, so_far + n - std::max(so_far, rule.fine_after_incidents));
  so_far += n;
  const double fines = static_cast<double>(fined) * rule.fine_usd;
  m.class_incidents[c] += n;
  m.class_fines_usd[c] += fines;
  m.incidents += n;
  m.fines_usd += fines;
  day.trust_weighted_incidents += static_cast<double>(n) * trust_weight_[c];
  return n;
}

}  // namespace gvsim::users
