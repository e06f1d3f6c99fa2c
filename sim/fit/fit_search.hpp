#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "sim/fit/evaluator.hpp"
#include "sim/fit/optimiser.hpp"

namespace gvsim::fit {

/// @brief How the search runs.
struct SearchOptions {
  Method method = Method::kBobyqa;
  std::size_t max_evals = 30;
  double profile_step = 0.1;  ///< the profile's step in scaled units (a tenth of each parameter's range)
  bool quiet = false;
};

/// @brief One evaluation of the optimiser.
struct TrajectoryRow {
  std::vector<double> params;  ///< real units
  double objective = 0.0;      ///< of the values averaged over replications
  std::vector<double> replication_objectives;
};

/// @brief One point of the one-at-a-time profile around the optimum.
struct ProfileRow {
  std::size_t parameter = 0;
  double scaled = 0.0;
  double value = 0.0;
  double objective = 0.0;
  double delta = 0.0;  ///< objective - the optimum's
};

/// @brief What the search found and how well the targets pin it down.
struct SearchResult {
  std::vector<TrajectoryRow> trajectory;
  std::size_t best = 0;  ///< index into trajectory
  std::vector<double> best_mean_values;
  Evaluator::PointValues best_values;  ///< [replication][value]
  double noise = 0.0;                  ///< standard error of the optimum's objective over replications (NaN: R = 1)
  std::vector<ProfileRow> profile;
  std::vector<bool> flat;       ///< per parameter: the profile is flat within noise
  std::string identifiability;  ///< a sentence naming the flat parameters, empty when none is flat
  std::string stop_reason;
};

/// @brief The objective of values (one per measured value); a mean over replications or one replication's.
using Criterion = std::function<double(const std::vector<double>& values)>;

/// @brief The mean over replications of each value (NaN when a replication's value is NaN).
std::vector<double> mean_values(const Evaluator::PointValues& values);

/// @brief Minimises the criterion over the evaluator's free parameters, then profiles the optimum; writes
/// OUT/trajectory.csv after every evaluation and OUT/profile.csv at the end.
SearchResult search(Evaluator& evaluator, const Criterion& criterion, const SearchOptions& options);

}  // namespace gvsim::fit
