#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "policies/capacity_policy.hpp"
#include "policies/placement_policy.hpp"
#include "policies/policy_specs.hpp"
#include "policies/scheduling_policy.hpp"

namespace gvsim::policies {

/// @brief Names of the registered placement policies, in registration order.
const std::vector<std::string>& placement_names();
/// @brief Names of the registered scheduling policies, in registration order.
const std::vector<std::string>& scheduling_names();
/// @brief Names of the registered capacity policies, in registration order.
const std::vector<std::string>& capacity_names();

/// @brief A new placement policy; throws std::invalid_argument listing the valid names for an unknown name.
std::unique_ptr<PlacementPolicy> make_placement(const PlacementSpec& spec);
/// @brief A new scheduling queue; throws std::invalid_argument listing the valid names for an unknown name.
std::unique_ptr<SchedulingPolicy> make_scheduling(const SchedulingSpec& spec);
/// @brief A new capacity policy; throws std::invalid_argument listing the valid names for an unknown name.
std::unique_ptr<CapacityPolicy> make_capacity(const CapacitySpec& spec);

}  // namespace gvsim::policies
