#pragma once

#include "sim/model/scenario.hpp"
#include "sim/schema/diagnostics.hpp"

namespace gvsim::config {

/// @brief Resolves the work and poor-output probability of every clip class: from its video model, length,
/// resolution, mode and steps, or from an explicit `gpu_seconds`. Unknown models and a class with both or
/// neither are located errors; spec keys written beside `gpu_seconds` (no effect) are warnings.
void resolve_clip_work(model::Scenario& scenario, schema::Diagnostics& diagnostics);

}  // namespace gvsim::config
