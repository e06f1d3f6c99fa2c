#pragma once

#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "policies/binormal_moderation.hpp"
#include "policies/capacity_policy.hpp"
#include "policies/market_entry_policy.hpp"
#include "policies/moderation_policy.hpp"
#include "policies/placement_policy.hpp"
#include "policies/policy_specs.hpp"
#include "policies/pricing_policy.hpp"
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

/// @brief Names of the registered pricing policies, in registration order.
const std::vector<std::string>& pricing_names();
/// @brief Names of the registered market-entry policies, in registration order.
const std::vector<std::string>& market_entry_names();
/// @brief A new pricing policy built from `setup`; throws std::invalid_argument listing the valid names.
std::unique_ptr<PricingPolicy> make_pricing(const PricingSetup& setup);
/// @brief A new market-entry policy built from `setup`; throws std::invalid_argument listing the valid names.
std::unique_ptr<MarketEntryPolicy> make_market_entry(const MarketEntrySetup& setup);
/// @brief Names of the registered moderation policies, in registration order.
const std::vector<std::string>& moderation_names();

/// @brief A new moderation policy by name, with its parameters and the scenario's region names; throws
/// std::invalid_argument listing the valid names.
std::unique_ptr<ModerationPolicy> make_moderation(const std::string& name, const BinormalParams& binormal,
                                                  std::span<const std::string> region_names);

}  // namespace gvsim::policies
