#include "sim/config/overrides.hpp"

#include <cctype>

namespace gvsim::config {

namespace {

struct PathStep {
  std::string key;  // empty for an index step
  std::size_t index = 0;
};

bool split_path(const std::string& path, std::vector<PathStep>& steps) {
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '[') {
      const std::size_t close = path.find(']', i);
      if (close == std::string::npos || close == i + 1) return false;
      const std::string digits = path.substr(i + 1, close - i - 1);
      for (char c : digits) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
      }
      if (digits.size() > 9) return false;
      steps.push_back(PathStep{"", std::stoul(digits)});
      i = close + 1;
      if (i < path.size() && path[i] == '.') ++i;
      continue;
    }
    std::size_t end = path.find_first_of(".[", i);
    if (end == std::string::npos) end = path.size();
    if (end == i) return false;
    steps.push_back(PathStep{path.substr(i, end - i), 0});
    i = end;
    if (i < path.size() && path[i] == '.') {
      ++i;
      if (i == path.size()) return false;
    }
  }
  return !steps.empty();
}

bool apply_path(ConfigNode& root, const std::string& path, std::unique_ptr<ConfigNode> value,
                const schema::SourceMark& where, schema::Diagnostics& diagnostics) {
  std::vector<PathStep> steps;
  if (!split_path(path, steps) || !steps.front().key.size()) {
    diagnostics.expected(where, path, "a key path such as workload.synthetic[0].arrivals.rate_per_hour",
                         "\"" + path + "\"");
    return false;
  }
  ConfigNode* node = &root;
  std::string walked;
  for (std::size_t s = 0; s < steps.size(); ++s) {
    const PathStep& step = steps[s];
    const bool last = s + 1 == steps.size();
    if (step.key.empty()) {
      walked += "[" + std::to_string(step.index) + "]";
      if (node->kind != ConfigNode::Kind::kSequence || step.index >= node->items.size()) {
        diagnostics.error(where, walked, "no such list item to override");
        return false;
      }
      if (last) {
        node->items[step.index] = std::move(value);
        return true;
      }
      node = node->items[step.index].get();
      continue;
    }
    walked += (walked.empty() ? "" : ".") + step.key;
    if (node->kind == ConfigNode::Kind::kNull) node->kind = ConfigNode::Kind::kMap;
    if (node->kind != ConfigNode::Kind::kMap) {
      const bool region_key = walked.rfind("platform.regions.", 0) == 0;
      diagnostics.error(where, walked,
                        "cannot set a key inside " + node->describe() +
                            (region_key ? "; a region's keys are set under regions.NAME (e.g. regions." + step.key +
                                              ".payments.method_share=0.45)"
                                        : ""));
      return false;
    }
    ConfigNode* child = node->find(step.key);
    if (child == nullptr) {
      auto fresh = std::make_unique<ConfigNode>();
      fresh->mark = where;
      fresh->implicit = !last;
      child = fresh.get();
      node->entries.push_back(ConfigNode::Entry{step.key, where, std::move(fresh)});
    }
    if (last) {
      *child = std::move(*value);
      return true;
    }
    node = child;
  }
  return true;
}

void apply_one(ConfigNode& root, const std::string& assignment, schema::Diagnostics& diagnostics) {
  const schema::SourceMark where{"--set " + assignment.substr(0, assignment.find('=')), 1, 1};
  const std::size_t eq = assignment.find('=');
  if (eq == std::string::npos) {
    diagnostics.expected(where, "", "key.path=value", "\"" + assignment + "\"");
    return;
  }
  const std::string path = assignment.substr(0, eq);
  schema::Diagnostics value_problems;
  const std::string value_text = assignment.substr(eq + 1);
  auto value = parse_yaml_text(value_text, "--set " + path, value_problems);
  if (value == nullptr) {
    if (value_text.empty()) {
      value = std::make_unique<ConfigNode>();  // `key=` sets null
    } else {
      for (const auto& d : value_problems.items())
        diagnostics.error(d.mark, path, d.message);
      return;
    }
  }
  apply_path(root, path, std::move(value), where, diagnostics);
}

}  // namespace

bool apply_assignment(ConfigNode& root, const Assignment& assignment, schema::Diagnostics& diagnostics) {
  auto value = assignment.value != nullptr ? assignment.value->clone() : std::make_unique<ConfigNode>();
  return apply_path(root, assignment.path, std::move(value), assignment.where, diagnostics);
}

void apply_overrides(ConfigNode& root, const std::vector<std::string>& assignments, schema::Diagnostics& diagnostics) {
  for (const auto& a : assignments)
    apply_one(root, a, diagnostics);
}

}  // namespace gvsim::config
