#pragma once

#include <string>
#include <vector>

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
  double cumulative_profit_usd = 0.0;  ///< net revenue - costs over the whole run
  double cash_minimum_usd = 0.0;       ///< lowest point of the cumulative profit curve (0 if it never dips)
  int cash_minimum_day = -1;           ///< day of that lowest point, -1 if it never dips below 0
  int break_even_day = -1;             ///< first day from which the cumulative profit stays >= 0; -1 if none
  bool users_mode = false;
};

/// @brief Reads the daily series of a run folder: region_daily.csv in users mode, else timeseries.csv.
///
/// Users mode: paying users, net revenue, costs and cumulative profit per day; jobs mode: jobs and mean wait per
/// day. Throws ReportError naming the file when one is missing or lacks a column.
RunSeries read_run_series(const std::string& run_dir);

}  // namespace gvsim::report
