#pragma once

#include "sim/model/scenario.hpp"
#include "sim/schema/diagnostics.hpp"

namespace gvsim::config {

/// @brief Warns about an experiment `parent:` block that cannot act: no region taking part has the parent platform
/// (every region's parent.users_share is 0), so every parent channel is 0 whatever the block says.
void check_parent(const model::Scenario& scenario, schema::Diagnostics& diagnostics);

}  // namespace gvsim::config
