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

  void number(std::string_view key, double& value, const schema::NumberRule& rule, std::string_view doc,
              schema::Presence presence) override;
  void optional_number(std::string_view key, std::optional<double>& value, const schema::NumberRule& rule,
                       std::string_view doc) override;
  void number_list(std::string_view key, std::vector<double>& values, const schema::NumberRule& rule,
                   std::string_view doc, std::size_t min_items, std::size_t max_items) override;
  void text(std::string_view key, std::string& value, std::string_view doc, schema::Presence presence) override;
  void identifier(std::string_view key, std::string& value, std::string_view doc, schema::Presence presence) override;
  void reference(std::string_view key, schema::NameRef& value, std::string_view target, std::string_view doc,
                 schema::Presence presence) override;
  void references(std::string_view key, std::vector<schema::NameRef>& values, std::string_view target,
                  std::string_view doc, std::size_t min_items) override;
  void flag(std::string_view key, bool& value, std::string_view doc) override;
  void raw(std::string_view key, schema::RawValue& value, schema::RawShape shape, std::string_view doc) override;
  void choice(std::string_view key, std::string& value, const std::vector<std::string>& options,
              std::string_view doc) override;
  void shares(std::string_view key, std::vector<schema::Share>& values, std::string_view target,
              std::string_view doc) override;
  void here(schema::SourceMark& mark) override;
  void here_of(std::string_view key, schema::SourceMark& mark) override;
  void object(std::string_view key, std::string_view doc, schema::Presence presence,
              const std::function<void(schema::Fields&)>& body) override;
  void sequence(std::string_view key, std::string_view doc, std::size_t min_items, std::size_t size,
                const std::function<void(std::size_t)>& resize,
                const std::function<void(schema::Fields&, std::size_t)>& body) override;
  void keyed(std::string_view key, std::string_view doc, std::size_t min_items, const std::vector<std::string>& names,
             const std::function<void(std::size_t)>& resize,
             const std::function<void(schema::Fields&, std::size_t, const std::string&)>& body) override;

 private:
  void put(std::string_view key, nlohmann::ordered_json schema, bool required);

  nlohmann::ordered_json& schema_;
};

/// @brief A complete schema document: `$schema`, `title`, `description` and the object schema `body` declares.
nlohmann::ordered_json json_schema_document(const std::string& title, const std::string& description,
                                            const std::function<void(schema::Fields&)>& body);

}  // namespace gvsim::config
