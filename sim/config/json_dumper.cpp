#include "sim/config/json_dumper.hpp"

#include "sim/config/config_node.hpp"

namespace gvsim::config {

nlohmann::ordered_json to_json(const ConfigNode& node) {
  switch (node.kind) {
    case ConfigNode::Kind::kNull:
      return nullptr;
    case ConfigNode::Kind::kMap: {
      auto map = nlohmann::ordered_json::object();
      for (const auto& e : node.entries)
        map[e.key] = to_json(*e.value);
      return map;
    }
    case ConfigNode::Kind::kSequence: {
      auto list = nlohmann::ordered_json::array();
      for (const auto& item : node.items)
        list.push_back(to_json(*item));
      return list;
    }
    case ConfigNode::Kind::kScalar:
      break;
  }
  if (!node.quoted) {
    if (node.scalar == "true" || node.scalar == "false") return node.scalar == "true";
    const auto parsed = nlohmann::ordered_json::parse(node.scalar, nullptr, false);
    if (parsed.is_number()) return parsed;
  }
  return node.scalar;
}

JsonDumper::JsonDumper(nlohmann::ordered_json& out) : out_(out) {
  if (!out_.is_object()) out_ = nlohmann::ordered_json::object();
}

void JsonDumper::number(std::string_view key, double& value, const schema::NumberRule& rule, std::string_view,
                        schema::Presence) {
  if (rule.integer) {
    out_[std::string(key)] = static_cast<long long>(value);
  } else {
    out_[std::string(key)] = value;
  }
}

void JsonDumper::optional_number(std::string_view key, std::optional<double>& value, const schema::NumberRule&,
                                 std::string_view) {
  if (value) out_[std::string(key)] = *value;
}

void JsonDumper::number_list(std::string_view key, std::vector<double>& values, const schema::NumberRule&,
                             std::string_view, std::size_t, std::size_t) {
  out_[std::string(key)] = values;
}

void JsonDumper::text(std::string_view key, std::string& value, std::string_view, schema::Presence) {
  out_[std::string(key)] = value;
}

void JsonDumper::identifier(std::string_view key, std::string& value, std::string_view, schema::Presence) {
  out_[std::string(key)] = value;
}

void JsonDumper::reference(std::string_view key, schema::NameRef& value, std::string_view, std::string_view,
                           schema::Presence) {
  out_[std::string(key)] = value.name;
}

void JsonDumper::references(std::string_view key, std::vector<schema::NameRef>& values, std::string_view,
                            std::string_view, std::size_t) {
  auto& list = out_[std::string(key)] = nlohmann::ordered_json::array();
  for (const auto& v : values)
    list.push_back(v.name);
}

void JsonDumper::flag(std::string_view key, bool& value, std::string_view) {
  out_[std::string(key)] = value;
}

void JsonDumper::choice(std::string_view key, std::string& value, const std::vector<std::string>&, std::string_view) {
  out_[std::string(key)] = value;
}

void JsonDumper::shares(std::string_view key, std::vector<schema::Share>& values, std::string_view, std::string_view) {
  if (values.empty()) return;
  auto& map = out_[std::string(key)] = nlohmann::ordered_json::object();
  for (const auto& s : values)
    map[s.ref.name] = s.value;
}

void JsonDumper::raw(std::string_view key, schema::RawValue& value, schema::RawShape, std::string_view) {
  if (value.node != nullptr) out_[std::string(key)] = to_json(*value.node);
}

void JsonDumper::here_of(std::string_view, schema::SourceMark&) {}

void JsonDumper::here(schema::SourceMark&) {}

void JsonDumper::object(std::string_view key, std::string_view, schema::Presence,
                        const std::function<void(schema::Fields&)>& body) {
  auto& child = out_[std::string(key)] = nlohmann::ordered_json::object();
  JsonDumper dumper(child);
  body(dumper);
}

void JsonDumper::sequence(std::string_view key, std::string_view, std::size_t, std::size_t size,
                          const std::function<void(std::size_t)>&,
                          const std::function<void(schema::Fields&, std::size_t)>& body) {
  auto& list = out_[std::string(key)] = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < size; ++i) {
    nlohmann::ordered_json item = nlohmann::ordered_json::object();
    JsonDumper dumper(item);
    body(dumper, i);
    list.push_back(std::move(item));
  }
}

void JsonDumper::keyed(std::string_view key, std::string_view, std::size_t, const std::vector<std::string>& names,
                       const std::function<void(std::size_t)>&,
                       const std::function<void(schema::Fields&, std::size_t, const std::string&)>& body) {
  auto& map = out_[std::string(key)] = nlohmann::ordered_json::object();
  for (std::size_t i = 0; i < names.size(); ++i) {
    nlohmann::ordered_json item = nlohmann::ordered_json::object();
    JsonDumper dumper(item);
    body(dumper, i, names[i]);
    map[names[i]] = std::move(item);
  }
}

}  // namespace gvsim::config
