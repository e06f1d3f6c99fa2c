#pragma once

#include "sim/model/scenario.hpp"
#include "sim/schema/diagnostics.hpp"

namespace gvsim::config {

/// @brief Checks upgrade offers and enterprise contracts against the scenario: paid features name known segments,
/// contracts name taking-part regions and a known clip class.
void check_revenue_streams(const model::Scenario& scenario, schema::Diagnostics& diagnostics);

}  // namespace gvsim::config
