#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sim/config/config_node.hpp"
#include "sim/config/overrides.hpp"
#include "sim/model/scenario.hpp"

namespace gvsim::config {

/// @brief What the command line adds to an experiment file.
struct LoadOptions {
  std::vector<std::string> overrides;     ///< `key.path=value` assignments applied before validation
  bool single_run = false;                ///< drop the study keys (`replications`, `sweep`): one run of a study
  std::vector<Assignment> assignments{};  ///< applied after `overrides` (and after dropping the study keys)
};

/// @brief The experiment file parsed, with the command line's `overrides` applied; nullptr when unreadable.
std::unique_ptr<ConfigNode> experiment_document(const std::string& experiment_path,
                                                const std::vector<std::string>& overrides,
                                                schema::Diagnostics& diagnostics);

/// @brief Reads the experiment file's own keys (no region files) into `out`; problems go to `diagnostics`.
void read_experiment(const std::string& experiment_path, const std::vector<std::string>& overrides,
                     model::Experiment& out, schema::Diagnostics& diagnostics);

/// @brief True when the document asks for several runs: it has a `sweep` block or `replications` other than 1.
bool is_study_document(const ConfigNode& root);

/// @brief Loads an experiment, its region files, GPU catalog and WAN links, and checks everything.
///
/// Throws ConfigError carrying every problem found, each with file, line, column and key path.
model::Scenario load_scenario(const std::string& experiment_path, const LoadOptions& options = {});

}  // namespace gvsim::config
