#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/schema/diagnostics.hpp"

namespace gvsim::config {

/// @brief A YAML document as a plain tree that keeps the source position of every node and key.
struct ConfigNode {
  /// @brief What a node holds.
  enum class Kind { kNull, kScalar, kMap, kSequence };
  /// @brief One `key: value` entry of a mapping, with the position of the key itself.
  struct Entry {
    std::string key;
    schema::SourceMark key_mark;
    std::unique_ptr<ConfigNode> value;
  };

  Kind kind = Kind::kNull;
  schema::SourceMark mark;
  std::string scalar;     ///< text of a scalar
  bool quoted = false;    ///< scalar was written quoted, so it is a string whatever it looks like
  bool implicit = false;  ///< created by an override path only to reach a key below it (not written in the file)
  std::vector<Entry> entries;
  std::vector<std::unique_ptr<ConfigNode>> items;

  /// @brief The value stored under `key`, or nullptr.
  ConfigNode* find(std::string_view key) const;
  /// @brief A deep copy of this subtree.
  std::unique_ptr<ConfigNode> clone() const;
  /// @brief Short description of the node for "got ..." messages (a quoted scalar, "a mapping", ...).
  std::string describe() const;
  /// @brief Number of nodes in this subtree, itself included.
  std::size_t count() const;
};

/// @brief The node as one line of flow-style YAML that reads back as the same value (`[a, b]`, `{k: v}`, `"text"`).
std::string flow_text(const ConfigNode& node);

/// @brief Limits that keep hostile or accidental inputs from exhausting memory or stack.
struct ParseLimits {
  std::size_t max_file_bytes = 4 * 1024 * 1024;
  std::size_t max_nodes = 200000;
  std::size_t max_depth = 32;
  std::size_t max_scalar_bytes = 64 * 1024;
};

/// @brief Parses YAML text into a ConfigNode tree; syntax errors, duplicate keys, non-scalar keys, several
/// documents and limit breaches are recorded in `diagnostics`. Returns nullptr when nothing usable was read.
std::unique_ptr<ConfigNode> parse_yaml_text(std::string_view text, const std::string& file_name,
                                            schema::Diagnostics& diagnostics, const ParseLimits& limits = {});

/// @brief Reads a file and parses it with parse_yaml_text; an unreadable file is a diagnostic.
std::unique_ptr<ConfigNode> parse_yaml_file(const std::string& path, schema::Diagnostics& diagnostics,
                                            const ParseLimits& limits = {});

}  // namespace gvsim::config
