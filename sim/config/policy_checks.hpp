#pragma once

#include "sim/model/scenario.hpp"
#include "sim/schema/diagnostics.hpp"

namespace gvsim::config {

/// @brief Checks the placement, scheduling and capacity choices: per-region overrides name participating regions,
/// each implementation's own rules across its keys, a placement that needs a cluster of the region's own only
/// where there is one, and scheduled expansions on existing clusters that never leave a cluster without a GPU.
void check_policies(const model::Scenario& scenario, schema::Diagnostics& diagnostics);

}  // namespace gvsim::config
