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

/// @brief Parses the command line and dispatches; returns the process exit code.
int main_entry(int argc, char** argv);

}  // namespace gvsim::cli
