#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "policies/inference_policy.hpp"
#include "sim/model/scenario.hpp"
#include "sim/rng/random_stream.hpp"

namespace gvsim::users {

/// @brief What a generation will be: its work after inference optimisation and whether the video comes out poor.
struct GenerationPlan {
  double work_factor = 1.0;
  bool poor = false;
};

/// @brief Applies the inference policy to each request and draws poor outputs.
///
/// The chance of a poor video is the clip class's (its video model and mode) plus what the inference policy adds on
/// the request's day, capped at 1. It is drawn from the stream `quality/REGION` only when positive, so a run whose
/// chance is 0 everywhere draws nothing and sees every other stream unchanged.
class GenerationQuality {
 public:
  /// @brief The quality model of `scenario`, with streams under (seed, replication).
  GenerationQuality(const model::Scenario& scenario, std::uint64_t seed, std::uint64_t replication);
  /// @brief The plan of a clip of class `clip` requested from `region` at time t (s).
  GenerationPlan plan(std::size_t region, const model::ClipClass& clip, double t);

 private:
  std::shared_ptr<const policies::InferencePolicy> inference_;  ///< stateless, so copies of the market share it
  std::vector<rng::RandomStream> streams_;                      ///< per region
};

}  // namespace gvsim::users
