#pragma once

#include <string>
#include <vector>

#include "sim/fit/run_observations.hpp"
#include "sim/fit/targets.hpp"

namespace gvsim::fit {

/// @brief One target compared with the model.
struct FitRow {
  const Target* target = nullptr;
  double model = 0.0;   ///< the model's value (a mean over replications when several), NaN when unavailable
  double error = 0.0;   ///< target_error of `model`
  bool within = false;  ///< |error| <= tolerance
};

/// @brief A targets file compared with the model's values.
struct FitTable {
  std::vector<FitRow> rows;
  double objective = 0.0;  ///< sum over fitted rows of (error / tolerance)^2
};

/// @brief Weight of a target the model cannot compute (run too short): as if it missed by 100 tolerances.
inline constexpr double kMissingPenalty = 1e4;

/// @brief Error of `model` against the target: relative for values and ranges (0 inside a range), the shortfall for
/// `above` (relative to |threshold|, absolute when the threshold is 0); NaN when `model` is NaN.
double target_error(const Target& target, double model);

/// @brief The model's value of every target, in file order.
std::vector<double> model_values(const TargetSet& targets, const RunObservations& run);

/// @brief Compares the values (one per target, in file order) with the targets and sums the objective.
FitTable compare(const TargetSet& targets, const std::vector<double>& values);

/// @brief The table in Markdown: label, public value, source, model, error, tolerance, within tolerance.
std::string fit_table_markdown(const FitTable& table);
/// @brief The table as CSV (numbers unformatted) for scripts.
std::string fit_table_csv(const FitTable& table);
/// @brief A value as the table shows it (millions, dollars or percent by metric).
std::string format_metric(const std::string& metric, double value);

}  // namespace gvsim::fit
