#pragma once

#include "sim/model/scenario.hpp"
#include "sim/schema/diagnostics.hpp"

namespace gvsim::config {

/// @brief Checks the moderation settings against the rest of the scenario: per-region thresholds name regions
/// taking part, per-segment content means name user segments, the propensity distribution exists for every mean
/// and cv, and a moderation policy other than none runs in workload mode users.
void check_moderation(const model::Scenario& scenario, schema::Diagnostics& diagnostics);

/// @brief Largest coefficient of variation a beta distribution with mean `mean` can have: sqrt((1 - m) / m).
double beta_cv_limit(double mean);

}  // namespace gvsim::config
