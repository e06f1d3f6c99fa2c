#pragma once

#include <string>
#include <vector>

#include "sim/config/config_node.hpp"
#include "sim/schema/fields.hpp"

namespace gvsim::config {

/// @brief Reads a ConfigNode mapping into configuration structures, recording every problem.
///
/// Missing optional keys keep their defaults; unknown keys, wrong types, out-of-range or non-finite numbers
/// are diagnostics that name the file, line, column and key path.
class ConfigReader final : public schema::Fields {
 public:
  /// @brief Reads from `node` (a mapping); `path` is the key path prefix used in messages.
  ConfigReader(const ConfigNode* node, std::string path, schema::Diagnostics& diagnostics);
  ~ConfigReader() override;
  ConfigReader(const ConfigReader&) = delete;
  ConfigReader& operator=(const ConfigReader&) = delete;

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
  void inactive(std::string_view key, std::string_view reason) override;
  void object(std::string_view key, std::string_view doc, schema::Presence presence,
              const std::function<void(schema::Fields&)>& body) override;
  void sequence(std::string_view key, std::string_view doc, std::size_t min_items, std::size_t size,
                const std::function<void(std::size_t)>& resize,
                const std::function<void(schema::Fields&, std::size_t)>& body) override;
  void keyed(std::string_view key, std::string_view doc, std::size_t min_items, const std::vector<std::string>& names,
             const std::function<void(std::size_t)>& resize,
             const std::function<void(schema::Fields&, std::size_t, const std::string&)>& body) override;

  /// @brief Reports keys present in the mapping but never declared; called by the destructor if not before.
  void finish();

 private:
  const ConfigNode* take(std::string_view key, schema::Presence presence, std::string_view what);
  std::string path_of(std::string_view key) const;
  bool read_number(const ConfigNode& node, std::string_view key, const schema::NumberRule& rule, double& out);
  bool is_identifier(const ConfigNode& node, std::string_view key);

  const ConfigNode* node_;
  std::string path_;
  schema::Diagnostics& diagnostics_;
  std::vector<std::string> declared_;
  bool finished_ = false;
};

/// @brief True if `s` is a valid identifier (lower-case letter first, then lower-case letters, digits, '_').
bool is_identifier_text(std::string_view s);

}  // namespace gvsim::config
