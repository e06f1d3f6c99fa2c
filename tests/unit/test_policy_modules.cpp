// The policy modules on their own: plain C++ decisions from read-only views, no simulation.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <vector>

#include "policies/registry.hpp"

using namespace gvsim::policies;

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
  for (const auto& name : placement_names())
    CHECK(make_placement(PlacementSpec{name, {}}) != nullptr);
  for (const auto& name : scheduling_names())
    CHECK(make_scheduling(SchedulingSpec{name, {}, {}}) != nullptr);
  for (const auto& name : capacity_names())
    CHECK(make_capacity(CapacitySpec{name, 1.0, {}}) != nullptr);
  CHECK_THROWS_WITH(make_scheduling(SchedulingSpec{"lifo", {}, {}}),
                    "unknown scheduling policy 'lifo'. Valid values are: fifo, paid_priority, weighted_share, "
                    "relaxed_free");
}

TEST_CASE("placement policies choose by latency, load, cost, locality and spill-over threshold", "[policies]") {
  // cluster 0: local, near, busy, dear; cluster 1: far, idle, cheap; cluster 2: middle.
  const std::vector<ClusterView> allowed = {view(0, 0.0, 30, 3.0, true), view(1, 0.08, 0, 1.0), view(2, 0.03, 5, 2.0)};
  CHECK(make_placement(PlacementSpec{"nearest", {}})->choose(allowed) == 0);
  CHECK(make_placement(PlacementSpec{"least_loaded", {}})->choose(allowed) == 1);
  CHECK(make_placement(PlacementSpec{"local_only", {}})->choose(allowed) == 0);
  CHECK(make_placement(PlacementSpec{"cheapest", {}})->choose(allowed) == 1);
  // Nearest (load 3.0 per GPU) is over the threshold 1.5: the nearest cluster under it is cluster 2 (0.5).
  CHECK(make_placement(PlacementSpec{"spill_over", {"nearest", 1.5}})->choose(allowed) == 2);
  CHECK(make_placement(PlacementSpec{"spill_over", {"nearest", 4.0}})->choose(allowed) == 0);
  CHECK(make_placement(PlacementSpec{"spill_over", {"cheapest", 1.5}})->choose(allowed) == 1);
  // Everything over the threshold: the least loaded.
  CHECK(make_placement(PlacementSpec{"spill_over", {"nearest", 0.1}})->choose(allowed) == 1);
  const std::vector<ClusterView> remote = {view(1, 0.08, 0, 1.0)};
  CHECK_THROWS_AS(make_placement(PlacementSpec{"local_only", {}})->choose(remote), std::logic_error);
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
  auto fifo = make_scheduling(SchedulingSpec{"fifo", {}, {}});
  fill(*fifo);
  CHECK(order(*fifo, idle) == std::vector<std::uint64_t>{0, 1, 2, 3, 4, 5, 6, 7});
  auto priority = make_scheduling(SchedulingSpec{"paid_priority", {}, {}});
  fill(*priority);
  CHECK(order(*priority, idle) == std::vector<std::uint64_t>{1, 3, 5, 7, 0, 2, 4, 6});
  // Weight 3: while both wait, three paid jobs per free job (smooth round robin: P P F P ...).
  auto weighted = make_scheduling(SchedulingSpec{"weighted_share", {3.0}, {}});
  for (std::uint64_t i = 0; i < 8; ++i)
    weighted->push(ticket(i, i < 6));  // 6 paid (0-5), 2 free (6, 7)
  CHECK(order(*weighted, idle) == std::vector<std::uint64_t>{0, 1, 6, 2, 3, 4, 7, 5});
  // Relaxed free queue at 30 % of 10 GPUs: free jobs start only while fewer than 3 run.
  auto relaxed = make_scheduling(SchedulingSpec{"relaxed_free", {}, {0.3}});
  fill(*relaxed);
  CHECK(order(*relaxed, QueueState{10, 3, 0}) == std::vector<std::uint64_t>{1, 3, 5, 7});
  CHECK(relaxed->size() == 4);
  CHECK(relaxed->pop(QueueState{10, 2, 0})->id == 0);
}

TEST_CASE("autoscaling orders above, releases below, and stays within its limits", "[policies]") {
  AutoscaleParams params;
  params.scale_up_above = 0.8;
  params.scale_down_below = 0.3;
  params.step_share = 0.25;
  params.lead_time_days = 2.0;
  params.min_share = 0.5;
  params.max_share = 1.5;
  auto policy = make_capacity(CapacitySpec{"autoscale", 1.0, params});
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
  params.metric = "queue_wait";
  params.scale_up_above = 300.0;
  params.scale_down_below = 10.0;
  auto by_wait = make_capacity(CapacitySpec{"autoscale", 1.0, params});
  CapacityView w;
  w.base_gpus = 20;
  w.provisioned_gpus = 20;
  w.utilisation = 0.99;
  w.mean_wait_s = 100.0;
  CHECK(by_wait->decide(w).order_gpus == 0);
  w.mean_wait_s = 400.0;
  CHECK(by_wait->decide(w).order_gpus == 5);
  CHECK(make_capacity(CapacitySpec{"fixed", 1.0, {}})->decide(w).order_gpus == 0);
}
