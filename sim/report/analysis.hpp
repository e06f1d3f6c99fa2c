#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sim/report/sensitivity_indices.hpp"
#include "sim/report/statistics.hpp"
#include "sim/report/study.hpp"

namespace gvsim::report {

/// @brief A Pareto objective: a metric of region `all` and its direction.
struct Objective {
  std::string metric;
  bool maximize = false;
};

/// @brief Summary of one metric of one variant and region across replications.
struct AggregateRow {
  std::string variant;
  std::string region;
  std::string metric;
  SampleSummary summary;
};

/// @brief Differences variant - baseline paired by replication (common random numbers).
struct PairedRow {
  std::string variant;
  std::string region;
  std::string metric;
  double baseline_mean = 0.0;  ///< over the paired replications
  double variant_mean = 0.0;   ///< over the paired replications
  SampleSummary difference;
};

/// @brief A variant's objective means and whether it is on the Pareto front.
struct ParetoRow {
  std::string variant;
  std::vector<double> means;  ///< one per objective
  bool complete = false;      ///< every objective has a mean; otherwise not ranked
  bool on_front = false;
  std::size_t dominated_by = 0;
};

/// @brief Standardized regression coefficient of one factor on one metric.
struct SensitivityRow {
  std::string region;
  std::string metric;
  std::string factor;
  double src = 0.0;
  double r_squared = 0.0;
  std::size_t n = 0;
};

/// @brief Everything the report shows, computed from a study.
struct Analysis {
  std::string baseline;
  std::string baseline_reason;  ///< how the baseline was chosen
  std::vector<Objective> objectives;
  std::vector<std::string> regions;  ///< `all` first, then in order of first appearance
  std::vector<std::string> metrics;  ///< catalogue order, measured ones only
  std::vector<AggregateRow> aggregate;
  std::vector<PairedRow> paired;
  std::vector<ParetoRow> pareto;
  std::vector<std::string> factors;  ///< numeric factors used in the regressions
  std::vector<std::string> notes;    ///< factors left out and regressions skipped, with the reason
  std::vector<SensitivityRow> sensitivity;
  std::vector<IndexRow> indices;  ///< Morris or Sobol indices of a sensitivity design (study.json), else empty
};

/// @brief Computes aggregates, paired differences, the Pareto front and sensitivities.
///
/// `baseline`: a variant name or empty (the variant flagged in study.csv, else the first). `objectives`:
/// "metric:max,metric:min,..." or empty for the defaults of the workload mode. Throws ReportError for an
/// unknown baseline or objective.
Analysis analyze(const Study& study, const std::string& baseline, const std::string& objectives);

/// @brief The objectives used when none are given.
std::string default_objectives(bool users_mode);

}  // namespace gvsim::report
