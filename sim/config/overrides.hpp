#pragma once

#include <string>
#include <vector>

#include "sim/config/config_node.hpp"

namespace gvsim::config {

/// @brief Applies `key.path[index].key=value` assignments to a parsed document; values are YAML.
///
/// Missing mapping keys are created (the schema then rejects unknown ones); list indices must exist.
/// Problems are reported against the pseudo-file "--set".
void apply_overrides(ConfigNode& root, const std::vector<std::string>& assignments, Diagnostics& diagnostics);

}  // namespace gvsim::config
