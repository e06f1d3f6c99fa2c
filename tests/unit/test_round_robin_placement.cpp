// The round-robin placement: turns by cluster index, loaded clusters passed over, its key read and range-checked.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "policies/placement_policy.hpp"
#include "tests/support/policy_reading.hpp"
#include "tests/support/test_support.hpp"

using gvsim::policies::ClusterView;
using gvsim::policies::PlacementRegistry;
using gvsim::policies::PlacementSelection;
using gvsim::test::read_policy;

namespace {

ClusterView cluster(std::size_t index, std::size_t queued = 0) {
  ClusterView v;
  v.cluster = index;
  v.gpus = 10;
  v.queued = queued;
  return v;
}

/// Clusters chosen for `jobs` successive jobs offered the same allowed set.
std::vector<std::size_t> turns(const gvsim::policies::PlacementPolicy& policy, const std::vector<ClusterView>& allowed,
                               int jobs) {
  std::vector<std::size_t> chosen;
  for (int i = 0; i < jobs; ++i)
    chosen.push_back(allowed[policy.choose(allowed)].cluster);
  return chosen;
}

}  // namespace

TEST_CASE("round_robin gives the allowed clusters turns by cluster index, wrapping around", "[policies]") {
  const auto policy = PlacementSelection("round_robin").make();
  // Positions differ from cluster indices: the turn follows the indices.
  const std::vector<ClusterView> allowed = {cluster(7), cluster(2), cluster(4)};
  CHECK(turns(*policy, allowed, 5) == std::vector<std::size_t>{2, 4, 7, 2, 4});
  // The allowed set may change from job to job (residency): the next index after the last one served.
  const std::vector<ClusterView> without_seven = {cluster(2), cluster(4)};
  CHECK(allowed[policy->choose(allowed)].cluster == 7);
  CHECK(without_seven[policy->choose(without_seven)].cluster == 2);
  const std::vector<ClusterView> only_seven = {cluster(7)};
  CHECK(policy->choose(only_seven) == 0);
}

TEST_CASE("round_robin passes over clusters at max_load while another is under it", "[policies]") {
  const auto policy = read_policy<PlacementSelection>("{name: round_robin, round_robin: {max_load: 2}}").make();
  // Cluster 1 has 20 jobs on 10 GPUs: load 2, at the limit.
  const std::vector<ClusterView> one_busy = {cluster(0), cluster(1, 20), cluster(2, 19)};
  CHECK(turns(*policy, one_busy, 4) == std::vector<std::size_t>{0, 2, 0, 2});
  // Everyone at or above the limit: plain turns again.
  const std::vector<ClusterView> all_busy = {cluster(0, 30), cluster(1, 20), cluster(2, 25)};
  CHECK(turns(*policy, all_busy, 3) == std::vector<std::size_t>{0, 1, 2});
  // Default limit 4 jobs per GPU: 39 jobs (3.9) keep their turn.
  const auto by_default = PlacementSelection("round_robin").make();
  CHECK(turns(*by_default, {cluster(0, 39), cluster(1, 40)}, 3) == std::vector<std::size_t>{0, 0, 0});
}

TEST_CASE("round_robin is registered, documented and refuses a max_load that is not positive", "[policies]") {
  const auto names = PlacementRegistry::instance().names();
  CHECK(std::find(names.begin(), names.end(), "round_robin") != names.end());
  CHECK_THAT(PlacementRegistry::instance().summary(), Catch::Matchers::Contains("round_robin: the allowed clusters"));
  CHECK_THROWS_WITH(
      read_policy<PlacementSelection>("{name: round_robin, round_robin: {max_load: 0}}", {}, "policies.placement"),
      "policy.yaml:1:45: policies.placement.round_robin.max_load: expected a number > 0, got 0\n");
  // Selected in a shipped experiment by one override, it validates.
  const auto result = gvsim::test::run_gvsim({"validate", gvsim::test::source_dir() + "/experiments/quickstart.yaml",
                                              "--set", "policies.placement.name=round_robin"});
  CHECK(result.exit_code == 0);
}
