#pragma once

#include <string>
#include <vector>

#include "sim/model/scenario.hpp"

namespace gvsim::config {

/// @brief What the command line adds to an experiment file.
struct LoadOptions {
  std::vector<std::string> overrides;  ///< `key.path=value` assignments applied before validation
};

/// @brief Loads an experiment, its region files, GPU catalog and WAN links, and checks everything.
///
/// Throws ConfigError carrying every problem found, each with file, line, column and key path.
model::Scenario load_scenario(const std::string& experiment_path, const LoadOptions& options = {});

}  // namespace gvsim::config
