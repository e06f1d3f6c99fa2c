#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace gvsim::schema {

/// @brief A position in a source file, 1-based; line 0 means "whole file" or "command line".
struct SourceMark {
  std::string file;
  int line = 0;
  int column = 0;
};

/// @brief One configuration problem: where, which key, what was expected and what was found.
struct Diagnostic {
  SourceMark mark;
  std::string key_path;
  std::string message;
};

/// @brief Collects every configuration problem so that all of them are reported together.
class Diagnostics {
 public:
  /// @brief Records "expected X, got Y" at a place and key path.
  void expected(const SourceMark& mark, std::string_view key_path, std::string_view what, std::string_view got);
  /// @brief Records a free-form message at a place and key path.
  void error(const SourceMark& mark, std::string_view key_path, std::string message);
  /// @brief True when no problem has been recorded.
  bool empty() const { return items_.empty(); }
  /// @brief Number of problems recorded.
  std::size_t size() const { return items_.size(); }
  /// @brief All problems in the order they were found.
  const std::vector<Diagnostic>& items() const { return items_; }
  /// @brief Renders all problems, one `file:line:col: key.path: message` per line.
  std::string format() const;
  /// @brief Records a key that is valid but has no effect in this configuration (not a problem: nothing stops).
  void warning(const SourceMark& mark, std::string_view key_path, std::string message);
  /// @brief The warnings, in the order they were found.
  const std::vector<Diagnostic>& warnings() const { return warnings_; }

 private:
  std::vector<Diagnostic> items_;
  std::vector<Diagnostic> warnings_;
};

/// @brief Renders a single diagnostic as `file:line:col: key.path: message`.
std::string format_diagnostic(const Diagnostic& d);

/// @brief Thrown once loading is over when any problem was found; carries every problem.
class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(Diagnostics diagnostics);
  /// @brief The problems that made the configuration invalid.
  const Diagnostics& diagnostics() const { return diagnostics_; }

 private:
  Diagnostics diagnostics_;
};

/// @brief Edit distance used for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// @brief The closest candidate within a small edit distance, or an empty string.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

/// @brief Joins names as "a, b, c" for messages that list valid choices.
std::string join_names(const std::vector<std::string>& names);
/// @brief A number written with up to 10 significant digits, as messages show it.
std::string shortest(double v);

}  // namespace gvsim::schema
