#pragma once

#include "sim/config/diagnostics.hpp"
#include "sim/model/scenario.hpp"

namespace gvsim::config {

/// @brief Checks the pricing and market-entry policies against the scenario: promotion windows, regions named by
/// promotions and triggers take part, parameter blocks match the chosen policy, paths do not go back in time, and
/// triggers form no cycle.
void check_market_policies(const model::Scenario& scenario, Diagnostics& diagnostics);

}  // namespace gvsim::config
