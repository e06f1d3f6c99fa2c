#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sim/fit/fit_search.hpp"
#include "sim/fit/fit_table.hpp"
#include "sim/fit/targets.hpp"
#include "sim/model/scenario.hpp"

namespace gvsim::fit {

/// @brief Options of `gvsim calibrate`.
struct CalibrationOptions {
  std::string experiment;
  std::string targets_file;
  std::vector<std::string> overrides;
  std::vector<std::string> free;  ///< key.path=[low,high] or key.path=[low,high]@start
  std::size_t replications = 0;   ///< 0: the experiment's own
  std::size_t jobs = 1;
  std::size_t max_evals = 30;
  std::string method = "bobyqa";
  std::string out_dir;  ///< empty: results/NAME-calibration
  bool quiet = false;
};

/// @brief What a calibration found, and the folder it wrote.
struct CalibrationResult {
  std::string out_dir;
  TargetSet targets;
  std::vector<FreeParameter> free;
  SearchResult search;
  FitTable table;  ///< at the best point, values averaged over replications
  std::size_t runs_made = 0;
  std::size_t runs_reused = 0;
  double wall_seconds = 0.0;
};

/// @brief Reads the targets file of an experiment (its regions are the names targets may use); checks that the
/// experiment's horizon reaches every target. Throws schema::ConfigError.
TargetSet read_experiment_targets(const std::string& targets_file, const model::Scenario& scenario);

/// @brief Fits the free keys to the targets: NLopt on [0,1]-scaled keys, objective sum of (error / tolerance)^2 of
/// the targets' values averaged over replications with common random numbers; then the one-at-a-time profile.
///
/// Writes OUT/trajectory.csv, runs.csv, best.csv, fit_table.md, fit_table.csv, uncertainty.csv, profile.csv and
/// fitted.yaml. Throws schema::ConfigError before any run for bad input, output::OutputRefused for an unusable OUT,
/// std::runtime_error when a run fails.
CalibrationResult calibrate(const CalibrationOptions& options);

}  // namespace gvsim::fit
