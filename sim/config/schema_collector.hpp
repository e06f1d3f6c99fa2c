#pragma once

#include <string>
#include <vector>

#include "sim/schema/fields.hpp"

namespace gvsim::config {

/// @brief One declared key: its path, type, default and meaning.
struct KeyDoc {
  std::string path;
  std::string type;
  std::string default_value;
  std::string unit;
  std::string doc;
};

/// @brief Walks the declarations of a default-constructed configuration and lists every key.
class SchemaCollector final : public schema::Fields {
 public:
  /// @brief Collects into `out`, with `prefix` prepended to every path.
  SchemaCollector(std::vector<KeyDoc>& out, std::string prefix = {});

  GVSIM_FIELDS_OVERRIDES

 private:
  void add(std::string_view key, std::string type, std::string default_value, std::string unit, std::string_view doc);
  std::string path_of(std::string_view key) const;

  std::vector<KeyDoc>& out_;
  std::string prefix_;
};

/// @brief Renders key docs as a Markdown table.
std::string keys_markdown(const std::vector<KeyDoc>& keys);

}  // namespace gvsim::config
