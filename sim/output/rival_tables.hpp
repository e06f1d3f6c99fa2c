#pragma once

#include <string>

#include "sim/model/scenario.hpp"
#include "sim/observe/run_outcome.hpp"

namespace gvsim::output {

/// @brief True when the run has rival platforms, so that rivals_daily.csv is written.
bool has_rivals(const observe::RunOutcome& outcome);

/// @brief Per day x rival x region it is offered in: users who lapsed to the rival and users won back from it
/// (real-world units), as CSV text.
std::string rivals_daily_csv(const model::Scenario& scenario, const observe::RunOutcome& outcome);

}  // namespace gvsim::output
