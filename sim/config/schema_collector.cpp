#include "sim/config/schema_collector.hpp"

#include <sstream>

namespace gvsim::config {

namespace {
std::string number_text(double v) {
  std::ostringstream out;
  out.precision(12);
  out << v;
  return out.str();
}
std::string presence_text(schema::Presence p, std::string default_value) {
  return p == schema::Presence::kRequired ? std::string("required") : default_value;
}
}  // namespace

SchemaCollector::SchemaCollector(std::vector<KeyDoc>& out, std::string prefix)
    : out_(out), prefix_(std::move(prefix)) {}

std::string SchemaCollector::path_of(std::string_view key) const {
  return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
}

void SchemaCollector::add(std::string_view key, std::string type, std::string default_value, std::string unit,
                          std::string_view doc) {
  out_.push_back(KeyDoc{path_of(key), std::move(type), std::move(default_value), std::move(unit), std::string(doc)});
}

void SchemaCollector::number(std::string_view key, double& value, const schema::NumberRule& rule, std::string_view doc,
                             schema::Presence presence) {
  add(key, rule.describe(), presence_text(presence, number_text(value)), rule.unit, doc);
}

void SchemaCollector::optional_number(std::string_view key, std::optional<double>&, const schema::NumberRule& rule,
                                      std::string_view doc) {
  add(key, rule.describe(), "unset", rule.unit, doc);
}

void SchemaCollector::number_list(std::string_view key, std::vector<double>& values, const schema::NumberRule& rule,
                                  std::string_view doc, std::size_t min_items, std::size_t max_items) {
  std::string shown = values.empty() ? "[]" : "[" + std::to_string(values.size()) + " values]";
  const std::string count =
      min_items == max_items ? std::to_string(min_items) : std::to_string(min_items) + "-" + std::to_string(max_items);
  add(key, "list of " + count + " x " + rule.describe(), shown, rule.unit, doc);
}

void SchemaCollector::text(std::string_view key, std::string& value, std::string_view doc, schema::Presence presence) {
  add(key, "text", presence_text(presence, "\"" + value + "\""), "", doc);
}

void SchemaCollector::identifier(std::string_view key, std::string& value, std::string_view doc,
                                 schema::Presence presence) {
  add(key, "name", presence_text(presence, value.empty() ? "\"\"" : value), "", doc);
}

void SchemaCollector::reference(std::string_view key, schema::NameRef&, std::string_view target, std::string_view doc,
                                schema::Presence presence) {
  add(key, "name of a " + std::string(target), presence_text(presence, "unset"), "", doc);
}

void SchemaCollector::references(std::string_view key, std::vector<schema::NameRef>&, std::string_view target,
                                 std::string_view doc, std::size_t min_items) {
  add(key, "list of " + std::string(target) + " names", min_items > 0 ? "required" : "[]", "", doc);
}

void SchemaCollector::flag(std::string_view key, bool& value, std::string_view doc) {
  add(key, "true or false", value ? "true" : "false", "", doc);
}

void SchemaCollector::choice(std::string_view key, std::string& value, const std::vector<std::string>& options,
                             std::string_view doc) {
  add(key, "one of " + schema::join_names(options), value, "", doc);
}

void SchemaCollector::shares(std::string_view key, std::vector<schema::Share>&, std::string_view target,
                             std::string_view doc) {
  add(key, std::string(target) + " name -> share, summing to 1", "unset", "", doc);
}

void SchemaCollector::raw(std::string_view key, schema::RawValue&, schema::RawShape shape, std::string_view doc) {
  const char* type = shape == schema::RawShape::kList      ? "list of values"
                     : shape == schema::RawShape::kMapping ? "mapping of key path -> value"
                                                           : "any value";
  add(key, type,
      shape == schema::RawShape::kList      ? "[]"
      : shape == schema::RawShape::kMapping ? "{}"
                                            : "unset",
      "", doc);
}

void SchemaCollector::here_of(std::string_view, schema::SourceMark&) {}

void SchemaCollector::here(schema::SourceMark&) {}

void SchemaCollector::object(std::string_view key, std::string_view doc, schema::Presence presence,
                             const std::function<void(schema::Fields&)>& body) {
  add(key, "mapping", presence == schema::Presence::kRequired ? "required" : "", "", doc);
  SchemaCollector child(out_, path_of(key));
  body(child);
}

void SchemaCollector::sequence(std::string_view key, std::string_view doc, std::size_t min_items, std::size_t,
                               const std::function<void(std::size_t)>& resize,
                               const std::function<void(schema::Fields&, std::size_t)>& body) {
  add(key, "list of mappings", min_items > 0 ? "required" : "[]", "", doc);
  resize(1);
  SchemaCollector child(out_, path_of(key) + "[]");
  body(child, 0);
}

void SchemaCollector::keyed(std::string_view key, std::string_view doc, std::size_t min_items,
                            const std::vector<std::string>&, const std::function<void(std::size_t)>& resize,
                            const std::function<void(schema::Fields&, std::size_t, const std::string&)>& body) {
  add(key, "mapping of name -> mapping", min_items > 0 ? "required" : "{}", "", doc);
  resize(1);
  SchemaCollector child(out_, path_of(key) + ".<name>");
  body(child, 0, "name");
}

std::string keys_markdown(const std::vector<KeyDoc>& keys) {
  std::string out = "| key | type | default | unit | meaning |\n|---|---|---|---|---|\n";
  for (const auto& k : keys) {
    out += "| `" + k.path + "` | " + k.type + " | " + k.default_value + " | " + k.unit + " | " + k.doc + " |\n";
  }
  return out;
}

}  // namespace gvsim::config
