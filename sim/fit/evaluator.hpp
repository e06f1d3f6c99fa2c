#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "sim/fit/free_parameter.hpp"

namespace gvsim::fit {

/// @brief Where and how the runs of a fit are made.
struct EvaluatorOptions {
  std::string experiment;                ///< a single-run experiment file
  std::vector<std::string> overrides;    ///< the command line's --set, applied before the free parameters
  std::vector<FreeParameter> free;       ///< the keys each point sets
  std::size_t replications = 1;          ///< runs per point: replication first_replication + r, same seed
  std::int64_t first_replication = 0;    ///< the experiment's own `replication`
  std::size_t jobs = 1;                  ///< child processes at a time
  std::string out_dir;                   ///< runs go to OUT/runs/, measured values to OUT/runs.csv
  std::vector<std::string> value_names;  ///< what `measure` returns, in order (columns of runs.csv)
  std::string executable = "/proc/self/exe";
};

/// @brief Runs the experiment at points of the free parameters, `replications` times each with common random
/// numbers, one child process per run (the study layer's ProcessPool), and measures each finished run.
///
/// Every measured run is recorded in OUT/runs.csv (parameter values as exact text, replication, values) before its
/// folder is removed; runs already recorded there are not run again, so a fit killed part-way resumes where it
/// stopped. A failed run throws std::runtime_error with the end of its stderr.
class Evaluator {
 public:
  /// @brief Reads a run folder into the values named by EvaluatorOptions::value_names.
  using Measure = std::function<std::vector<double>(const std::string& run_dir)>;
  /// @brief Values of one point: [replication][value].
  using PointValues = std::vector<std::vector<double>>;

  /// @brief An evaluator; loads OUT/runs.csv when it is there and holds the same columns.
  Evaluator(EvaluatorOptions options, Measure measure);

  /// @brief The values of every point (real units), running the runs not yet recorded, `jobs` at a time.
  std::vector<PointValues> evaluate(const std::vector<std::vector<double>>& points);
  /// @brief Runs made by this process.
  std::size_t runs_made() const { return made_; }
  /// @brief Runs taken from OUT/runs.csv.
  std::size_t runs_reused() const { return reused_; }
  /// @brief The options.
  const EvaluatorOptions& options() const { return options_; }

 private:
  std::string key_of(const std::vector<double>& point, std::size_t replication) const;
  std::vector<std::string> child_arguments(const std::vector<double>& point, std::size_t replication,
                                           const std::string& dir) const;
  void load_records();
  void save_records() const;

  EvaluatorOptions options_;
  Measure measure_;
  std::map<std::string, std::vector<double>> records_;  ///< key_of -> values
  std::vector<std::string> order_;                      ///< keys in the order they were recorded
  std::size_t made_ = 0;
  std::size_t reused_ = 0;
  std::size_t next_run_ = 0;
};

}  // namespace gvsim::fit
