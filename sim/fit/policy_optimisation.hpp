#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sim/fit/fit_search.hpp"

namespace gvsim::fit {

/// @brief A bound on a run metric (report metric of region `all`): `metric<=value` or `metric>=value`.
struct Constraint {
  std::string metric;
  bool at_most = true;
  double bound = 0.0;
};

/// @brief Options of `gvsim optimise`.
struct OptimisationOptions {
  std::string experiment;
  std::string objective;  ///< metric:max or metric:min
  std::vector<std::string> constraints;
  std::vector<std::string> overrides;
  std::vector<std::string> free;
  std::size_t replications = 0;  ///< 0: the experiment's own
  std::size_t jobs = 1;
  std::size_t max_evals = 30;
  std::string method = "bobyqa";
  std::string out_dir;  ///< empty: results/NAME-optimise
  bool quiet = false;
};

/// @brief A metric's mean at the optimum with its 95% interval over replications.
struct MetricEstimate {
  std::string metric;
  double mean = 0.0;
  double ci_low = 0.0;   ///< NaN with one replication
  double ci_high = 0.0;  ///< NaN with one replication
};

/// @brief What the optimisation found.
struct OptimisationResult {
  std::string out_dir;
  SearchResult search;
  std::vector<FreeParameter> free;
  std::vector<MetricEstimate> estimates;  ///< the objective first, then each constrained metric
  std::vector<double> profile_metric;     ///< the objective metric at each profile point
  bool feasible = true;                   ///< every constraint holds at the optimum (means)
  double wall_seconds = 0.0;
};

/// @brief Weight of a constraint's relative violation squared against the objective (scaled to 1 at the start).
inline constexpr double kConstraintPenalty = 100.0;

/// @brief Maximises or minimises a run metric over the free keys, constraints as penalties; writes OUT/trajectory.csv,
/// runs.csv, best.csv, profile.csv and optimum.csv. Throws like calibrate.
OptimisationResult optimise(const OptimisationOptions& options);

}  // namespace gvsim::fit
