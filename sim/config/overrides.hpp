#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sim/config/config_node.hpp"

namespace gvsim::config {

/// @brief One `key.path = value` assignment whose value is already parsed (a sweep entry).
struct Assignment {
  std::string path;
  std::shared_ptr<const ConfigNode> value;
  schema::SourceMark where;  ///< the entry that makes the assignment; problems with the path are reported here
};

/// @brief Sets `assignment.path` in `root` to a copy of the value (which keeps its own source positions).
///
/// Missing mapping keys are created at `assignment.where` (the schema then rejects unknown ones); list indices must
/// exist. Returns false (with a diagnostic) when the path is malformed or cannot be followed.
bool apply_assignment(ConfigNode& root, const Assignment& assignment, schema::Diagnostics& diagnostics);

/// @brief Applies `key.path[index].key=value` assignments to a parsed document; values are YAML.
///
/// Missing mapping keys are created (the schema then rejects unknown ones); list indices must exist.
/// Problems are reported against the pseudo-file "--set".
void apply_overrides(ConfigNode& root, const std::vector<std::string>& assignments, schema::Diagnostics& diagnostics);

}  // namespace gvsim::config
