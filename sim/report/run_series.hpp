#pragma once

#include <string>
#include <vector>

#include "sim/economics/books.hpp"

namespace gvsim::report {

/// @brief One daily series of a run, all regions together.
struct DailySeries {
  std::string name;            ///< e.g. "paying users"
  std::string unit;            ///< e.g. "users (real-world)", "USD per day"
  std::vector<double> values;  ///< one per simulated day, day 0 first
};

/// @brief The daily series a report plots for a run, and its whole-run cash figures (users mode).
struct RunSeries {
  std::vector<DailySeries> series;
  economics::CashCurve cash;  ///< cumulative profit of all regions (users mode)
  bool users_mode = false;
};

/// @brief Reads the daily series of a run folder: region_daily.csv in users mode, else timeseries.csv.
///
/// Users mode: paying users, net revenue, costs and cumulative profit per day; jobs mode: jobs and mean wait per
/// day. Throws ReportError naming the file when one is missing or lacks a column.
RunSeries read_run_series(const std::string& run_dir);

}  // namespace gvsim::report
