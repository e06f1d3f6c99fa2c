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
  void choice(std::string_view key, std::string& value, const std::vector<std::string>& options,
              std::string_view doc) override;
  void shares(std::string_view key, std::vector<schema::Share>& values, std::string_view target,
              std::string_view doc) override;
  void raw(std::string_view key, schema::RawValue& value, schema::RawShape shape, std::string_view doc) override;
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
  nlohmann::ordered_json& out_;
};

}  // namespace gvsim::config
