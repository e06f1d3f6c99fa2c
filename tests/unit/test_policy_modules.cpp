// The policy modules on their own: plain C++ decisions from read-only views, no simulation.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <vector>

#include "policies/capacity_policy.hpp"
#include "policies/placement_policy.hpp"
#include "policies/scheduling_policy.hpp"
#include "tests/support/policy_reading.hpp"

using namespace gvsim::policies;
using gvsim::test::read_policy;

namespace {

JobTicket ticket(std::uint64_t id, bool paid) {
  JobTicket t;
  t.id = id;
  t.paid = paid;
  return t;
}

ClusterView view(std::size_t cluster, double latency, std::size_t queued, double cost, bool local = false) {
  ClusterView v;
  v.cluster = cluster;
  v.route_latency_s = latency;
  v.gpus = 10;
  v.queued = queued;
  v.cost_usd_per_gpu_s = cost;
  v.local = local;
  return v;
}

}  // namespace

TEST_CASE("the registry builds every listed policy and names the valid ones for an unknown name", "[policies]") {
  for (const auto& name : PlacementRegistry::instance().names())
    CHECK(PlacementSelection(name).make() != nullptr);
  for (const auto& name : SchedulingRegistry::instance().names())
    CHECK(SchedulingSelection(name).make() != nullptr);
  for (const auto& name : CapacityRegistry::instance().names())
    CHECK(CapacitySelection(name).make() != nullptr);
  CHECK_THROWS_WITH(SchedulingSelection("lifo").make(),
                    "unknown scheduling policy 'lifo' (did you mean 'fifo'?). Valid values are: fifo, paid_priority, "
                    "weighted_share, relaxed_free");
  CHECK_THROWS_WITH(CapacitySelection("elastic").make(),
                    "unknown capacity policy 'elastic'. Valid values are: fixed, autoscale");
}

TEST_CASE("a selection defaults to the first registered implementation and keeps every parameter block", "[policies]") {
  const PlacementSelection placement;
  CHECK(placement.name == PlacementRegistry::instance().names().front());
  CHECK(placement.params_of("spill_over") != nullptr);
  CHECK(placement.params_of("nearest") == nullptr);
  // A copy owns its blocks: changing the original's parameters leaves the copy as it was.
  auto spill = read_policy<PlacementSelection>("{name: spill_over, spill_over: {load_threshold: 4.0}}");
  const PlacementSelection copy = spill;
  spill = read_policy<PlacementSelection>("{name: spill_over, spill_over: {load_threshold: 0.1}}");
  const std::vector<ClusterView> allowed = {view(0, 0.0, 30, 3.0), view(1, 0.08, 0, 1.0)};
  CHECK(copy.make()->choose(allowed) == 0);
  CHECK(spill.make()->choose(allowed) == 1);
}

TEST_CASE("placement policies choose by latency, load, cost, locality and spill-over threshold", "[policies]") {
  // cluster 0: local, near, busy, dear; cluster 1: far, idle, cheap; cluster 2: middle.
  const std::vector<ClusterView> allowed = {view(0, 0.0, 30, 3.0, true), view(1, 0.08, 0, 1.0), view(2, 0.03, 5, 2.0)};
  auto spill_over = [&](const std::string& primary, double threshold) {
    return read_policy<PlacementSelection>("{name: spill_over, spill_over: {primary: " + primary +
                                           ", load_threshold: " + std::to_string(threshold) + "}}")
        .make()
        ->choose(allowed);
  };
  CHECK(PlacementSelection("nearest").make()->choose(allowed) == 0);
  CHECK(PlacementSelection("least_loaded").make()->choose(allowed) == 1);
  CHECK(PlacementSelection("local_only").make()->choose(allowed) == 0);
  CHECK(PlacementSelection("cheapest").make()->choose(allowed) == 1);
  // Nearest (load 3.0 per GPU) is over the threshold 1.5: the nearest cluster under it is cluster 2 (0.5).
  CHECK(spill_over("nearest", 1.5) == 2);
  CHECK(spill_over("nearest", 4.0) == 0);
  CHECK(spill_over("cheapest", 1.5) == 1);
  // Everything over the threshold: the least loaded.
  CHECK(spill_over("nearest", 0.1) == 1);
  const std::vector<ClusterView> remote = {view(1, 0.08, 0, 1.0)};
  CHECK_THROWS_AS(PlacementSelection("local_only").make()->choose(remote), std::logic_error);
  CHECK(PlacementSelection("local_only").make()->needs_local_cluster());
  CHECK_FALSE(PlacementSelection("nearest").make()->needs_local_cluster());
}

TEST_CASE("scheduling policies order paid and free jobs as declared", "[policies]") {
  const QueueState idle{10, 0, 0};
  auto fill = [](SchedulingPolicy& q) {
    for (std::uint64_t i = 0; i < 8; ++i)
      q.push(ticket(i, i % 2 == 1));  // free, paid, free, paid, ...
  };
  auto order = [&](SchedulingPolicy& q, const QueueState& state) {
    std::vector<std::uint64_t> ids;
    while (auto job = q.pop(state))
      ids.push_back(job->id);
    return ids;
  };
  auto fifo = SchedulingSelection("fifo").make();
  fill(*fifo);
  CHECK(order(*fifo, idle) == std::vector<std::uint64_t>{0, 1, 2, 3, 4, 5, 6, 7});
  auto priority = SchedulingSelection("paid_priority").make();
  fill(*priority);
  CHECK(order(*priority, idle) == std::vector<std::uint64_t>{1, 3, 5, 7, 0, 2, 4, 6});
  // Weight 3: while both wait, three paid jobs per free job (smooth round robin: P P F P ...).
  auto weighted = read_policy<SchedulingSelection>("{name: weighted_share, weighted_share: {paid_weight: 3}}").make();
  for (std::uint64_t i = 0; i < 8; ++i)
    weighted->push(ticket(i, i < 6));  // 6 paid (0-5), 2 free (6, 7)
  CHECK(order(*weighted, idle) == std::vector<std::uint64_t>{0, 1, 6, 2, 3, 4, 7, 5});
  // Relaxed free queue at 30 % of 10 GPUs: free jobs start only while fewer than 3 run.
  auto relaxed = read_policy<SchedulingSelection>("{name: relaxed_free, relaxed_free: {free_gpu_share: 0.3}}").make();
  fill(*relaxed);
  CHECK(order(*relaxed, QueueState{10, 3, 0}) == std::vector<std::uint64_t>{1, 3, 5, 7});
  CHECK(relaxed->size() == 4);
  CHECK(relaxed->pop(QueueState{10, 2, 0})->id == 0);
}

TEST_CASE("autoscaling orders above, releases below, and stays within its limits", "[policies]") {
  const std::string limits = "step_share: 0.25, lead_time_days: 2, min_share: 0.5, max_share: 1.5";
  auto policy = read_policy<CapacitySelection>(
                    "{name: autoscale, autoscale: {scale_up_above: 0.8, "
                    "scale_down_below: 0.3, " +
                    limits + "}}")
                    .make();
  CHECK(policy->max_gpus(20) == 30);
  CapacityView v;
  v.base_gpus = 20;
  v.provisioned_gpus = 20;
  v.utilisation = 0.9;
  auto d = policy->decide(v);
  CHECK(d.order_gpus == 5);
  CHECK(d.lead_time_s == 2.0 * 86400.0);
  v.on_order_gpus = 5;  // one order at a time
  CHECK(policy->decide(v).order_gpus == 0);
  v.on_order_gpus = 0;
  v.provisioned_gpus = 28;  // the cap leaves room for 2
  CHECK(policy->decide(v).order_gpus == 2);
  v.utilisation = 0.1;
  CHECK(policy->decide(v).release_gpus == 5);
  v.provisioned_gpus = 12;  // the floor (10) leaves room for 2
  CHECK(policy->decide(v).release_gpus == 2);
  v.queued = 3;  // never release while jobs wait
  CHECK(policy->decide(v).release_gpus == 0);
  auto by_wait = read_policy<CapacitySelection>(
                     "{name: autoscale, autoscale: {metric: queue_wait, scale_up_above: "
                     "300, scale_down_below: 10, " +
                     limits + "}}")
                     .make();
  CapacityView w;
  w.base_gpus = 20;
  w.provisioned_gpus = 20;
  w.utilisation = 0.99;
  w.mean_wait_s = 100.0;
  CHECK(by_wait->decide(w).order_gpus == 0);
  w.mean_wait_s = 400.0;
  CHECK(by_wait->decide(w).order_gpus == 5);
  CHECK(CapacitySelection("fixed").make()->decide(w).order_gpus == 0);
}

TEST_CASE("autoscale refuses crossed thresholds when chosen, with the key path and position", "[policies]") {
  const std::string crossed = "autoscale: {scale_up_above: 0.5, scale_down_below: 0.6}}";
  CHECK_THROWS_WITH(read_policy<CapacitySelection>("{name: autoscale, " + crossed, NoContext{}, "policies.capacity"),
                    "policy.yaml:1:1: policies.capacity.autoscale.scale_down_below: expected a value below "
                    "scale_up_above (0.5), got 0.6\n");
  // Read and range-checked under another name, but the thresholds only matter to the chosen policy.
  CHECK(read_policy<CapacitySelection>("{name: fixed, " + crossed).name == "fixed");
  CHECK_THROWS_WITH(read_policy<CapacitySelection>("{name: fixed, autoscale: {step_share: -1}}"),
                    Catch::Matchers::Contains("policies.kind.autoscale.step_share: expected a number in (0, 10]"));
}
