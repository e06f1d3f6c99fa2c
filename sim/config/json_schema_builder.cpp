#include "sim/config/json_schema_builder.hpp"

#include <cmath>

namespace gvsim::config {

namespace {

using Json = nlohmann::ordered_json;

// The names ConfigReader accepts (is_identifier_text).
const char* const kNamePattern = "^[a-z][a-z0-9_]{0,63}$";

std::string described(std::string_view doc, const std::string& unit) {
  return unit.empty() ? std::string(doc) : std::string(doc) + " [" + unit + "]";
}

Json number_value(double v, bool integer) {
  if (integer) return Json(static_cast<long long>(std::llround(v)));
  return Json(v);
}

Json number_schema(const schema::NumberRule& rule) {
  Json s = Json::object();
  s["type"] = rule.integer ? "integer" : "number";
  if (std::isfinite(rule.min))
    s[rule.min_exclusive ? "exclusiveMinimum" : "minimum"] = number_value(rule.min, rule.integer);
  if (std::isfinite(rule.max))
    s[rule.max_exclusive ? "exclusiveMaximum" : "maximum"] = number_value(rule.max, rule.integer);
  return s;
}

Json name_schema() {
  return Json{{"type", "string"}, {"pattern", kNamePattern}};
}

Json with_doc(std::string_view doc, const std::string& unit, const Json& body) {
  Json s = Json::object();
  s["description"] = described(doc, unit);
  for (const auto& [k, v] : body.items())
    s[k] = v;
  return s;
}

Json object_schema(std::string_view doc) {
  Json s = Json::object();
  if (!doc.empty()) s["description"] = std::string(doc);
  s["type"] = "object";
  s["properties"] = Json::object();
  s["additionalProperties"] = false;
  return s;
}

}  // namespace

JsonSchemaBuilder::JsonSchemaBuilder(Json& object_schema) : schema_(object_schema) {
  if (!schema_.is_object()) schema_ = Json::object();
  if (!schema_.contains("type")) schema_["type"] = "object";
  if (!schema_.contains("properties")) schema_["properties"] = Json::object();
  schema_["additionalProperties"] = false;
}

void JsonSchemaBuilder::put(std::string_view key, Json schema, bool required) {
  schema_["properties"][std::string(key)] = std::move(schema);
  if (!required) return;
  if (!schema_.contains("required")) schema_["required"] = Json::array();
  schema_["required"].push_back(std::string(key));
}

void JsonSchemaBuilder::number(std::string_view key, double& value, const schema::NumberRule& rule,
                               std::string_view doc, schema::Presence presence) {
  Json s = with_doc(doc, rule.unit, number_schema(rule));
  const bool required = presence == schema::Presence::kRequired;
  if (!required) s["default"] = number_value(value, rule.integer);
  put(key, std::move(s), required);
}

void JsonSchemaBuilder::optional_number(std::string_view key, std::optional<double>&, const schema::NumberRule& rule,
                                        std::string_view doc) {
  put(key, with_doc(doc, rule.unit, number_schema(rule)), false);
}

// No default: an empty list means "not given" and need not satisfy minItems.
void JsonSchemaBuilder::number_list(std::string_view key, std::vector<double>&, const schema::NumberRule& rule,
                                    std::string_view doc, std::size_t min_items, std::size_t max_items) {
  Json s = with_doc(doc, rule.unit, Json{{"type", "array"}});
  s["items"] = number_schema(rule);
  s["minItems"] = min_items;
  s["maxItems"] = max_items;
  put(key, std::move(s), false);
}

void JsonSchemaBuilder::text(std::string_view key, std::string& value, std::string_view doc,
                             schema::Presence presence) {
  Json s = with_doc(doc, "", Json{{"type", "string"}});
  const bool required = presence == schema::Presence::kRequired;
  if (!required) s["default"] = value;
  put(key, std::move(s), required);
}

void JsonSchemaBuilder::identifier(std::string_view key, std::string& value, std::string_view doc,
                                   schema::Presence presence) {
  Json s = with_doc(doc, "", name_schema());
  const bool required = presence == schema::Presence::kRequired;
  if (!required && !value.empty()) s["default"] = value;
  put(key, std::move(s), required);
}

void JsonSchemaBuilder::reference(std::string_view key, schema::NameRef&, std::string_view target, std::string_view doc,
                                  schema::Presence presence) {
  put(key, with_doc(std::string(doc) + " (name of a " + std::string(target) + ")", "", name_schema()),
      presence == schema::Presence::kRequired);
}

void JsonSchemaBuilder::references(std::string_view key, std::vector<schema::NameRef>&, std::string_view target,
                                   std::string_view doc, std::size_t min_items) {
  Json s = with_doc(std::string(doc) + " (" + std::string(target) + " names)", "", Json{{"type", "array"}});
  s["items"] = name_schema();
  s["minItems"] = min_items;
  s["uniqueItems"] = true;
  put(key, std::move(s), min_items > 0);
}

void JsonSchemaBuilder::raw(std::string_view key, schema::RawValue&, schema::RawShape shape, std::string_view doc) {
  // Sweep values are any YAML value, checked later against the key they are assigned to.
  Json s = shape == schema::RawShape::kList      ? Json{{"type", "array"}}
           : shape == schema::RawShape::kMapping ? Json{{"type", "object"}}
                                                 : Json::object();
  put(key, with_doc(doc, "", std::move(s)), false);
}

void JsonSchemaBuilder::flag(std::string_view key, bool& value, std::string_view doc) {
  Json s = with_doc(doc, "", Json{{"type", "boolean"}});
  s["default"] = value;
  put(key, std::move(s), false);
}

void JsonSchemaBuilder::choice(std::string_view key, std::string& value, const std::vector<std::string>& options,
                               std::string_view doc) {
  Json s = with_doc(doc, "", Json{{"type", "string"}});
  s["enum"] = options;
  s["default"] = value;
  put(key, std::move(s), false);
}

void JsonSchemaBuilder::shares(std::string_view key, std::vector<schema::Share>&, std::string_view target,
                               std::string_view doc) {
  Json s = with_doc(std::string(doc) + " (" + std::string(target) + " name -> share; shares sum to 1)", "",
                    Json{{"type", "object"}});
  s["propertyNames"] = Json{{"pattern", kNamePattern}};
  s["additionalProperties"] = Json{{"type", "number"}, {"minimum", 0}, {"maximum", 1}};
  s["minProperties"] = 1;
  put(key, std::move(s), false);
}

void JsonSchemaBuilder::here(schema::SourceMark&) {}

void JsonSchemaBuilder::here_of(std::string_view, schema::SourceMark&) {}

void JsonSchemaBuilder::object(std::string_view key, std::string_view doc, schema::Presence presence,
                               const std::function<void(schema::Fields&)>& body) {
  Json s = object_schema(doc);
  JsonSchemaBuilder child(s);
  body(child);
  put(key, std::move(s), presence == schema::Presence::kRequired);
}

void JsonSchemaBuilder::sequence(std::string_view key, std::string_view doc, std::size_t min_items, std::size_t,
                                 const std::function<void(std::size_t)>& resize,
                                 const std::function<void(schema::Fields&, std::size_t)>& body) {
  Json item = object_schema("");
  resize(1);
  JsonSchemaBuilder child(item);
  body(child, 0);
  Json s = with_doc(doc, "", Json{{"type", "array"}});
  s["items"] = std::move(item);
  s["minItems"] = min_items;
  put(key, std::move(s), min_items > 0);
}

void JsonSchemaBuilder::keyed(std::string_view key, std::string_view doc, std::size_t min_items,
                              const std::vector<std::string>&, const std::function<void(std::size_t)>& resize,
                              const std::function<void(schema::Fields&, std::size_t, const std::string&)>& body) {
  Json entry = object_schema("");
  resize(1);
  JsonSchemaBuilder child(entry);
  body(child, 0, "name");
  Json s = with_doc(doc, "", Json{{"type", "object"}});
  s["propertyNames"] = Json{{"pattern", kNamePattern}};
  s["additionalProperties"] = std::move(entry);
  s["minProperties"] = min_items;
  put(key, std::move(s), min_items > 0);
}

Json json_schema_document(const std::string& title, const std::string& description,
                          const std::function<void(schema::Fields&)>& body) {
  Json doc = Json::object();
  doc["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  doc["title"] = title;
  doc["description"] = description;
  doc["type"] = "object";
  doc["properties"] = Json::object();
  JsonSchemaBuilder builder(doc);
  body(builder);
  return doc;
}

}  // namespace gvsim::config
