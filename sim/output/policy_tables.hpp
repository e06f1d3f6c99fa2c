#pragma once

#include <string>

#include "sim/model/scenario.hpp"
#include "sim/observe/run_outcome.hpp"

namespace gvsim::output {

/// @brief True when the run has promotions, so that promotions_daily.csv is written.
bool has_promotions(const model::Scenario& scenario, const observe::RunOutcome& outcome);

/// @brief Per day x promotion x region it applies in: new subscribers at the promotion's price, discounted renewals
/// and packs, and the revenue given up (real-world units), as CSV text.
std::string promotions_daily_csv(const model::Scenario& scenario, const observe::RunOutcome& outcome);

}  // namespace gvsim::output
