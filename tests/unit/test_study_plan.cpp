// Expansion of a study (sweep block and replications) into variants and runs, and the errors of bad sweeps.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include "sim/study/study_plan.hpp"
#include "tests/support/test_support.hpp"

using gvsim::test::run_gvsim;
using gvsim::test::TempDir;
using gvsim::test::write_tiny_experiment;

namespace {

std::vector<std::string> variant_names(const gvsim::study::StudyPlan& plan) {
  std::vector<std::string> names;
  for (const auto& v : plan.variants)
    names.push_back(v.name);
  return names;
}

}  // namespace

TEST_CASE("replications alone give one variant named base", "[study]") {
  TempDir tmp;
  const auto file = write_tiny_experiment(tmp, "replications: 3\n");
  auto plan = gvsim::study::expand_study(file, {});
  REQUIRE(plan.runs.size() == 3);
  CHECK(variant_names(plan) == std::vector<std::string>{"base"});
  CHECK(plan.variants[0].baseline);
  CHECK(plan.runs[0].id == "base-r000");
  CHECK(plan.runs[2].id == "base-r002");
  CHECK(plan.runs[2].replication == 2);
  gvsim::study::validate_study(plan);
  CHECK(plan.runs[0].seed == 7);
  CHECK(plan.runs[0].config_hash.size() == 16);
  CHECK(plan.runs[0].config_hash != plan.runs[1].config_hash);
}

TEST_CASE("a grid crossed with named variants gives every combination, replications inside", "[study]") {
  TempDir tmp;
  const auto file = write_tiny_experiment(tmp,
                                          "replications: 3\n"
                                          "sweep:\n"
                                          "  grid:\n"
                                          "    - {key: policies.placement.name, values: [nearest, least_loaded]}\n"
                                          "    - key: workload.synthetic[1].arrivals.rate_per_hour\n"
                                          "      values: [30, 60]\n"
                                          "  variants:\n"
                                          "    - {name: small, set: {scale: 400}}\n"
                                          "    - {name: big, baseline: true, set: {scale: 100}}\n");
  auto plan = gvsim::study::expand_study(file, {});
  REQUIRE(plan.variants.size() == 8);
  REQUIRE(plan.runs.size() == 24);
  CHECK(plan.variants[0].name == "small,placement=nearest,rate_per_hour=30");
  CHECK(plan.variants[1].name == "small,placement=nearest,rate_per_hour=60");
  CHECK(plan.variants[3].name == "small,placement=least_loaded,rate_per_hour=60");
  CHECK(plan.variants[4].name == "big,placement=nearest,rate_per_hour=30");
  for (std::size_t v = 0; v < 8; ++v)
    CHECK(plan.variants[v].baseline == (v >= 4));
  CHECK(plan.runs[0].id == "small,placement=nearest,rate_per_hour=30-r000");
  CHECK(plan.runs[4].id == "small,placement=nearest,rate_per_hour=60-r001");
  const std::vector<std::pair<std::string, std::string>> factors = {
      {"scale", "100"},
      {"policies.placement.name", "least_loaded"},
      {"workload.synthetic[1].arrivals.rate_per_hour", "30"}};
  CHECK(plan.variants[6].factors == factors);

  gvsim::study::validate_study(plan);
  std::set<std::string> hashes;
  for (const auto& run : plan.runs)
    hashes.insert(run.config_hash);
  CHECK(hashes.size() == 24);  // every run differs in configuration, seed or replication

  const auto shown = run_gvsim({"validate", file});
  CHECK(shown.exit_code == 0);
  CHECK(
      shown.out.find("study: 24 runs = 8 variants x 3 replications; baseline big,placement=nearest,rate_per_hour=30") !=
      std::string::npos);
}

TEST_CASE("the first variant is the baseline when none is marked, and names are made unique", "[study]") {
  TempDir tmp;
  const auto file = write_tiny_experiment(tmp,
                                          "sweep:\n"
                                          "  grid:\n"
                                          "    - {key: description, values: [\"a b\", a_b, \"x/y\"]}\n");
  const auto plan = gvsim::study::expand_study(file, {});
  CHECK(variant_names(plan) == std::vector<std::string>{"description=_a_b_", "description=a_b", "description=_x_y_"});
  CHECK(plan.variants[0].baseline);
  CHECK_FALSE(plan.variants[1].baseline);

  const auto clash = write_tiny_experiment(tmp,
                                           "sweep:\n"
                                           "  grid:\n"
                                           "    - {key: description, values: [a_b, a/b, a b]}\n");
  CHECK(variant_names(gvsim::study::expand_study(clash, {})) ==
        std::vector<std::string>{"description=a_b", "description=a_b_2", "description=a_b_3"});
}

TEST_CASE("a Latin hypercube puts one point in every stratum of every key, from the master seed", "[study]") {
  TempDir tmp;
  const std::string sweep =
      "sweep:\n"
      "  latin_hypercube:\n"
      "    samples: 5\n"
      "    ranges:\n"
      "      - {key: scale, min: 100, max: 600}\n"
      "      - key: workload.synthetic[0].arrivals.rate_per_hour  # block style: [ ] in a key\n"
      "        min: 10\n"
      "        max: 20\n";
  const auto file = write_tiny_experiment(tmp, sweep);
  auto plan = gvsim::study::expand_study(file, {});
  REQUIRE(plan.variants.size() == 5);
  CHECK(plan.variants[0].name == "lhs001");
  CHECK(plan.variants[4].name == "lhs005");
  std::set<int> scale_strata;
  std::set<int> rate_strata;
  for (const auto& v : plan.variants) {
    REQUIRE(v.factors.size() == 2);
    const double scale = std::stod(v.factors[0].second);
    const double rate = std::stod(v.factors[1].second);
    CHECK(scale >= 100.0);
    CHECK(scale <= 600.0);
    scale_strata.insert(static_cast<int>((scale - 100.0) / 100.0));
    rate_strata.insert(static_cast<int>((rate - 10.0) / 2.0));
  }
  CHECK(scale_strata == std::set<int>{0, 1, 2, 3, 4});
  CHECK(rate_strata == std::set<int>{0, 1, 2, 3, 4});
  gvsim::study::validate_study(plan);

  const auto again = gvsim::study::expand_study(file, {});
  CHECK(again.variants[2].factors == plan.variants[2].factors);
  const auto other_seed = gvsim::study::expand_study(file, {"seed=8"});
  CHECK(other_seed.variants[2].factors != plan.variants[2].factors);
}

TEST_CASE("bad sweep entries are located errors: exit 2 and nothing written", "[study]") {
  struct Case {
    const char* sweep;
    const char* expected;
  };
  const std::vector<Case> cases = {
      {"sweep:\n  grid:\n    - key: policies.placment\n      values: [nearest]\n",
       "study.yaml:22:12: policies.placment: unknown key; did you mean 'placement'?"},
      {"sweep:\n  grid:\n    - key: horizon_days\n      values: [0.1, -4]\n",
       "study.yaml:23:21: horizon_days: expected a number in [0.001, 3650], got -4"},
      {"sweep:\n  variants:\n    - {name: a, baseline: true}\n    - {name: b, baseline: true}\n",
       "study.yaml:23:7: sweep.variants[1].baseline: only one variant can be the baseline; 'a' is"},
      {"sweep:\n  grid:\n    - {key: policies.placement.name, values: [nearest, least_loaded]}\n"
       "  latin_hypercube:\n    samples: 3\n    ranges:\n      - {key: scale, min: 100, max: 300}\n",
       "study.yaml:24:5: sweep.latin_hypercube: a Latin hypercube cannot be combined with a grid"},
      {"sweep:\n  grid:\n    - {key: replications, values: [2]}\n",
       "study.yaml:22:13: sweep.grid[0].key: 'replications' cannot be swept"},
      {"sweep:\n  variants:\n    - name: far\n      set:\n        workload.synthetic[5].arrivals.rate_per_hour: 3\n",
       "study.yaml:24:9: workload.synthetic[5]: no such list item to override"},
      {"replications: 0\n", "study.yaml:20:15: replications: expected an integer in [1, 100000], got 0"},
  };
  for (const auto& c : cases) {
    TempDir tmp;
    const auto file = write_tiny_experiment(tmp, c.sweep);
    const auto result = run_gvsim({"run", file, "--out", tmp.path() + "/out"});
    INFO(c.sweep);
    INFO(result.err);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find(tmp.path() + "/" + c.expected) != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(tmp.path() + "/out"));
    CHECK(run_gvsim({"validate", file}).exit_code == 2);
  }
}

TEST_CASE("every faulty run of a sweep is reported once, all before anything runs", "[study]") {
  TempDir tmp;
  const auto file = write_tiny_experiment(tmp,
                                          "replications: 4\n"
                                          "sweep:\n"
                                          "  grid:\n"
                                          "    - {key: warmup_days, values: [0.1, 0.5, 0.6]}\n"
                                          "    - {key: policies.placement.name, values: [nearest, closest]}\n");
  const auto result = run_gvsim({"run", file, "--out", tmp.path() + "/out"});
  CHECK(result.exit_code == 2);
  INFO(result.err);
  CHECK(result.err.find("3 problem(s) found") != std::string::npos);  // 2 warm-ups too long, closest (once)
  CHECK(result.err.find("study.yaml:24:56: policies.placement.name: expected one of") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(tmp.path() + "/out"));
}
