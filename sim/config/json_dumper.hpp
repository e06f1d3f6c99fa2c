#pragma once

#include <nlohmann/json.hpp>

#include "sim/schema/fields.hpp"

namespace gvsim::config {

struct ConfigNode;

/// @brief A parsed YAML value as JSON: unquoted numbers and true/false keep their type, other scalars are text.
nlohmann::ordered_json to_json(const ConfigNode& node);

/// @brief Writes the current values of declared keys as JSON (the resolved configuration in manifests).
class JsonDumper final : public schema::Fields {
 public:
  /// @brief Fills `out` (made an object) with the values visited.
  explicit JsonDumper(nlohmann::ordered_json& out);

  GVSIM_FIELDS_OVERRIDES

 private:
  nlohmann::ordered_json& out_;
};

}  // namespace gvsim::config
