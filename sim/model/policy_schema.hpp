#pragma once

#include <string>

#include "policies/policy_specs.hpp"
#include "sim/schema/fields.hpp"

// Declared in the policies' namespace so the config visitor finds them by argument-dependent lookup; the policy
// modules themselves never see the config layer.
namespace gvsim::policies {

void describe(schema::Fields& f, SpillOverParams& v);
void describe(schema::Fields& f, PlacementSpec& v);
void describe(schema::Fields& f, WeightedShareParams& v);
void describe(schema::Fields& f, RelaxedFreeParams& v);
void describe(schema::Fields& f, SchedulingSpec& v);
void describe(schema::Fields& f, AutoscaleParams& v);
void describe(schema::Fields& f, CapacitySpec& v);

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
