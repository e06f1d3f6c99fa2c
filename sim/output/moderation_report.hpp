#pragma once

#include <string>

#include "sim/model/scenario.hpp"
#include "sim/observe/run_outcome.hpp"
#include "sim/output/declared_table.hpp"
#include "sim/users/region_day.hpp"

namespace gvsim::output {

/// @brief Appends one day's moderation cells (columns::moderation): counts x `scale`, except incidents (real-world) and
/// 0/1 states.
void append_moderation_cells(DeclaredTable& table, const users::RegionDay& region_day, double scale);

/// @brief Appends the whole-run moderation totals (columns::kpis_moderation) of region `r` (all regions when r is the
/// regions' count) to a kpis.csv row.
void append_moderation_kpi_cells(DeclaredTable& table, const observe::RunOutcome& outcome, std::size_t r, double scale);

/// @brief A short per-region table of the run's moderation outcomes in real-world units, for the terminal.
std::string moderation_report(const model::Scenario& scenario, const observe::RunOutcome& outcome);

}  // namespace gvsim::output
