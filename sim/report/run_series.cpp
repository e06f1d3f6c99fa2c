#include "sim/report/run_series.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "sim/report/csv_file.hpp"

namespace gvsim::report {

namespace {

/// Sums column `column` of every row into its day's slot (days are whole numbers from 0).
std::vector<double> daily_sum(const CsvFile& f, const std::string& column) {
  const std::size_t day = f.column("day"), c = f.column(column);
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
std::vector<double> daily_weighted_mean(const CsvFile& f, const std::string& value, const std::string& weight) {
  const auto weights = daily_sum(f, weight);
  const std::size_t day = f.column("day"), v = f.column(value), w = f.column(weight);
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

void cash_figures(const std::vector<double>& profit_per_day, RunSeries& out) {
  std::vector<double> cumulative(profit_per_day.size(), 0.0);
  double cash = 0.0;
  for (std::size_t d = 0; d < profit_per_day.size(); ++d) {
    cash += profit_per_day[d];
    cumulative[d] = cash;
    if (cash < out.cash_minimum_usd) {
      out.cash_minimum_usd = cash;
      out.cash_minimum_day = static_cast<int>(d);
    }
  }
  out.cumulative_profit_usd = cash;
  for (std::size_t d = cumulative.size(); d-- > 0;) {
    if (cumulative[d] < 0.0) break;
    out.break_even_day = static_cast<int>(d);
  }
  out.series.push_back({"cumulative profit", "USD (real-world)", cumulative});
}

}  // namespace

RunSeries read_run_series(const std::string& run_dir) {
  RunSeries out;
  if (std::filesystem::exists(run_dir + "/region_daily.csv")) {
    const CsvFile f = CsvFile::read(run_dir + "/region_daily.csv");
    out.users_mode = true;
    out.series.push_back({"paying users", "users (real-world)", daily_sum(f, "users_paid")});
    out.series.push_back({"net revenue", "USD per day", daily_sum(f, "revenue_net_usd")});
    out.series.push_back({"costs", "USD per day", daily_sum(f, "cost_usd")});
    cash_figures(daily_sum(f, "profit_usd"), out);
    return out;
  }
  const CsvFile f = CsvFile::read(run_dir + "/timeseries.csv");
  out.series.push_back({"jobs", "jobs per day (simulated)", daily_sum(f, "jobs_arrived")});
  out.series.push_back({"mean wait", "s", daily_weighted_mean(f, "mean_wait_s", "jobs_started")});
  return out;
}

}  // namespace gvsim::report
