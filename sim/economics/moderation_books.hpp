#pragma once

#include <cstdint>

#include "sim/model/scenario.hpp"
#include "sim/observe/run_outcome.hpp"

namespace gvsim::economics {

/// @brief Checks that moderation counts and money add up over the run: every accepted job had its prompt checked
/// (when the prompt stage is on) and every generated, not failed video (`videos_checked`) its video check (when the
/// video stage is on); flagged items = items blocked at once + items sent to review; items sent to review = items
/// taken up + the backlog; items taken up = decisions + items under review; harmful videos delivered <= delivered;
/// each day's risk classes sum to its harmful requests, harmful videos, incidents and fines;
/// and the review costs and fines in the day records equal those summed at each charge. Throws InvariantViolation.
void check_moderation_books(const model::Scenario& scenario, const observe::RunOutcome& outcome,
                            std::int64_t videos_checked);

}  // namespace gvsim::economics
