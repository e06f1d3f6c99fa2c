#pragma once

#include <string>
#include <utility>

#include "policies/registry.hpp"
#include "sim/config/config_node.hpp"
#include "sim/config/config_reader.hpp"
#include "sim/schema/diagnostics.hpp"

namespace gvsim::test {

/// @brief Reads `yaml`, a mapping as written under one policy kind (e.g. "{name: autoscale, autoscale: {step_share:
/// 0.25}}"), into `Kind` through the declarations the experiment file goes through, then runs the implementations'
/// own rules with `context`; throws schema::ConfigError listing every problem (file policy.yaml, keys under `path`).
template <class Kind>
Kind read_policy(const std::string& yaml, const typename Kind::KindContext& context = {},
                 const std::string& path = "policies.kind") {
  schema::Diagnostics diagnostics;
  Kind kind;
  if (const auto node = config::parse_yaml_text(yaml, "policy.yaml", diagnostics)) {
    config::ConfigReader reader(node.get(), path, diagnostics);
    describe(reader, kind);
    reader.finish();
  }
  if (diagnostics.empty()) kind.check(context, path, kind.where, diagnostics);
  if (!diagnostics.empty()) throw schema::ConfigError(std::move(diagnostics));
  return kind;
}

}  // namespace gvsim::test
