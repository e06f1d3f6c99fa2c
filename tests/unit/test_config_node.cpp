#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "sim/config/config_node.hpp"
#include "sim/config/config_reader.hpp"

using gvsim::config::ConfigNode;
using gvsim::config::ConfigReader;
using gvsim::config::parse_yaml_text;
using gvsim::schema::Diagnostics;
using gvsim::schema::NumberRule;

TEST_CASE("YAML tree keeps 1-based line and column of keys and values", "[config]") {
  Diagnostics d;
  auto root = parse_yaml_text("a: 1\nb:\n  c: [x, y]\n", "t.yaml", d);
  REQUIRE(d.empty());
  REQUIRE(root->kind == ConfigNode::Kind::kMap);
  const ConfigNode* b = root->find("b");
  REQUIRE(b != nullptr);
  const ConfigNode* c = b->find("c");
  REQUIRE(c->kind == ConfigNode::Kind::kSequence);
  CHECK(c->items[1]->scalar == "y");
  CHECK(c->items[1]->mark.line == 3);
  CHECK(c->items[1]->mark.column == 10);
  CHECK(root->entries[1].key_mark.line == 2);
}

TEST_CASE("duplicate keys are rejected with the line of the first definition", "[config]") {
  Diagnostics d;
  parse_yaml_text("x: 1\ny: 2\nx: 3\n", "dup.yaml", d);
  REQUIRE(d.size() == 1);
  CHECK(gvsim::schema::format_diagnostic(d.items()[0]) == "dup.yaml:3:1: x: duplicate key (first defined at line 1)");
}

TEST_CASE("syntax errors, several documents and deep nesting are diagnostics, not crashes", "[config]") {
  Diagnostics syntax;
  CHECK(parse_yaml_text("a: [1, 2\n", "s.yaml", syntax) == nullptr);
  CHECK(syntax.format().find("s.yaml:") == 0);
  Diagnostics documents;
  CHECK(parse_yaml_text("a: 1\n---\nb: 2\n", "m.yaml", documents) == nullptr);
  CHECK(documents.format().find("expected one YAML document, got 2") != std::string::npos);
  Diagnostics deep;
  CHECK(parse_yaml_text(std::string(100000, '[') + std::string(100000, ']'), "d.yaml", deep) == nullptr);
  CHECK(deep.format().find("nesting deeper than the limit") != std::string::npos);
}

TEST_CASE("alias expansion is bounded (no billion laughs)", "[config]") {
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 9; ++i) {
    const std::string prev = "*a" + std::to_string(i - 1);
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev + ", " + prev + ", " + prev + ", " +
            prev + ", " + prev + ", " + prev + ", " + prev + ", " + prev + ", " + prev + ", " + prev + "]\n";
  }
  Diagnostics d;
  CHECK(parse_yaml_text(text, "laughs.yaml", d) == nullptr);
  CHECK(d.format().find("too large after alias expansion") != std::string::npos);
}

TEST_CASE("aliases to anchored keys, dropped duplicate entries and complex keys copy live nodes", "[config]") {
  // Found by fuzzing: these nodes are not kept in the tree, and an alias to them read freed memory (ASan builds
  // report it; others could read garbage).
  Diagnostics key;
  auto root = parse_yaml_text("&k a: 1\nb: *k\n", "key.yaml", key);
  REQUIRE(key.empty());
  REQUIRE(root != nullptr);
  REQUIRE(root->find("b") != nullptr);
  CHECK(root->find("b")->scalar == "a");

  Diagnostics duplicate;
  CHECK(parse_yaml_text("a: 1\na: &x [1, 2]\nb: *x\n", "dup.yaml", duplicate) == nullptr);
  REQUIRE(duplicate.size() == 1);
  CHECK(duplicate.format().find("dup.yaml:2:1: a: duplicate key") == 0);

  Diagnostics complex;
  CHECK(parse_yaml_text("? &k [1]\n: 2\nb: *k\n", "complex.yaml", complex) == nullptr);
  REQUIRE(complex.size() == 1);
  CHECK(complex.format().find("expected a plain text key, got a list") != std::string::npos);

  Diagnostics documents;
  CHECK(parse_yaml_text("--- &d [1]\n--- *d\n", "docs.yaml", documents) == nullptr);
  CHECK(documents.format().find("the referenced anchor is not defined") != std::string::npos);  // per document
}

TEST_CASE("a stray top-level comma is a syntax error, not an endless stream of documents", "[config]") {
  // Found by fuzzing: yaml-cpp 0.7 starts empty documents at the same place forever after such a comma, and the
  // tree builder kept every one until memory ran out.
  for (const char* text : {",", ",a", " ,a", "\"x\",", "{a: 1},", "[1, 2],\n"}) {
    INFO(text);
    Diagnostics d;
    CHECK(parse_yaml_text(text, "c.yaml", d) == nullptr);
    REQUIRE(d.size() == 1);
    CHECK(d.format().find("YAML syntax error: unexpected ',' outside a [...] or {...} list") != std::string::npos);
  }
  Diagnostics three;
  CHECK(parse_yaml_text("a: 1\n---\nb: 2\n---\nc: 3\n", "m.yaml", three) == nullptr);
  CHECK(three.format().find("expected one YAML document, got 3") != std::string::npos);
}

TEST_CASE("parsing stops at the node limit with one diagnostic", "[config]") {
  std::string text = "a: [";
  for (int i = 0; i < 1000; ++i)
    text += "x, ";
  text += "x]\n";
  Diagnostics d;
  gvsim::config::ParseLimits limits;
  limits.max_nodes = 100;
  CHECK(parse_yaml_text(text, "n.yaml", d, limits) == nullptr);
  REQUIRE(d.size() == 1);
  CHECK(d.format().find("document has more than 100 nodes") != std::string::npos);
}

TEST_CASE("configuration text must be UTF-8, and the first bad byte is located", "[config]") {
  // Found by fuzzing: a description with a byte 0xFF was accepted, the run simulated and wrote its CSV files, then
  // failed writing manifest.json (JSON is UTF-8), leaving a results folder without a manifest.
  Diagnostics good;
  CHECK(parse_yaml_text("name: \"S\xC3\xA3o Paulo \xE2\x82\xAC \xF0\x9F\x8E\xAC\"\n", "u.yaml", good) != nullptr);
  CHECK(good.empty());
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"a: 1\nb: caf\xE9\n", "u.yaml:2:7: expected UTF-8 text, got a byte 0xE9 that is not valid UTF-8"},
      {"a: \xFF\n", "u.yaml:1:4:"},
      {"a: \xC0\xAF\n", "u.yaml:1:4:"},          // overlong '/'
      {"a: \xED\xA0\x80\n", "u.yaml:1:4:"},      // UTF-16 surrogate
      {"a: \xF4\x90\x80\x80\n", "u.yaml:1:4:"},  // beyond U+10FFFF
      {"a: \xE2\x82", "u.yaml:1:4:"},            // cut short at the end of the file
      {"a: \x80\n", "u.yaml:1:4:"},              // stray continuation byte
  };
  for (const auto& [text, message] : bad) {
    INFO(message);
    Diagnostics d;
    CHECK(parse_yaml_text(text, "u.yaml", d) == nullptr);
    REQUIRE(d.size() == 1);
    CHECK(d.format().find(message) == 0);
  }
}

namespace {
struct Sample {
  double rate = 1.0;
  double share = 0.5;
};
void describe(gvsim::schema::Fields& f, Sample& s) {
  f.number("rate_per_hour", s.rate, NumberRule::positive("1/h"), "a rate");
  f.number("share", s.share, NumberRule::probability(), "a probability");
}
Diagnostics read_sample(const std::string& text, Sample& s) {
  Diagnostics d;
  auto root = parse_yaml_text(text, "s.yaml", d);
  REQUIRE(root != nullptr);
  ConfigReader reader(root.get(), "top", d);
  describe(reader, s);
  reader.finish();
  return d;
}
}  // namespace

TEST_CASE("numbers: NaN, infinity, quoted numbers, negatives and probabilities > 1 are all rejected", "[config]") {
  for (const char* bad : {"rate_per_hour: .nan", "rate_per_hour: .inf", "rate_per_hour: \"5\"", "rate_per_hour: -1",
                          "rate_per_hour: 0", "share: 1.5", "rate_per_hour: 1e999", "rate_per_hour: cheap"}) {
    Sample s;
    const Diagnostics d = read_sample(bad, s);
    INFO(bad);
    CHECK(d.size() == 1);
    CHECK(s.rate == 1.0);
    CHECK(s.share == 0.5);
  }
  Sample s;
  const Diagnostics d = read_sample("rate_per_hour: cheap\nshare: 2\nrate_per_hr: 3\n", s);
  REQUIRE(d.size() == 3);  // all problems are collected
  CHECK(d.format() ==
        "s.yaml:1:16: top.rate_per_hour: expected a number > 0, got \"cheap\"\n"
        "s.yaml:2:8: top.share: expected a number in [0, 1], got 2\n"
        "s.yaml:3:1: top.rate_per_hr: unknown key; did you mean 'rate_per_hour'?\n");
}
