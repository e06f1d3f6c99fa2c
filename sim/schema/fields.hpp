#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "sim/schema/diagnostics.hpp"

namespace gvsim::config {
struct ConfigNode;
}  // namespace gvsim::config

namespace gvsim::schema {

/// @brief The allowed range, unit and integrality of a numeric key.
struct NumberRule {
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool min_exclusive = false;
  bool max_exclusive = false;
  bool integer = false;
  std::string unit;

  /// @brief A number > 0.
  static NumberRule positive(std::string unit = {});
  /// @brief A number in (0, max].
  static NumberRule positive_up_to(double max, std::string unit = {});
  /// @brief A number >= 0.
  static NumberRule non_negative(std::string unit = {});
  /// @brief A probability or share in [0, 1].
  static NumberRule probability();
  /// @brief A number in [lo, hi].
  static NumberRule between(double lo, double hi, std::string unit = {});
  /// @brief An integer in [lo, hi].
  static NumberRule whole(double lo, double hi = std::numeric_limits<double>::infinity(), std::string unit = {});
  /// @brief True when `v` is finite and inside the range.
  bool admits(double v) const;
  /// @brief Human description such as "a number > 0" or "an integer in [1, 4096]".
  std::string describe() const;
};

/// @brief A name that must match an entity defined elsewhere; keeps its position for later checks.
struct NameRef {
  std::string name;
  SourceMark mark;
};

/// @brief A named share of a mix (shares of one mix sum to 1).
struct Share {
  NameRef ref;
  double value = 0.0;
};

/// @brief The shape a raw YAML value must have.
enum class RawShape { kAny, kList, kMapping };

/// @brief A YAML value of any type kept as parsed, with the source position of every node (sweep values).
struct RawValue {
  std::shared_ptr<const config::ConfigNode> node;  ///< null when the key was not given
};

/// @brief Whether a key must be present.
enum class Presence { kOptional, kRequired };

/// @brief Visitor through which every configuration structure declares its keys exactly once.
///
/// The same declaration is used to read and validate YAML (ConfigReader), to document every key
/// (SchemaCollector) and to write the resolved configuration as JSON (JsonDumper). The value a field holds
/// before reading is its default.
class Fields {
 public:
  virtual ~Fields() = default;

  /// @brief A real number with range and unit.
  virtual void number(std::string_view key, double& value, const NumberRule& rule, std::string_view doc,
                      Presence presence = Presence::kOptional) = 0;
  /// @brief A number that may be left out (no default).
  virtual void optional_number(std::string_view key, std::optional<double>& value, const NumberRule& rule,
                               std::string_view doc) = 0;
  /// @brief A list of numbers, each obeying `rule`, with a bounded length.
  virtual void number_list(std::string_view key, std::vector<double>& values, const NumberRule& rule,
                           std::string_view doc, std::size_t min_items, std::size_t max_items) = 0;
  /// @brief Free text.
  virtual void text(std::string_view key, std::string& value, std::string_view doc,
                    Presence presence = Presence::kOptional) = 0;
  /// @brief An identifier: lower-case letters, digits and underscores, starting with a letter.
  virtual void identifier(std::string_view key, std::string& value, std::string_view doc,
                          Presence presence = Presence::kOptional) = 0;
  /// @brief A reference by name to an entity of kind `target`, checked once everything is read.
  virtual void reference(std::string_view key, NameRef& value, std::string_view target, std::string_view doc,
                         Presence presence = Presence::kRequired) = 0;
  /// @brief A list of references.
  virtual void references(std::string_view key, std::vector<NameRef>& values, std::string_view target,
                          std::string_view doc, std::size_t min_items = 1) = 0;
  /// @brief true or false.
  virtual void flag(std::string_view key, bool& value, std::string_view doc) = 0;
  /// @brief One of a fixed set of words.
  virtual void choice(std::string_view key, std::string& value, const std::vector<std::string>& options,
                      std::string_view doc) = 0;
  /// @brief A mapping name -> share in [0, 1] whose shares sum to 1.
  virtual void shares(std::string_view key, std::vector<Share>& values, std::string_view target,
                      std::string_view doc) = 0;
  /// @brief A YAML value kept unread (checked later against the keys it is assigned to), of the given shape.
  virtual void raw(std::string_view key, RawValue& value, RawShape shape, std::string_view doc) = 0;
  /// @brief Stores the source position of the object being visited.
  virtual void here(SourceMark& mark) = 0;
  /// @brief Stores the source position of the value of `key` if the key is present (line 0 otherwise).
  virtual void here_of(std::string_view key, SourceMark& mark) = 0;
  /// @brief Says that the value under `key`, if written, has no effect because `reason` (e.g. another
  /// implementation is chosen); a reader warns at its position, the other visitors ignore it.
  virtual void inactive(std::string_view /*key*/, std::string_view /*reason*/) {}
  /// @brief A nested mapping.
  virtual void object(std::string_view key, std::string_view doc, Presence presence,
                      const std::function<void(Fields&)>& body) = 0;
  /// @brief A list of mappings.
  virtual void sequence(std::string_view key, std::string_view doc, std::size_t min_items, std::size_t size,
                        const std::function<void(std::size_t)>& resize,
                        const std::function<void(Fields&, std::size_t)>& body) = 0;
  /// @brief A mapping from identifiers to mappings (the key becomes the entity's name).
  virtual void keyed(std::string_view key, std::string_view doc, std::size_t min_items,
                     const std::vector<std::string>& names, const std::function<void(std::size_t)>& resize,
                     const std::function<void(Fields&, std::size_t, const std::string&)>& body) = 0;

  /// @brief An integer of any integral type.
  template <class Int>
  requires std::is_integral_v<Int>
  void integer(std::string_view key, Int& value, NumberRule rule, std::string_view doc,
               Presence presence = Presence::kOptional) {
    rule.integer = true;
    double as_double = static_cast<double>(value);
    number(key, as_double, rule, doc, presence);
    value = static_cast<Int>(as_double);
  }

  /// @brief A nested mapping described by `describe(Fields&, T&)`.
  template <class T>
  void nested(std::string_view key, T& value, std::string_view doc, Presence presence = Presence::kOptional) {
    object(key, doc, presence, [&value](Fields& f) { describe(f, value); });
  }

  /// @brief A list of mappings, each described by `describe(Fields&, T&)`.
  template <class T>
  void list(std::string_view key, std::vector<T>& values, std::string_view doc, std::size_t min_items = 0) {
    sequence(
        key, doc, min_items, values.size(), [&values](std::size_t n) { values.resize(n); },
        [&values](Fields& f, std::size_t i) { describe(f, values[i]); });
  }

  /// @brief A mapping name -> object; `T::name` receives the key.
  template <class T>
  void named(std::string_view key, std::vector<T>& values, std::string_view doc, std::size_t min_items = 0) {
    std::vector<std::string> names;
    for (const auto& v : values)
      names.push_back(v.name);
    keyed(
        key, doc, min_items, names, [&values](std::size_t n) { values.resize(n); },
        [&values](Fields& f, std::size_t i, const std::string& name) {
          values[i].name = name;
          describe(f, values[i]);
        });
  }
};

}  // namespace gvsim::schema

/// @brief Declares, in a class derived from Fields, an override of every pure visitor member: the reader, the key
/// documentation, the JSON dump and the JSON Schema each implement the whole vocabulary, so it is listed once here.
#define GVSIM_FIELDS_OVERRIDES                                                                                         \
  void number(std::string_view key, double& value, const schema::NumberRule& rule, std::string_view doc,               \
              schema::Presence presence) override;                                                                     \
  void optional_number(std::string_view key, std::optional<double>& value, const schema::NumberRule& rule,             \
                       std::string_view doc) override;                                                                 \
  void number_list(std::string_view key, std::vector<double>& values, const schema::NumberRule& rule,                  \
                   std::string_view doc, std::size_t min_items, std::size_t max_items) override;                       \
  void text(std::string_view key, std::string& value, std::string_view doc, schema::Presence presence) override;       \
  void identifier(std::string_view key, std::string& value, std::string_view doc, schema::Presence presence) override; \
  void reference(std::string_view key, schema::NameRef& value, std::string_view target, std::string_view doc,          \
                 schema::Presence presence) override;                                                                  \
  void references(std::string_view key, std::vector<schema::NameRef>& values, std::string_view target,                 \
                  std::string_view doc, std::size_t min_items) override;                                               \
  void flag(std::string_view key, bool& value, std::string_view doc) override;                                         \
  void choice(std::string_view key, std::string& value, const std::vector<std::string>& options, std::string_view doc) \
      override;                                                                                                        \
  void shares(std::string_view key, std::vector<schema::Share>& values, std::string_view target, std::string_view doc) \
      override;                                                                                                        \
  void raw(std::string_view key, schema::RawValue& value, schema::RawShape shape, std::string_view doc) override;      \
  void here(schema::SourceMark& mark) override;                                                                        \
  void here_of(std::string_view key, schema::SourceMark& mark) override;                                               \
  void object(std::string_view key, std::string_view doc, schema::Presence presence,                                   \
              const std::function<void(schema::Fields&)>& body) override;                                              \
  void sequence(std::string_view key, std::string_view doc, std::size_t min_items, std::size_t size,                   \
                const std::function<void(std::size_t)>& resize,                                                        \
                const std::function<void(schema::Fields&, std::size_t)>& body) override;                               \
  void keyed(std::string_view key, std::string_view doc, std::size_t min_items, const std::vector<std::string>& names, \
             const std::function<void(std::size_t)>& resize,                                                           \
             const std::function<void(schema::Fields&, std::size_t, const std::string&)>& body) override;
