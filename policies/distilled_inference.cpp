// Inference optimisation: fewer denoising steps (a distilled model), quantisation and caching, each available from a
// given day and each raising the chance of a poor video.
#include <cmath>

#include "policies/inference_policy.hpp"

namespace gvsim::policies {
namespace {

using schema::NumberRule;

/// One technique: how much faster it makes a generation, what it costs in quality, and from when.
struct Technique {
  double speedup = 1.0;            ///< work divided by this (1 = off)
  double poor_per_doubling = 0.0;  ///< poor-output probability added per doubling of speed
  double from_day = 0.0;           ///< first simulated day it is used
};

/// Parameters of `distilled`.
struct DistilledParams {
  double steps_factor = 0.7;        ///< steps used / the model's steps
  Technique steps{1.0, 0.03, 0.0};  ///< speedup = 1 / steps_factor, set after reading
  Technique quantisation{1.0, 0.01, 0.0};
  Technique caching{1.0, 0.02, 0.0};
};

void describe_common(schema::Fields& f, Technique& v, const char* poor_doc) {
  f.number("poor_per_doubling", v.poor_per_doubling, NumberRule::probability(), poor_doc);
  f.number("from_day", v.from_day, NumberRule::between(0.0, 3650.0, "d"),
           "simulated day from which requests are generated with it");
}

void describe(schema::Fields& f, DistilledParams& v) {
  f.object("steps", "fewer denoising steps (a step-distilled model)", schema::Presence::kOptional,
           [&v](schema::Fields& g) {
             g.number("factor", v.steps_factor, NumberRule::between(0.01, 1.0),
                      "steps used / the model's steps (default 0.7: ~30% less work per clip, like Kling 2.5 "
                      "Turbo's cut of the per-video cost, calibration K11; 4 of 40 steps without CFG is 0.05, C10)");
             describe_common(g, v.steps, "poor-output probability added per halving of the steps (estimate)");
           });
  f.object("quantisation", "FP8 or lower-precision weights and attention", schema::Presence::kOptional,
           [&v](schema::Fields& g) {
             g.number("speedup", v.quantisation.speedup, NumberRule::between(1.0, 100.0),
                      "speed-up of quantised kernels (C10: 1.45 at 720p, 1.9 at 480p with SageAttention; 1 = off)");
             describe_common(g, v.quantisation,
                             "poor-output probability added per doubling of speed by quantisation (estimate)");
           });
  f.object("caching", "reuse of features across steps", schema::Presence::kOptional, [&v](schema::Fields& g) {
    g.number("speedup", v.caching.speedup, NumberRule::between(1.0, 100.0),
             "speed-up of feature caching across steps (C10 TeaCache: 1.8-2.0; 1 = off)");
    describe_common(g, v.caching, "poor-output probability added per doubling of speed by caching (estimate)");
  });
}

/// Each technique in use on a day divides the work by its speed-up and adds `poor_per_doubling x log2(speedup)`
/// to the poor-output probability: smooth in the speed-up and zero when a technique is off.
class DistilledInference final : public InferencePolicy {
 public:
  explicit DistilledInference(const DistilledParams& params) : params_(params) {
    params_.steps.speedup = 1.0 / params.steps_factor;
  }

  InferenceEffect effect(double day) const override {
    InferenceEffect e;
    for (const Technique* t : {&params_.steps, &params_.quantisation, &params_.caching}) {
      if (day < t->from_day) continue;
      e.work_factor /= t->speedup;
      e.poor_probability += t->poor_per_doubling * std::log2(t->speedup);
    }
    return e;
  }

 private:
  DistilledParams params_;
};

[[maybe_unused]] const bool registered = InferenceRegistry::add<DistilledInference, DistilledParams>(
    {"distilled", 20, "step reduction, quantisation and caching from given days, at a cost in quality",
     "parameters of distilled"});

}  // namespace
}  // namespace gvsim::policies
