#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/schema/fields.hpp"

namespace gvsim::config {

/// @brief Builds a JSON Schema (draft 2020-12) object schema from the declared keys of a configuration.
///
/// Each key becomes a property with its type, default, description (with unit), enum for choices and the
/// declared bounds; mappings refuse undeclared keys (additionalProperties false) and list their required keys.
class JsonSchemaBuilder final : public schema::Fields {
 public:
  /// @brief Fills `object_schema` (made a schema of type object) with the properties visited.
  explicit JsonSchemaBuilder(nlohmann::ordered_json& object_schema);

  GVSIM_FIELDS_OVERRIDES

 private:
  void put(std::string_view key, nlohmann::ordered_json schema, bool required);

  nlohmann::ordered_json& schema_;
};

/// @brief A complete schema document: `$schema`, `title`, `description` and the object schema `body` declares.
nlohmann::ordered_json json_schema_document(const std::string& title, const std::string& description,
                                            const std::function<void(schema::Fields&)>& body);

}  // namespace gvsim::config
