#pragma once

#include <string>

#include "sim/model/scenario.hpp"
#include "sim/observe/run_outcome.hpp"
#include "sim/output/declared_table.hpp"
#include "sim/users/moderation_day.hpp"

namespace gvsim::output {

/// @brief Appends one day's moderation cells (columns::moderation): counts x `scale`, except incidents (real-world) and
/// 0/1 states.
void append_moderation_cells(DeclaredTable& table, const users::ModerationDay& day, double scale);

/// @brief A short per-region table of the run's moderation outcomes in real-world units, for the terminal.
std::string moderation_report(const model::Scenario& scenario, const observe::RunOutcome& outcome);

}  // namespace gvsim::output
