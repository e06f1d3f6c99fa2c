// Inference optimisation and output quality of each generation.
#include "sim/users/generation_quality.hpp"

#include <algorithm>

namespace gvsim::users {

GenerationQuality::GenerationQuality(const model::Scenario& scenario, std::uint64_t seed, std::uint64_t replication)
    : inference_(scenario.experiment.policies.inference.make()) {
  for (const auto& region : scenario.regions)
    streams_.emplace_back(seed, replication, "quality/" + region.name);
}

GenerationPlan GenerationQuality::plan(std::size_t region, const model::ClipClass& clip, double t) {
  const auto effect = inference_->effect(t / 86400.0);
  GenerationPlan plan;
  plan.work_factor = effect.work_factor;
  const double poor = std::min(1.0, clip.poor_probability + effect.poor_probability);
  plan.poor = poor > 0.0 && streams_[region].bernoulli(poor);
  return plan;
}

}  // namespace gvsim::users
