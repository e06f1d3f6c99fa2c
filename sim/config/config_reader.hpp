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

  GVSIM_FIELDS_OVERRIDES
  void inactive(std::string_view key, std::string_view reason) override;

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
