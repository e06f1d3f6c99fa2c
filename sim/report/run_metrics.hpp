#pragma once

#include <string>
#include <vector>

namespace gvsim::report {

/// @brief A metric the report computes for every run: name (with unit), meaning and where it comes from.
struct MetricInfo {
  std::string name;
  std::string meaning;
  bool users_mode = false;  ///< only in workload mode `users`
};

/// @brief Every metric, in report order.
const std::vector<MetricInfo>& metric_catalogue();
/// @brief The catalogue entry of `name`, or nullptr.
const MetricInfo* find_metric(const std::string& name);

/// @brief One value of a run: a metric for a region (or `all`).
struct Observation {
  std::string region;
  std::string metric;
  double value = 0.0;
};

/// @brief Metrics of one run folder (as `gvsim run --out DIR` writes it).
struct RunMetrics {
  bool users_mode = false;          ///< kpis.csv was there
  std::vector<Observation> values;  ///< finite values only; region `all` first, then regions in file order
};

/// @brief Reads summary.csv and timeseries.csv, and in users mode kpis.csv and region_daily.csv, of `run_dir`.
///
/// Throws ReportError naming the file when one is missing, malformed or lacks a column.
RunMetrics read_run_metrics(const std::string& run_dir);

}  // namespace gvsim::report
