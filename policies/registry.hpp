#pragma once

#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "policies/binormal_moderation.hpp"
#include "policies/moderation_policy.hpp"
#include "policies/placement_policy.hpp"
#include "policies/scheduling_policy.hpp"

namespace gvsim::policies {

/// @brief Names of the registered placement policies, in registration order.
const std::vector<std::string>& placement_names();
/// @brief Names of the registered scheduling policies, in registration order.
const std::vector<std::string>& scheduling_names();

/// @brief Names of the registered moderation policies, in registration order.
const std::vector<std::string>& moderation_names();

/// @brief A new placement policy by name; throws std::invalid_argument listing the valid names.
std::unique_ptr<PlacementPolicy> make_placement(const std::string& name);
/// @brief A new scheduling queue by name; throws std::invalid_argument listing the valid names.
std::unique_ptr<SchedulingPolicy> make_scheduling(const std::string& name);

/// @brief A new moderation policy by name, with its parameters and the scenario's region names; throws
/// std::invalid_argument listing the valid names.
std::unique_ptr<ModerationPolicy> make_moderation(const std::string& name, const BinormalParams& binormal,
                                                  std::span<const std::string> region_names);

}  // namespace gvsim::policies
