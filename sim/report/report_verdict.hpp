#pragma once

#include <string>

#include "sim/report/analysis.hpp"
#include "sim/report/study.hpp"

namespace gvsim::report {

/// @brief report.md's verdict section: per variant (all regions) the mean and 95% CI of standalone profit, parent
/// value and total value, and the share of runs in each class; empty when the runs have no verdict.
std::string verdict_markdown(const Study& study, const Analysis& analysis);

}  // namespace gvsim::report
