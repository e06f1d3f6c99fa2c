#include "sim/report/run_series.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "sim/output/columns.hpp"
#include "sim/report/csv_file.hpp"

namespace gvsim::report {

namespace {

namespace daily = output::columns::region_daily;
namespace timeseries = output::columns::timeseries;

/// Sums column `column` of every row into its day's slot (days are whole numbers from 0).
std::vector<double> daily_sum(const CsvFile& f, const output::Column& column) {
  const std::size_t day = f.column(output::columns::keys::kDay), c = f.column(column);
  std::vector<double> out;
  for (std::size_t r = 0; r < f.size(); ++r) {
    const double d = f.number(r, day);
    const double v = f.number(r, c);
    if (!(d >= 0.0)) continue;
    const auto i = static_cast<std::size_t>(d);
    if (out.size() <= i) out.resize(i + 1, 0.0);
    if (std::isfinite(v)) out[i] += v;
  }
  return out;
}

/// Day-by-day mean of `value` weighted by `weight` over the rows of each day (NaN for a day without weight).
std::vector<double> daily_weighted_mean(const CsvFile& f, const output::Column& value, const output::Column& weight) {
  const auto weights = daily_sum(f, weight);
  const std::size_t day = f.column(output::columns::keys::kDay), v = f.column(value), w = f.column(weight);
  std::vector<double> sums(weights.size(), 0.0);
  for (std::size_t r = 0; r < f.size(); ++r) {
    const double d = f.number(r, day);
    const double x = f.number(r, v) * f.number(r, w);
    if (d >= 0.0 && std::isfinite(x)) sums[static_cast<std::size_t>(d)] += x;
  }
  for (std::size_t i = 0; i < sums.size(); ++i)
    sums[i] = weights[i] > 0.0 ? sums[i] / weights[i] : std::nan("");
  return sums;
}

}  // namespace

RunSeries read_run_series(const std::string& run_dir) {
  RunSeries out;
  if (std::filesystem::exists(run_dir + "/region_daily.csv")) {
    const CsvFile f = CsvFile::read(run_dir + "/region_daily.csv");
    out.users_mode = true;
    out.series.push_back({"paying users", "users (real-world)", daily_sum(f, daily::kUsersPaid)});
    out.series.push_back({"net revenue", "USD per day", daily_sum(f, daily::kRevenueNetUsd)});
    out.series.push_back({"costs", "USD per day", daily_sum(f, daily::kCostUsd)});
    out.cash = economics::cash_curve(daily_sum(f, daily::kProfitUsd));
    out.series.push_back({"cumulative profit", "USD (real-world)", out.cash.cumulative_usd});
    return out;
  }
  const CsvFile f = CsvFile::read(run_dir + "/timeseries.csv");
  out.series.push_back({"jobs", "jobs per day (simulated)", daily_sum(f, timeseries::kJobsArrived)});
  out.series.push_back({"mean wait", "s", daily_weighted_mean(f, timeseries::kMeanWaitS, timeseries::kJobsStarted)});
  return out;
}

}  // namespace gvsim::report
