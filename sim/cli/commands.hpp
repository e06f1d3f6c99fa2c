#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sim/fit/calibration.hpp"
#include "sim/fit/policy_optimisation.hpp"
#include "sim/model/scenario.hpp"
#include "sim/schema/diagnostics.hpp"

namespace gvsim::cli {

/// @brief Exit codes of the gvsim command.
enum ExitCode : int { kSuccess = 0, kRuntimeFailure = 1, kBadInput = 2, kInterrupted = 130 };

/// @brief Options of `gvsim run`.
struct RunOptions {
  std::string experiment;
  std::string out_dir;  ///< empty: results/NAME
  std::vector<std::string> overrides;
  bool quiet = false;
  bool progress = false;     ///< single run: a progress line on stderr even when it is not a terminal
  std::size_t jobs = 0;      ///< study: child processes at a time (0: one per core; under --mpi: 1)
  std::string shard;         ///< study: "K/N" runs only the runs i with i % N == K - 1
  bool mpi = false;          ///< study: one shard per MPI rank
  long long study_run = -1;  ///< internal: run only run number `study_run` of the study
  std::string study_hash;    ///< internal: the config hash that run must have
};

/// @brief `gvsim run`: load, validate, simulate, check invariants, write results, print a short summary.
int run_command(const RunOptions& options);
/// @brief `gvsim run` of an experiment with a sweep or several replications: one child process per run.
int study_command(const RunOptions& options);
/// @brief One run of a study, in the child process the study started for it.
int study_run_command(const RunOptions& options);
/// @brief Simulates a resolved scenario, checks it and writes its results into `directory`; prints a summary.
/// The destination is checked and locked before the simulation starts; `progress` forces the progress line.
int simulate_and_write(const model::Scenario& scenario, const std::string& directory,
                       const std::vector<std::string>& overrides, bool quiet, bool progress);
/// @brief `gvsim validate` of a study: checks every run and prints the baseline and the study's shape.
int validate_study_command(const std::string& experiment, const std::vector<std::string>& overrides);
/// @brief Prints the summary of one resolved scenario that `gvsim validate` shows.
void print_scenario_summary(const std::string& experiment, const model::Scenario& scenario);
/// @brief Reports configuration problems on stderr and returns the exit code for bad input.
int report_config_error(const schema::ConfigError& e);

/// @brief `gvsim validate`: load and check everything, print a summary of the resolved scenario.
int validate_command(const std::string& experiment, const std::vector<std::string>& overrides);
/// @brief `gvsim keys`: print the reference of every configuration key as Markdown.
int keys_command();
/// @brief `gvsim columns`: print the columns of every results CSV file (unit, meaning, row grain) as Markdown.
int columns_command();

/// @brief Options of `gvsim report`.
struct ReportCommandOptions {
  std::vector<std::string> directories;
  std::string out_dir;     ///< empty: FIRST_DIR/report
  std::string baseline;    ///< empty: the variant flagged in study.csv
  std::string objectives;  ///< empty: defaults of the workload mode
};

/// @brief `gvsim report`: merge study folders, compute statistics, write report.md and CSV tables.
int report_command(const ReportCommandOptions& options);
/// @brief `gvsim schema`: print the JSON Schema of a kind of configuration file (experiment, region, gpus, wan).
int schema_command(const std::string& file_kind);

/// @brief Options of `gvsim fit-table`.
struct FitTableOptions {
  std::string experiment;
  std::string targets_file;
  std::vector<std::string> runs;  ///< run folders (values averaged); empty: results/NAME
  std::vector<std::string> overrides;
  std::string csv;  ///< also write the table as CSV here
};

/// @brief `gvsim fit-table`: compares run folders with a targets file; prints the Markdown table.
int fit_table_command(const FitTableOptions& options);
/// @brief `gvsim calibrate`: fits free keys to a targets file (sim/fit).
int calibrate_command(fit::CalibrationOptions options);
/// @brief `gvsim optimise`: maximises or minimises a run metric over free keys under constraints (sim/fit).
int optimise_command(fit::OptimisationOptions options);

/// @brief Parses the command line and dispatches; returns the process exit code.
int main_entry(int argc, char** argv);

}  // namespace gvsim::cli
