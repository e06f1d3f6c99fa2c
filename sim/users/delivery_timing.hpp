#pragma once

#include "sim/model/market_spec.hpp"

namespace gvsim::users {

/// @brief How long a delivered video took, split into the parts a user lives through (simulated seconds).
struct DeliveryTiming {
  double wait_s = 0.0;        ///< in the cluster's queue, from submission to the start of generation
  double generation_s = 0.0;  ///< on the GPU (0 for a video released by a human review: not carried through it)
  double delivery_s = 0.0;    ///< from the hand-over for delivery to arrival: delivery-slot wait and WAN transfer

  /// @brief End-to-end latency: queue wait + generation + delivery.
  double latency_s() const { return wait_s + generation_s + delivery_s; }
};

/// @brief The delay a user holds against a delivered video: latency minus the part of the generation time users
/// expect (`generation_allowance_share`), i.e. wait + delivery + (1 - share) x generation.
inline double felt_delay_s(const DeliveryTiming& timing, const model::BehaviourSpec& behaviour) {
  return timing.wait_s + timing.delivery_s + (1.0 - behaviour.generation_allowance_share) * timing.generation_s;
}

}  // namespace gvsim::users
