#pragma once

#include <string>

#include "sim/economics/books.hpp"
#include "sim/model/scenario.hpp"
#include "sim/observe/run_outcome.hpp"

namespace gvsim::output {

/// @brief Per day x region users, jobs and profit and loss (real-world units), as CSV text.
std::string region_daily_csv(const model::Scenario& scenario, const observe::RunOutcome& outcome,
                             const economics::Ledger& ledger, const economics::ParentBooks& parent);

/// @brief Headline KPIs per region and for the whole platform ("all"), as CSV text.
std::string kpis_csv(const model::Scenario& scenario, const economics::RunBooks& books,
                     const observe::RunOutcome& outcome);

}  // namespace gvsim::output
