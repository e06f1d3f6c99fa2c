// Inference as the models' reference code runs it: no step reduction, quantisation or caching.
#include "policies/inference_policy.hpp"

namespace gvsim::policies {
namespace {

/// Every clip takes the work its class computes and keeps its own poor-output probability.
class NoInferenceOptimisation final : public InferencePolicy {
 public:
  InferenceEffect effect(double) const override { return {}; }
};

[[maybe_unused]] const bool registered =
    InferenceRegistry::add<NoInferenceOptimisation>({"none", 10, "the clip classes' work and quality as they are"});

}  // namespace
}  // namespace gvsim::policies
