#pragma once

#include <string>

#include "policies/policy_specs.hpp"
#include "sim/config/fields.hpp"

// Declared in the policies' namespace so the config visitor finds them by argument-dependent lookup; the policy
// modules themselves never see the config layer.
namespace gvsim::policies {

void describe(config::Fields& f, SpillOverParams& v);
void describe(config::Fields& f, PlacementSpec& v);
void describe(config::Fields& f, WeightedShareParams& v);
void describe(config::Fields& f, RelaxedFreeParams& v);
void describe(config::Fields& f, SchedulingSpec& v);
void describe(config::Fields& f, AutoscaleParams& v);
void describe(config::Fields& f, CapacitySpec& v);

}  // namespace gvsim::policies

namespace gvsim::model {

struct Experiment;

/// @brief The placement policy for jobs coming from `region` (its override, else the experiment-wide one).
const policies::PlacementSpec& placement_for(const Experiment& experiment, const std::string& region);
/// @brief The scheduling policy of clusters located in `region`.
const policies::SchedulingSpec& scheduling_for(const Experiment& experiment, const std::string& region);
/// @brief The capacity policy of clusters located in `region`.
const policies::CapacitySpec& capacity_for(const Experiment& experiment, const std::string& region);

}  // namespace gvsim::model
