#pragma once

#include <string>
#include <vector>

#include "sim/model/scenario.hpp"
#include "sim/observe/run_outcome.hpp"
#include "sim/output/csv_table.hpp"
#include "sim/users/moderation_day.hpp"

namespace gvsim::output {

/// @brief Names of the moderation columns appended to region_daily.csv when a moderation policy is active.
std::vector<std::string> moderation_columns();

/// @brief Appends one day's moderation cells: counts x `scale`, except incidents (real-world) and 0/1 states.
void append_moderation_cells(CsvTable& table, const users::ModerationDay& day, double scale);

/// @brief A short per-region table of the run's moderation outcomes in real-world units, for the terminal.
std::string moderation_report(const model::Scenario& scenario, const observe::RunOutcome& outcome);

}  // namespace gvsim::output
