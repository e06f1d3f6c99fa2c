#pragma once

#include "sim/model/scenario.hpp"
#include "sim/schema/diagnostics.hpp"

namespace gvsim::config {

/// @brief Warns about free-offer keys written where they cannot act: the adoption response and the lapse coverage
/// weight when the free daily credits equal their reference (both multipliers are then exactly 1), and the
/// reference when both weights are 0.
void check_free_offer(const model::Scenario& scenario, schema::Diagnostics& diagnostics);

}  // namespace gvsim::config
