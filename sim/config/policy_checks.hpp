#pragma once

#include "sim/config/diagnostics.hpp"
#include "sim/model/scenario.hpp"

namespace gvsim::config {

/// @brief Checks the policy choices against the scenario: per-region overrides name participating regions,
/// local_only placement only for regions with a cluster of their own, consistent autoscaling thresholds, and
/// scheduled expansions on existing clusters that never leave a cluster without a GPU.
void check_policies(const model::Scenario& scenario, Diagnostics& diagnostics);

}  // namespace gvsim::config
