#pragma once

#include "sim/model/scenario.hpp"
#include "sim/schema/diagnostics.hpp"

namespace gvsim::config {

/// @brief Checks the pricing and market-entry policies against the scenario: promotion windows, regions named by
/// promotions take part, the competitor path does not go back in time, and each implementation's own rules (e.g.
/// the triggers of triggered entry), which see the regions through the kind's context. Parameters of a policy not
/// chosen are checked too (and ignored by the run).
void check_market_policies(const model::Scenario& scenario, schema::Diagnostics& diagnostics);

}  // namespace gvsim::config
