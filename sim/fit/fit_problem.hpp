#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sim/fit/evaluator.hpp"
#include "sim/fit/free_parameter.hpp"
#include "sim/model/scenario.hpp"

namespace gvsim::fit {

/// @brief An experiment with the keys a fit may change, checked before any run starts.
struct FitProblem {
  std::string experiment;
  std::vector<std::string> overrides;  ///< the command line's --set
  std::vector<FreeParameter> free;
  model::Scenario base;          ///< the experiment with `overrides`, one run
  std::size_t replications = 1;  ///< runs per point
};

/// @brief Reads the `--free` texts, loads the experiment and the scenarios at the low and high bounds.
///
/// `replications` 0 takes the experiment's own `replications`. Throws schema::ConfigError (located at the command
/// line or in the files) when a free key is malformed, unknown, given twice or refused at a bound, or when the
/// experiment has a sweep (the fit chooses the values itself).
FitProblem prepare_problem(const std::string& experiment, const std::vector<std::string>& overrides,
                           const std::vector<std::string>& free_texts, std::size_t replications);

/// @brief Options of the evaluator of the problem's runs: `jobs` at a time, into `out_dir` (value names left empty).
EvaluatorOptions evaluator_options(const FitProblem& problem, std::size_t jobs, const std::string& out_dir);

/// @brief Makes OUT a folder of this fit: refuses (output::OutputRefused) a folder holding another fit's runs.csv
/// (other arguments in OUT/arguments.txt), so a resumed fit reuses only its own runs; marks it running.
void claim_fit_folder(const std::string& out_dir, const std::string& arguments);

/// @brief Marks the fit in OUT complete (OUT/status) once every result file is written.
void mark_fit_complete(const std::string& out_dir);

/// @brief Writes OUT/best.csv: parameter, value, low, high, scaled value.
void write_best_csv(const std::string& out_dir, const std::vector<FreeParameter>& free,
                    const std::vector<double>& values);

/// @brief The text that names a fit's runs: experiment, its config hash, overrides, free keys, replications and
/// `extra` (what the runs are measured against).
std::string fit_arguments(const FitProblem& problem, const std::vector<std::string>& free_texts,
                          const std::string& extra);

}  // namespace gvsim::fit
