// A key written where it cannot act is not silently accepted: parameters of a policy implementation that is not
// the chosen one draw a located warning (they stay valid, so that changing `name` alone switches), and so does a
// fleet change dated on or after the horizon.
#include <catch2/catch.hpp>

#include <string>

#include "tests/support/test_support.hpp"

using gvsim::test::run_gvsim;
using gvsim::test::source_dir;

TEST_CASE("parameters of an implementation that is not chosen draw a located warning", "[cli][config]") {
  const std::string quickstart = source_dir() + "/experiments/quickstart.yaml";
  const auto off = run_gvsim({"validate", quickstart, "--set", "policies.moderation.binormal.prompt.threshold=1"});
  INFO(off.err);
  CHECK(off.exit_code == 0);
  CHECK_THAT(off.err, Catch::Matchers::Contains("gvsim: warning: --set policies.moderation.binormal.prompt.threshold"
                                                ":1:1: policies.moderation.binormal: set, but name is 'none'"));
  // Chosen, the file's moderation keys act: no warning; switched off, the same keys are reported where written.
  const std::string moderation = source_dir() + "/experiments/policy_moderation.yaml";
  const auto on = run_gvsim({"validate", moderation});
  CHECK(on.exit_code == 0);
  CHECK(on.err.find("set, but") == std::string::npos);
  const auto switched_off = run_gvsim({"validate", moderation, "--set", "policies.moderation.name=none"});
  CHECK(switched_off.exit_code == 0);
  CHECK_THAT(switched_off.err, Catch::Matchers::Contains("policy_moderation.yaml:") &&
                                   Catch::Matchers::Contains("policies.moderation.binormal: set, but name is 'none'"));
  // Keys left at their defaults are not reported.
  const auto plain = run_gvsim({"validate", quickstart});
  CHECK(plain.exit_code == 0);
  CHECK(plain.err.find("warning") == std::string::npos);
}

TEST_CASE("a fleet change on or after the horizon draws a located warning, not an error", "[cli][config]") {
  // The global baseline adds GPUs on day 390; run on 120 days it stays valid and says the change cannot act.
  const auto result =
      run_gvsim({"validate", source_dir() + "/experiments/global_baseline.yaml", "--set", "horizon_days=120"});
  INFO(result.err);
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.err, Catch::Matchers::Contains("global_baseline.yaml:") &&
                             Catch::Matchers::Contains("policies.expansions[0].day: day 390 is not before "
                                                       "horizon_days (120), so it has no effect in this run"));
}
