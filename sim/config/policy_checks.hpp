#pragma once

#include "sim/model/scenario.hpp"
#include "sim/schema/diagnostics.hpp"

namespace gvsim::config {

/// @brief Checks the policy choices against the scenario: per-region overrides name participating regions,
/// local_only placement only for regions with a cluster of their own, consistent autoscaling thresholds, and
/// scheduled expansions on existing clusters that never leave a cluster without a GPU.
void check_policies(const model::Scenario& scenario, schema::Diagnostics& diagnostics);

}  // namespace gvsim::config
