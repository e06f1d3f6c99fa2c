#pragma once

#include <string>

#include "policies/capacity_policy.hpp"
#include "policies/placement_policy.hpp"
#include "policies/scheduling_policy.hpp"
#include "sim/schema/fields.hpp"

namespace gvsim::model {

/// @brief `policies.capacity`: the capacity implementation, and the reserved share common to all of them.
struct CapacitySpec : policies::CapacitySelection {
  double reserved_share = 1.0;  ///< share of the base fleet on reserved contracts; the rest is billed on demand
};

void describe(schema::Fields& f, CapacitySpec& v);

struct Experiment;

/// @brief The placement policy for jobs coming from `region` (its override, else the experiment-wide one).
const policies::PlacementSelection& placement_for(const Experiment& experiment, const std::string& region);
/// @brief The scheduling policy of clusters located in `region`.
const policies::SchedulingSelection& scheduling_for(const Experiment& experiment, const std::string& region);
/// @brief The capacity policy of clusters located in `region`.
const CapacitySpec& capacity_for(const Experiment& experiment, const std::string& region);

}  // namespace gvsim::model
