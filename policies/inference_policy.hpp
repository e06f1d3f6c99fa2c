#pragma once

#include "policies/registry.hpp"

namespace gvsim::policies {

/// @brief What inference optimisation does to a generation started on a given day.
struct InferenceEffect {
  double work_factor = 1.0;       ///< multiplies the reference-GPU work of the clip
  double poor_probability = 0.0;  ///< added to the clip's chance of a poor video
};

/// @brief How the platform runs its video models: step reduction, quantisation, caching, each from some day on.
class InferencePolicy {
 public:
  /// @brief The kind's name in messages.
  static constexpr const char* kKind = "inference";
  virtual ~InferencePolicy() = default;
  /// @brief The effect on a clip requested on simulated day `day` (fractional days since the start).
  virtual InferenceEffect effect(double day) const = 0;
};

/// @brief The inference implementations.
using InferenceRegistry = Registry<InferencePolicy, NoContext>;
/// @brief An inference choice with the parameters of every implementation.
using InferenceSelection = Selection<InferencePolicy, NoContext>;

}  // namespace gvsim::policies
