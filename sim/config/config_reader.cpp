#include "sim/config/config_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace gvsim::config {

bool is_identifier_text(std::string_view s) {
  if (s.empty() || s.size() > 64 || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

ConfigReader::ConfigReader(const ConfigNode* node, std::string path, schema::Diagnostics& diagnostics)
    : node_(node), path_(std::move(path)), diagnostics_(diagnostics) {}

ConfigReader::~ConfigReader() {
  finish();
}

std::string ConfigReader::path_of(std::string_view key) const {
  if (path_.empty()) return std::string(key);
  return path_ + "." + std::string(key);
}

const ConfigNode* ConfigReader::take(std::string_view key, schema::Presence presence, std::string_view what) {
  declared_.emplace_back(key);
  const ConfigNode* found = node_ == nullptr ? nullptr : node_->find(key);
  if (found == nullptr && presence == schema::Presence::kRequired && node_ != nullptr) {
    diagnostics_.error(node_->mark, path_of(key), "required key is missing (expected " + std::string(what) + ")");
  }
  if (found != nullptr && found->kind == ConfigNode::Kind::kNull && presence == schema::Presence::kRequired) {
    diagnostics_.expected(found->mark, path_of(key), what, found->describe());
    return nullptr;
  }
  return found;
}

void ConfigReader::finish() {
  if (finished_ || node_ == nullptr) return;
  finished_ = true;
  for (const auto& entry : node_->entries) {
    if (std::find(declared_.begin(), declared_.end(), entry.key) != declared_.end()) continue;
    std::string message = "unknown key";
    const std::string suggestion = schema::closest_match(entry.key, declared_);
    if (!suggestion.empty()) {
      message += "; did you mean '" + suggestion + "'?";
    } else if (!declared_.empty()) {
      message += "; valid keys here: " + schema::join_names(declared_);
    }
    diagnostics_.error(entry.key_mark, path_of(entry.key), message);
  }
}

bool ConfigReader::read_number(const ConfigNode& node, std::string_view key, const schema::NumberRule& rule,
                               double& out) {
  const std::string what = rule.describe();
  if (node.kind != ConfigNode::Kind::kScalar || node.quoted) {
    diagnostics_.expected(node.mark, path_of(key), what, node.describe());
    return false;
  }
  const std::string& s = node.scalar;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(s.c_str(), &end);
  const bool parsed = !s.empty() && end == s.c_str() + s.size() && errno != ERANGE;
  const bool special = s.find_first_of("nNiI") != std::string::npos;  // nan, inf, .inf, .nan
  if (!parsed || special) {
    diagnostics_.expected(node.mark, path_of(key), what, node.describe());
    return false;
  }
  if (!std::isfinite(v)) {
    diagnostics_.expected(node.mark, path_of(key), what + " (finite)", node.describe());
    return false;
  }
  if (!rule.admits(v)) {
    diagnostics_.expected(node.mark, path_of(key), what, s);
    return false;
  }
  out = v;
  return true;
}

void ConfigReader::number(std::string_view key, double& value, const schema::NumberRule& rule, std::string_view,
                          schema::Presence presence) {
  const ConfigNode* node = take(key, presence, rule.describe());
  if (node == nullptr) return;
  double v = value;
  if (read_number(*node, key, rule, v)) value = v;
}

void ConfigReader::optional_number(std::string_view key, std::optional<double>& value, const schema::NumberRule& rule,
                                   std::string_view) {
  const ConfigNode* node = take(key, schema::Presence::kOptional, rule.describe());
  if (node == nullptr) return;
  double v = 0.0;
  if (read_number(*node, key, rule, v)) value = v;
}

void ConfigReader::number_list(std::string_view key, std::vector<double>& values, const schema::NumberRule& rule,
                               std::string_view, std::size_t min_items, std::size_t max_items) {
  const std::string what = "a list of " + std::to_string(min_items) +
                           (max_items == min_items ? "" : " to " + std::to_string(max_items)) + " numbers";
  const ConfigNode* node = take(key, schema::Presence::kOptional, what);
  if (node == nullptr) return;
  if (node->kind != ConfigNode::Kind::kSequence || node->items.size() < min_items || node->items.size() > max_items) {
    const std::string got = node->kind == ConfigNode::Kind::kSequence
                                ? "a list of " + std::to_string(node->items.size())
                                : node->describe();
    diagnostics_.expected(node->mark, path_of(key), what, got);
    return;
  }
  std::vector<double> read(node->items.size());
  bool ok = true;
  for (std::size_t i = 0; i < node->items.size(); ++i) {
    ok = read_number(*node->items[i], std::string(key) + "[" + std::to_string(i) + "]", rule, read[i]) && ok;
  }
  if (ok) values = std::move(read);
}

void ConfigReader::text(std::string_view key, std::string& value, std::string_view, schema::Presence presence) {
  const ConfigNode* node = take(key, presence, "text");
  if (node == nullptr) return;
  if (node->kind != ConfigNode::Kind::kScalar) {
    diagnostics_.expected(node->mark, path_of(key), "text", node->describe());
    return;
  }
  value = node->scalar;
}

bool ConfigReader::is_identifier(const ConfigNode& node, std::string_view key) {
  if (node.kind == ConfigNode::Kind::kScalar && is_identifier_text(node.scalar)) return true;
  diagnostics_.expected(node.mark, path_of(key), "a name of lower-case letters, digits and '_' (max 64)",
                        node.describe());
  return false;
}

void ConfigReader::identifier(std::string_view key, std::string& value, std::string_view, schema::Presence presence) {
  const ConfigNode* node = take(key, presence, "a name");
  if (node != nullptr && is_identifier(*node, key)) value = node->scalar;
}

void ConfigReader::reference(std::string_view key, schema::NameRef& value, std::string_view target, std::string_view,
                             schema::Presence presence) {
  const ConfigNode* node = take(key, presence, "the name of a " + std::string(target));
  if (node != nullptr && is_identifier(*node, key)) value = schema::NameRef{node->scalar, node->mark};
}

void ConfigReader::references(std::string_view key, std::vector<schema::NameRef>& values, std::string_view target,
                              std::string_view, std::size_t min_items) {
  const std::string what = "a list of " + std::string(target) + " names";
  const ConfigNode* node = take(key, min_items > 0 ? schema::Presence::kRequired : schema::Presence::kOptional, what);
  if (node == nullptr) return;
  if (node->kind != ConfigNode::Kind::kSequence) {
    diagnostics_.expected(node->mark, path_of(key), what, node->describe());
    return;
  }
  if (node->items.size() < min_items) {
    diagnostics_.expected(node->mark, path_of(key), "at least " + std::to_string(min_items) + " item(s)",
                          std::to_string(node->items.size()));
  }
  values.clear();
  for (std::size_t i = 0; i < node->items.size(); ++i) {
    const ConfigNode& item = *node->items[i];
    const std::string item_key = std::string(key) + "[" + std::to_string(i) + "]";
    if (!is_identifier(item, item_key)) continue;
    const bool repeated =
        std::any_of(values.begin(), values.end(), [&](const schema::NameRef& r) { return r.name == item.scalar; });
    if (repeated) {
      diagnostics_.error(item.mark, path_of(item_key), "'" + item.scalar + "' is listed twice");
      continue;
    }
    values.push_back(schema::NameRef{item.scalar, item.mark});
  }
}

void ConfigReader::flag(std::string_view key, bool& value, std::string_view) {
  const ConfigNode* node = take(key, schema::Presence::kOptional, "true or false");
  if (node == nullptr) return;
  if (node->kind == ConfigNode::Kind::kScalar && !node->quoted && (node->scalar == "true" || node->scalar == "false")) {
    value = node->scalar == "true";
    return;
  }
  diagnostics_.expected(node->mark, path_of(key), "true or false", node->describe());
}

void ConfigReader::choice(std::string_view key, std::string& value, const std::vector<std::string>& options,
                          std::string_view) {
  const std::string what = "one of " + schema::join_names(options);
  const ConfigNode* node = take(key, schema::Presence::kOptional, what);
  if (node == nullptr) return;
  if (node->kind == ConfigNode::Kind::kScalar &&
      std::find(options.begin(), options.end(), node->scalar) != options.end()) {
    value = node->scalar;
    return;
  }
  std::string got = node->describe();
  if (node->kind == ConfigNode::Kind::kScalar) {
    const std::string suggestion = schema::closest_match(node->scalar, options);
    if (!suggestion.empty()) got += " (did you mean '" + suggestion + "'?)";
  }
  diagnostics_.expected(node->mark, path_of(key), what, got);
}

void ConfigReader::shares(std::string_view key, std::vector<schema::Share>& values, std::string_view target,
                          std::string_view) {
  const std::string what = "a mapping of " + std::string(target) + " names to shares summing to 1";
  const ConfigNode* node = take(key, schema::Presence::kOptional, what);
  if (node == nullptr) return;
  if (node->kind != ConfigNode::Kind::kMap || node->entries.empty()) {
    diagnostics_.expected(node->mark, path_of(key), what, node->describe());
    return;
  }
  values.clear();
  double total = 0.0;
  bool all_read = true;
  for (const auto& entry : node->entries) {
    const std::string entry_path = std::string(key) + "." + entry.key;
    if (!is_identifier_text(entry.key)) {
      diagnostics_.expected(entry.key_mark, path_of(entry_path), "a " + std::string(target) + " name",
                            "\"" + entry.key + "\"");
      all_read = false;
      continue;
    }
    double share = 0.0;
    if (!read_number(*entry.value, entry_path, schema::NumberRule::probability(), share)) {
      all_read = false;
      continue;
    }
    total += share;
    values.push_back(schema::Share{schema::NameRef{entry.key, entry.key_mark}, share});
  }
  if (all_read && std::fabs(total - 1.0) > 1e-6) {
    char sum_text[32];
    std::snprintf(sum_text, sizeof sum_text, "%.10g", total);
    diagnostics_.expected(node->mark, path_of(key), "shares summing to 1", std::string("a sum of ") + sum_text);
  }
}

void ConfigReader::raw(std::string_view key, schema::RawValue& value, schema::RawShape shape, std::string_view) {
  const char* what = shape == schema::RawShape::kList      ? "a list"
                     : shape == schema::RawShape::kMapping ? "a mapping"
                                                           : "a value";
  const ConfigNode* node = take(key, schema::Presence::kOptional, what);
  if (node == nullptr) return;
  const bool fits = shape == schema::RawShape::kAny ||
                    (shape == schema::RawShape::kList && node->kind == ConfigNode::Kind::kSequence) ||
                    (shape == schema::RawShape::kMapping && node->kind == ConfigNode::Kind::kMap);
  if (!fits) {
    diagnostics_.expected(node->mark, path_of(key), what, node->describe());
    return;
  }
  value.node = node->clone();
}

void ConfigReader::here_of(std::string_view key, schema::SourceMark& mark) {
  const ConfigNode* found = node_ == nullptr ? nullptr : node_->find(key);
  if (found != nullptr) mark = found->mark;
}

void ConfigReader::inactive(std::string_view key, std::string_view reason) {
  const ConfigNode* found = node_ == nullptr ? nullptr : node_->find(key);
  if (found == nullptr) return;
  diagnostics_.warning(found->mark, path_of(key),
                       "set, but " + std::string(reason) + ", so it has no effect in this run");
}

void ConfigReader::here(schema::SourceMark& mark) {
  if (node_ != nullptr) mark = node_->mark;
}

void ConfigReader::object(std::string_view key, std::string_view, schema::Presence presence,
                          const std::function<void(schema::Fields&)>& body) {
  const ConfigNode* node = take(key, presence, "a mapping");
  if (node == nullptr) return;
  if (node->kind != ConfigNode::Kind::kMap) {
    diagnostics_.expected(node->mark, path_of(key), "a mapping", node->describe());
    return;
  }
  ConfigReader child(node, path_of(key), diagnostics_);
  body(child);
}

void ConfigReader::sequence(std::string_view key, std::string_view, std::size_t min_items, std::size_t,
                            const std::function<void(std::size_t)>& resize,
                            const std::function<void(schema::Fields&, std::size_t)>& body) {
  const ConfigNode* node =
      take(key, min_items > 0 ? schema::Presence::kRequired : schema::Presence::kOptional, "a list");
  if (node == nullptr) return;
  if (node->kind != ConfigNode::Kind::kSequence) {
    diagnostics_.expected(node->mark, path_of(key), "a list", node->describe());
    return;
  }
  if (node->items.size() < min_items) {
    diagnostics_.expected(node->mark, path_of(key), "at least " + std::to_string(min_items) + " item(s)",
                          std::to_string(node->items.size()));
  }
  resize(node->items.size());
  for (std::size_t i = 0; i < node->items.size(); ++i) {
    const ConfigNode& item = *node->items[i];
    const std::string item_path = path_of(key) + "[" + std::to_string(i) + "]";
    if (item.kind != ConfigNode::Kind::kMap) {
      diagnostics_.expected(item.mark, item_path, "a mapping", item.describe());
      continue;
    }
    ConfigReader child(&item, item_path, diagnostics_);
    body(child, i);
  }
}

void ConfigReader::keyed(std::string_view key, std::string_view, std::size_t min_items, const std::vector<std::string>&,
                         const std::function<void(std::size_t)>& resize,
                         const std::function<void(schema::Fields&, std::size_t, const std::string&)>& body) {
  const ConfigNode* node =
      take(key, min_items > 0 ? schema::Presence::kRequired : schema::Presence::kOptional, "a mapping of names");
  if (node == nullptr) return;
  if (node->kind != ConfigNode::Kind::kMap) {
    diagnostics_.expected(node->mark, path_of(key), "a mapping of names", node->describe());
    return;
  }
  if (node->entries.size() < min_items) {
    diagnostics_.expected(node->mark, path_of(key), "at least " + std::to_string(min_items) + " entry(ies)",
                          std::to_string(node->entries.size()));
  }
  // An entry that an override path created only to reach a key inside it names no existing entry: a typo, which
  // would otherwise define a new, incomplete entry and fail for unrelated reasons.
  std::vector<const ConfigNode::Entry*> entries;
  std::vector<std::string> names;
  for (const auto& entry : node->entries) {
    if (!entry.value->implicit) names.push_back(entry.key);
  }
  for (const auto& entry : node->entries) {
    if (!entry.value->implicit) {
      entries.push_back(&entry);
      continue;
    }
    const std::string close = schema::closest_match(entry.key, names);
    diagnostics_.error(entry.key_mark, path_of(key) + "." + entry.key,
                       "no entry named '" + entry.key + "'" + (close.empty() ? "" : "; did you mean '" + close + "'?") +
                           " (entries: " + schema::join_names(names) +
                           "); an override changes an existing entry, a new one is given whole as a mapping");
  }
  resize(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& entry = *entries[i];
    const std::string entry_path = path_of(key) + "." + entry.key;
    if (!is_identifier_text(entry.key)) {
      diagnostics_.expected(entry.key_mark, entry_path, "a name of lower-case letters, digits and '_'",
                            "\"" + entry.key + "\"");
      continue;
    }
    if (entry.value->kind != ConfigNode::Kind::kMap) {
      diagnostics_.expected(entry.value->mark, entry_path, "a mapping", entry.value->describe());
      continue;
    }
    ConfigReader child(entry.value.get(), entry_path, diagnostics_);
    body(child, i, entry.key);
  }
}

}  // namespace gvsim::config
