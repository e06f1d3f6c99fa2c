#pragma once

#include <string>
#include <vector>

#include "sim/schema/diagnostics.hpp"

namespace gvsim::fit {

/// @brief How a public value is compared with the model's value.
enum class TargetKind {
  kPoint,  ///< `value: X`: relative error (model - X) / X
  kRange,  ///< `range: [lo, hi]`: 0 inside, otherwise relative to the nearer end
  kAbove,  ///< `above: X`: 0 above X, otherwise the shortfall (relative to |X|, absolute when X is 0)
};

/// @brief One public milestone the model is compared with.
struct Target {
  std::string label;   ///< row label of the fit table
  std::string metric;  ///< a name of target_metric_names()
  std::string region = "all";
  std::vector<std::string> except;  ///< regions left out of `all` (e.g. revenue outside China)
  int first_day = -1;               ///< window start, or the day of a metric read at one date (-1: none)
  int last_day = -1;                ///< window end, or the same day as first_day
  TargetKind kind = TargetKind::kPoint;
  double value = 0.0;  ///< point value, threshold of `above`, or the range's low end
  double high = 0.0;   ///< the range's high end
  std::string shown;   ///< public value as written for people (`public:`), else built from the numbers
  double tolerance = 0.1;
  std::string source;  ///< source keys of docs/calibration.md (K2, S1, ...)
  bool fit = true;     ///< false: a check row, shown in the table but left out of the objective
  schema::SourceMark where;
};

/// @brief A targets file: the calendar origin and the milestones.
struct TargetSet {
  std::string file;
  std::string day0;  ///< calendar date of day 0 (YYYY-MM-DD), empty when dates are not used
  std::vector<Target> targets;
  /// @brief The last day any target needs.
  int last_day_needed() const;
};

/// @brief Names of the metrics a target may compare, with what each needs.
const std::vector<std::string>& target_metric_names();
/// @brief True when `metric` is read at one date (`date`/`day`), false when it needs a window or nothing.
bool metric_needs_date(const std::string& metric);
/// @brief True when `metric` is summed over a window (`window`).
bool metric_needs_window(const std::string& metric);

/// @brief Reads a targets file; `regions` are the run's regions (names checked against them, with suggestions).
///
/// Throws schema::ConfigError holding every problem, each at file:line:col with its key path.
TargetSet read_targets(const std::string& path, const std::vector<std::string>& regions);

/// @brief Days from `day0` to `date` (both YYYY-MM-DD); false when either is not a valid date.
bool days_between(const std::string& day0, const std::string& date, int& days);

}  // namespace gvsim::fit
