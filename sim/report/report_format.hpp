#pragma once

#include <string>
#include <vector>

#include "sim/report/analysis.hpp"
#include "sim/report/statistics.hpp"
#include "sim/report/study.hpp"

namespace gvsim::report {

/// @brief `value` through a printf pattern with one double, such as "%.3f".
std::string format(const char* pattern, double value);
/// @brief About four significant figures; k, M, B suffixes from 10,000 up; "-" for NaN.
std::string human(double v);
/// @brief Three decimals; a value that rounds to zero is 0.000, never -0.000.
std::string three_decimals(double v);
/// @brief "[low, high]" in human form, "-" when undefined.
std::string interval(double low, double high);
/// @brief The mean, and its 95% interval when there are two values or more.
std::string with_interval(const SampleSummary& s);
/// @brief The metrics a report leads with, among those the study measured.
std::vector<std::string> headline_metrics(const Study& study, const Analysis& a);

}  // namespace gvsim::report
