#pragma once

#include "sim/model/scenario.hpp"
#include "sim/schema/diagnostics.hpp"

namespace gvsim::config {

/// @brief Checks the pricing and market-entry policies against the scenario: promotion windows, regions named by
/// promotions and triggers take part, the chosen policy has its parameters, paths do not go back in time, and
/// triggers form no cycle. Parameters of a policy not chosen are checked too (and ignored by the run).
void check_market_policies(const model::Scenario& scenario, schema::Diagnostics& diagnostics);

}  // namespace gvsim::config
