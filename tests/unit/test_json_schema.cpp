// `gvsim schema`: a JSON Schema (draft 2020-12) generated from the declared keys. A small checker of the subset
// of JSON Schema it emits validates every shipped experiment and region file against it.
#include <catch2/catch.hpp>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "policies/placement_policy.hpp"
#include "sim/config/config_node.hpp"
#include "tests/support/test_support.hpp"

using gvsim::test::run_gvsim;
using gvsim::test::source_dir;
using Json = nlohmann::json;

namespace {

// YAML (as gvsim reads it) to JSON: unquoted true/false are booleans, unquoted numbers numbers.
Json to_json(const gvsim::config::ConfigNode& node) {
  using Kind = gvsim::config::ConfigNode::Kind;
  switch (node.kind) {
    case Kind::kNull:
      return nullptr;
    case Kind::kMap: {
      Json out = Json::object();
      for (const auto& e : node.entries)
        out[e.key] = to_json(*e.value);
      return out;
    }
    case Kind::kSequence: {
      Json out = Json::array();
      for (const auto& item : node.items)
        out.push_back(to_json(*item));
      return out;
    }
    case Kind::kScalar:
      break;
  }
  const std::string& s = node.scalar;
  if (node.quoted) return s;
  if (s == "true" || s == "false") return s == "true";
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(s.c_str(), &end);
  if (!s.empty() && end == s.c_str() + s.size() && errno == 0 && std::isfinite(v) &&
      s.find_first_of("nNiI") == std::string::npos) {
    if (std::regex_match(s, std::regex("[-+]?[0-9]+"))) return static_cast<long long>(v);
    return v;
  }
  return s;
}

Json load_yaml(const std::string& path) {
  gvsim::schema::Diagnostics diagnostics;
  const auto root = gvsim::config::parse_yaml_file(path, diagnostics);
  REQUIRE(root != nullptr);
  return to_json(*root);
}

bool has_type(const Json& v, const std::string& type) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "boolean") return v.is_boolean();
  if (type == "number") return v.is_number();
  if (type == "integer") return v.is_number_integer() || (v.is_number_float() && std::floor(v.get<double>()) == v);
  return false;
}

// Validates `v` against `schema` for the keywords gvsim emits; appends "path: problem" to `errors`. Every keyword
// of the schema must be one this checker knows, so the schema cannot grow past what is checked here.
void check(const Json& schema, const Json& v, const std::string& path, std::vector<std::string>& errors) {
  static const std::set<std::string> known = {"$schema",
                                              "title",
                                              "description",
                                              "type",
                                              "default",
                                              "properties",
                                              "required",
                                              "additionalProperties",
                                              "propertyNames",
                                              "minProperties",
                                              "items",
                                              "minItems",
                                              "maxItems",
                                              "uniqueItems",
                                              "enum",
                                              "pattern",
                                              "minimum",
                                              "maximum",
                                              "exclusiveMinimum",
                                              "exclusiveMaximum"};
  for (const auto& [k, unused] : schema.items()) {
    if (known.count(k) == 0) errors.push_back(path + ": schema keyword not checked: " + k);
  }
  auto fail = [&](const std::string& what) { errors.push_back((path.empty() ? "(root)" : path) + ": " + what); };
  if (schema.contains("type") && !has_type(v, schema["type"])) return fail("not of type " + schema["type"].dump());
  if (schema.contains("enum") && std::find(schema["enum"].begin(), schema["enum"].end(), v) == schema["enum"].end())
    return fail("not one of " + schema["enum"].dump());
  if (v.is_number()) {
    const double x = v.get<double>();
    if (schema.contains("minimum") && x < schema["minimum"].get<double>()) fail("below minimum");
    if (schema.contains("maximum") && x > schema["maximum"].get<double>()) fail("above maximum");
    if (schema.contains("exclusiveMinimum") && x <= schema["exclusiveMinimum"].get<double>()) fail("not above min");
    if (schema.contains("exclusiveMaximum") && x >= schema["exclusiveMaximum"].get<double>()) fail("not below max");
  }
  if (v.is_string() && schema.contains("pattern") &&
      !std::regex_search(v.get<std::string>(), std::regex(schema["pattern"].get<std::string>())))
    fail("does not match " + schema["pattern"].get<std::string>());
  if (v.is_array()) {
    if (schema.contains("minItems") && v.size() < schema["minItems"].get<std::size_t>()) fail("too few items");
    if (schema.contains("maxItems") && v.size() > schema["maxItems"].get<std::size_t>()) fail("too many items");
    if (schema.value("uniqueItems", false)) {
      std::set<std::string> seen;
      for (const auto& item : v) {
        if (!seen.insert(item.dump()).second) fail("repeated item " + item.dump());
      }
    }
    if (schema.contains("items")) {
      for (std::size_t i = 0; i < v.size(); ++i)
        check(schema["items"], v[i], path + "[" + std::to_string(i) + "]", errors);
    }
  }
  if (v.is_object()) {
    if (schema.contains("minProperties") && v.size() < schema["minProperties"].get<std::size_t>())
      fail("too few entries");
    for (const auto& r : schema.value("required", Json::array())) {
      if (!v.contains(r.get<std::string>())) fail("required key missing: " + r.get<std::string>());
    }
    for (const auto& [key, value] : v.items()) {
      const std::string child = path.empty() ? key : path + "." + key;
      if (schema.contains("propertyNames") &&
          !std::regex_search(key, std::regex(schema["propertyNames"]["pattern"].get<std::string>())))
        fail("bad name " + key);
      if (schema.contains("properties") && schema["properties"].contains(key)) {
        check(schema["properties"][key], value, child, errors);
      } else if (schema.contains("additionalProperties")) {
        const Json& extra = schema["additionalProperties"];
        if (extra.is_boolean()) {
          if (!extra.get<bool>()) errors.push_back(child + ": unknown key");
        } else {
          check(extra, value, child, errors);
        }
      }
    }
  }
}

std::vector<std::string> problems(const Json& schema, const Json& document) {
  std::vector<std::string> errors;
  check(schema, document, "", errors);
  return errors;
}

// Key paths in the notation of `gvsim keys`: a.b, list[].key, map.<name>.key.
void schema_paths(const Json& schema, const std::string& prefix, std::set<std::string>& out) {
  if (!schema.contains("properties")) return;
  for (const auto& [key, child] : schema["properties"].items()) {
    const std::string path = prefix.empty() ? key : prefix + "." + key;
    out.insert(path);
    schema_paths(child, path, out);
    if (child.contains("items")) schema_paths(child["items"], path + "[]", out);
    if (child.contains("additionalProperties") && child["additionalProperties"].is_object())
      schema_paths(child["additionalProperties"], path + ".<name>", out);
  }
}

Json schema_of(const std::string& kind) {
  const auto r = run_gvsim({"schema", kind});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return Json::parse(r.out);  // throws, failing the test, unless valid JSON
}

}  // namespace

TEST_CASE("gvsim schema is valid JSON Schema 2020-12 listing every key gvsim keys lists", "[schema]") {
  const Json schema = schema_of("experiment");
  CHECK(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema");
  CHECK(schema["additionalProperties"] == false);
  CHECK(schema["required"] == Json::array({"name", "horizon_days", "platform", "workload"}));
  const Json& placement = schema["properties"]["policies"]["properties"]["placement"]["properties"]["name"];
  const auto names = gvsim::policies::PlacementRegistry::instance().names();
  CHECK(names.size() >= 5);
  CHECK(placement["enum"] == Json(names));
  CHECK(placement["default"] == "nearest");
  const Json& horizon = schema["properties"]["horizon_days"];
  CHECK(horizon["minimum"] == 0.001);
  CHECK(horizon["maximum"] == 3650);
  CHECK(horizon["description"] == "simulated time [d]");
  CHECK(schema["properties"]["seed"]["type"] == "integer");

  const auto keys = run_gvsim({"keys"});
  REQUIRE(keys.exit_code == 0);
  std::set<std::string> listed;
  std::istringstream lines(keys.out);
  std::string line;
  bool experiment_section = false;
  while (std::getline(lines, line)) {
    if (line.rfind("## ", 0) == 0) experiment_section = line.find("Experiment file") != std::string::npos;
    if (experiment_section && line.rfind("| `", 0) == 0) listed.insert(line.substr(3, line.find('`', 3) - 3));
  }
  REQUIRE(listed.size() > 50);
  std::set<std::string> in_schema;
  schema_paths(schema, "", in_schema);
  CHECK(in_schema == listed);
}

TEST_CASE("every shipped experiment and region file satisfies its schema and broken ones do not", "[schema]") {
  const Json experiment = schema_of("experiment");
  std::size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(source_dir() + "/experiments")) {
    if (e.path().extension() != ".yaml") continue;
    INFO(e.path().string());
    CHECK(problems(experiment, load_yaml(e.path().string())).empty());
    ++files;
  }
  CHECK(files >= 2);
  const Json region = schema_of("region");
  for (const auto& e : std::filesystem::directory_iterator(source_dir() + "/regions")) {
    const std::string name = e.path().stem().string();
    if (e.path().extension() != ".yaml" || name == "gpus" || name == "wan" || name == "video_models") continue;
    INFO(e.path().string());
    CHECK(problems(region, load_yaml(e.path().string())).empty());
  }
  CHECK(problems(schema_of("gpus"), load_yaml(source_dir() + "/regions/gpus.yaml")).empty());
  CHECK(problems(schema_of("wan"), load_yaml(source_dir() + "/regions/wan.yaml")).empty());
  CHECK(problems(schema_of("video_models"), load_yaml(source_dir() + "/regions/video_models.yaml")).empty());

  Json doc = load_yaml(source_dir() + "/experiments/quickstart.yaml");
  REQUIRE(problems(experiment, doc).empty());
  auto broken = [&](const std::function<void(Json&)>& edit, const std::string& expected) {
    Json copy = doc;
    edit(copy);
    const auto found = problems(experiment, copy);
    REQUIRE(found.size() == 1);
    CHECK(found.front() == expected);
  };
  broken([](Json& d) { d["horizon_dayz"] = 3; }, "horizon_dayz: unknown key");
  broken([](Json& d) { d["horizon_days"] = -1; }, "horizon_days: below minimum");
  broken([](Json& d) { d["seed"] = 1.5; }, "seed: not of type \"integer\"");
  broken([](Json& d) { d.erase("platform"); }, "(root): required key missing: platform");
  broken(
      [](Json& d) {
        d["policies"]["placement"] = {{"name", "random"}};
      },
      "policies.placement.name: not one of " + Json(gvsim::policies::PlacementRegistry::instance().names()).dump());
  broken([](Json& d) { d["policies"]["placement"] = "nearest"; }, "policies.placement: not of type \"object\"");
  broken([](Json& d) { d["platform"]["regions"].push_back("china"); }, "platform.regions: repeated item \"china\"");
  broken(
      [](Json& d) {
        d["workload"]["clip_classes"]["Bad-Name"] = {{"gpu_seconds", 1}};
      },
      "workload.clip_classes: bad name Bad-Name");
  broken([](Json& d) { d["workload"]["synthetic"][0]["arrivals"]["rate_per_hour"] = 0; },
         "workload.synthetic[0].arrivals.rate_per_hour: not above min");
}

TEST_CASE("gvsim schema refuses an unknown kind of file", "[schema]") {
  CHECK(run_gvsim({"schema", "bogus"}).exit_code == 2);
}
