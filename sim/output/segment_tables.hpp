#pragma once

#include <string>

#include "sim/economics/segment_books.hpp"
#include "sim/model/scenario.hpp"

namespace gvsim::output {

/// @brief Per day x region x segment x tier users, revenue, jobs and attributed compute cost, as CSV text.
std::string segment_daily_csv(const model::Scenario& scenario, const economics::SegmentBooks& books);

/// @brief Whole-run totals per region (then `all`) x segment x tier, with monthly retention, as CSV text.
std::string segment_kpis_csv(const model::Scenario& scenario, const economics::SegmentBooks& books);

}  // namespace gvsim::output
