// Regression fingerprints: (experiment, seed) -> hash of the CSV outputs. A change of the fingerprint means the
// simulated numbers changed; if that is intended, record the new value printed by
// `gvsim run experiments/quickstart.yaml` in tests/regression/quickstart.fingerprint (and likewise for
// `gvsim run experiments/global_baseline.yaml --set horizon_days=120` in global_baseline_120d.fingerprint).
#include <catch2/catch.hpp>

#include <filesystem>

#include "tests/support/test_support.hpp"

using gvsim::test::read_text;
using gvsim::test::run_gvsim;
using gvsim::test::source_dir;
using gvsim::test::TempDir;

namespace {
std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
    s.pop_back();
  return s;
}
std::string fingerprint_of(const std::string& dir) {
  const std::string manifest = read_text(dir + "/manifest.json");
  const auto at = manifest.find("\"fingerprint\": \"");
  REQUIRE(at != std::string::npos);
  return manifest.substr(at + 16, 16);
}
}  // namespace

TEST_CASE("quickstart fingerprint matches the recorded one", "[regression]") {
  TempDir tmp;
  const auto result = run_gvsim({"run", source_dir() + "/experiments/quickstart.yaml", "--out", tmp.path() + "/q"});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  const std::string expected = trimmed(read_text(source_dir() + "/tests/regression/quickstart.fingerprint"));
  REQUIRE(expected.size() == 16);
  CHECK(fingerprint_of(tmp.path() + "/q") == expected);
  CHECK(result.out.find(expected) != std::string::npos);
}

TEST_CASE("global baseline, first 120 days, fingerprint matches the recorded one", "[regression]") {
  // Users mode: adoption, credits, conversion, churn, delivery and the books all feed region_daily.csv and kpis.csv.
  TempDir tmp;
  const auto result = run_gvsim({"run", source_dir() + "/experiments/global_baseline.yaml", "--set", "horizon_days=120",
                                 "--out", tmp.path() + "/g", "--quiet"});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  const std::string expected = trimmed(read_text(source_dir() + "/tests/regression/global_baseline_120d.fingerprint"));
  REQUIRE(expected.size() == 16);
  CHECK(fingerprint_of(tmp.path() + "/g") == expected);
  for (const char* file : {"/region_daily.csv", "/kpis.csv"})
    CHECK(read_text(tmp.path() + "/g" + file).size() > 1000);
}

TEST_CASE("same seed gives byte-identical CSVs, another seed differs", "[regression]") {
  TempDir tmp;
  const std::string experiment = source_dir() + "/experiments/quickstart.yaml";
  REQUIRE(run_gvsim({"run", experiment, "--out", tmp.path() + "/a", "--seed", "7", "--quiet"}).exit_code == 0);
  REQUIRE(run_gvsim({"run", experiment, "--out", tmp.path() + "/b", "--seed", "7", "--quiet"}).exit_code == 0);
  REQUIRE(run_gvsim({"run", experiment, "--out", tmp.path() + "/c", "--seed", "8", "--quiet"}).exit_code == 0);
  for (const char* file : {"/timeseries.csv", "/summary.csv"}) {
    const std::string a = read_text(tmp.path() + "/a" + file);
    REQUIRE(a.size() > 100);
    CHECK(a == read_text(tmp.path() + "/b" + file));
    CHECK(a != read_text(tmp.path() + "/c" + file));
  }
  CHECK(read_text(tmp.path() + "/a/manifest.json").find("\"seed\": 7") != std::string::npos);
}
