#pragma once

#include "policies/market_entry_policy.hpp"
#include "policies/moderation_policy.hpp"
#include "policies/pricing_policy.hpp"
#include "sim/model/scenario.hpp"

namespace gvsim::model {

/// @brief What the pricing policies of `scenario` are built with: the regions' price indices and the promotions
/// (regions by index; a region that does not take part gets the index regions.size()).
policies::PricingContext pricing_context(const Scenario& scenario);
/// @brief What the market-entry policies of `scenario` are built with: region names and entry days.
policies::MarketEntryContext market_entry_context(const Scenario& scenario);
/// @brief What the moderation policies of `scenario` are built with: region names.
policies::ModerationContext moderation_context(const Scenario& scenario);

}  // namespace gvsim::model
