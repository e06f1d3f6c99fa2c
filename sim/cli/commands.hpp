#pragma once

#include <string>
#include <vector>

namespace gvsim::cli {

/// @brief Exit codes of the gvsim command.
enum ExitCode : int { kSuccess = 0, kRuntimeFailure = 1, kBadInput = 2, kInterrupted = 130 };

/// @brief Options of `gvsim run`.
struct RunOptions {
  std::string experiment;
  std::string out_dir;  ///< empty: results/NAME
  std::vector<std::string> overrides;
  bool quiet = false;
};

/// @brief `gvsim run`: load, validate, simulate, check invariants, write results, print a short summary.
int run_command(const RunOptions& options);
/// @brief `gvsim validate`: load and check everything, print a summary of the resolved scenario.
int validate_command(const std::string& experiment, const std::vector<std::string>& overrides);
/// @brief `gvsim keys`: print the reference of every configuration key as Markdown.
int keys_command();

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

/// @brief Parses the command line and dispatches; returns the process exit code.
int main_entry(int argc, char** argv);

}  // namespace gvsim::cli
