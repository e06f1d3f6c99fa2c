#include "sim/engine/capacity_control.hpp"

#include <simgrid/engine.h>  // simgrid_get_clock(): s4u/Engine.hpp takes seconds to compile
#include <simgrid/s4u/Actor.hpp>

#include <algorithm>
#include <cmath>

#include "policies/registry.hpp"
#include "sim/engine/gpu_dispatch.hpp"
#include "sim/model/policy_schema.hpp"

namespace gvsim::engine {

CapacityControl::CapacityControl(const model::Scenario& scenario, observe::RunOutcome& outcome,
                                 std::vector<ClusterRuntime>& runtimes, GpuDispatch& dispatch)
    : scenario_(scenario), outcome_(outcome), runtimes_(runtimes), dispatch_(dispatch) {}

std::size_t CapacityControl::prepare(std::size_t c) {
  const auto& experiment = scenario_.experiment;
  const auto& info = outcome_.clusters[c];
  auto& runtime = runtimes_[c];
  const auto& spec = model::capacity_for(experiment, scenario_.regions[info.region].name);
  runtime.capacity = spec.make();
  runtime.base_gpus = info.gpus;
  runtime.in_service = info.gpus;
  runtime.reserved = std::llround(spec.reserved_share * static_cast<double>(info.gpus));
  std::int64_t fleet = info.gpus;
  std::int64_t peak = info.gpus;
  for (const auto& e : experiment.policies.expansions) {
    if (e.cluster.name != info.name) continue;
    const std::int64_t gpus = e.gpus >= 0 ? model::simulated_gpus(e.gpus, experiment.scale)
                                          : -model::simulated_gpus(-e.gpus, experiment.scale);
    runtime.orders.push_back(PendingOrder{e.day * 86400.0, gpus, true});
    fleet += gpus;
    peak = std::max(peak, fleet);
  }
  const std::int64_t headroom = runtime.capacity->max_gpus(peak) - peak;
  const auto hosts = static_cast<std::size_t>(std::max<std::int64_t>(peak + headroom, info.gpus));
  for (std::size_t slot = 0; slot < hosts; ++slot) {
    runtime.slots.push_back(slot < static_cast<std::size_t>(info.gpus) ? SlotState::kActive : SlotState::kParked);
  }
  outcome_.recorder.set_slot_count(c, hosts);
  outcome_.recorder.on_capacity(c, 0.0, runtime.in_service, runtime.reserved);
  return hosts;
}

void CapacityControl::start(std::size_t c) {
  const auto& runtime = runtimes_[c];
  if (std::isfinite(runtime.capacity->check_interval_s()) || !runtime.orders.empty()) {
    sg4::Actor::create("capacity", runtime.source_host, [this, c] { control_capacity(c); })->daemonize();
  }
}

void CapacityControl::activate(std::size_t c, std::int64_t n, double t) {
  auto& runtime = runtimes_[c];
  for (auto state : {SlotState::kRetiring, SlotState::kRetiredIdle, SlotState::kParked}) {
    for (std::size_t slot = 0; slot < runtime.slots.size() && n > 0; ++slot) {
      if (runtime.slots[slot] != state) continue;
      runtime.slots[slot] = SlotState::kActive;
      if (state != SlotState::kRetiring) ++runtime.in_service;
      if (state == SlotState::kParked) dispatch_.on_activated(c, slot);
      --n;
    }
  }
  outcome_.recorder.on_capacity(c, t, runtime.in_service, runtime.reserved);
  dispatch_.dispatch(c);
}

void CapacityControl::retire(std::size_t c, std::int64_t n, double t) {
  auto& runtime = runtimes_[c];
  const auto& running_since = outcome_.recorder.clusters()[c].running_since_s;
  for (std::size_t slot = runtime.slots.size(); slot-- > 0 && n > 0;) {
    if (runtime.slots[slot] != SlotState::kActive) continue;
    if (running_since[slot] < 0.0) {
      runtime.slots[slot] = SlotState::kRetiredIdle;
      --runtime.in_service;
    } else {
      runtime.slots[slot] = SlotState::kRetiring;
    }
    --n;
  }
  outcome_.recorder.on_capacity(c, t, runtime.in_service, runtime.reserved);
}

void CapacityControl::check_capacity(std::size_t c, double now) {
  auto& runtime = runtimes_[c];
  const auto& recorder = outcome_.recorder;
  const auto& obs = recorder.clusters()[c];
  const double busy = recorder.busy_gpu_s_until(c, now);
  const double provisioned = recorder.provisioned_gpu_s_until(c, now);
  const std::int64_t left_queue = obs.started + obs.abandoned;
  policies::CapacityView view;
  view.now_s = now;
  view.base_gpus = runtime.base_gpus;
  view.provisioned_gpus = runtime.in_service;
  view.on_order_gpus = runtime.on_order;
  view.utilisation = provisioned > runtime.last_provisioned_s
                         ? (busy - runtime.last_busy_s) / (provisioned - runtime.last_provisioned_s)
                         : 0.0;
  view.mean_wait_s = left_queue > runtime.last_started ? (obs.wait_sum_all_s - runtime.last_wait_sum_s) /
                                                             static_cast<double>(left_queue - runtime.last_started)
                                                       : 0.0;
  view.queued = obs.queued;
  runtime.last_busy_s = busy;
  runtime.last_provisioned_s = provisioned;
  runtime.last_wait_sum_s = obs.wait_sum_all_s;
  runtime.last_started = left_queue;
  runtime.last_check_s = now;
  const auto decision = runtime.capacity->decide(view);
  if (decision.order_gpus > 0) {
    runtime.on_order += decision.order_gpus;
    runtime.orders.push_back(PendingOrder{now + decision.lead_time_s, decision.order_gpus, false});
  }
  if (decision.release_gpus > 0) retire(c, decision.release_gpus, now);
}

void CapacityControl::control_capacity(std::size_t c) {
  auto& runtime = runtimes_[c];
  const double horizon = outcome_.recorder.horizon_s();
  const double interval = runtime.capacity->check_interval_s();
  for (;;) {
    double next = runtime.last_check_s + interval;
    for (const auto& order : runtime.orders)
      next = std::min(next, order.ready_s);
    if (!(next < horizon)) return;
    sg4::this_actor::sleep_until(next);
    const double now = simgrid_get_clock();
    for (std::size_t i = 0; i < runtime.orders.size();) {
      const PendingOrder order = runtime.orders[i];
      if (order.ready_s > now) {
        ++i;
        continue;
      }
      runtime.orders.erase(runtime.orders.begin() + static_cast<std::ptrdiff_t>(i));
      if (order.reserved) {
        runtime.base_gpus += order.gpus;
        runtime.reserved = std::max<std::int64_t>(0, runtime.reserved + order.gpus);
      } else {
        runtime.on_order -= order.gpus;
      }
      if (order.gpus >= 0) {
        activate(c, order.gpus, now);
      } else {
        retire(c, -order.gpus, now);
      }
    }
    if (std::isfinite(interval) && now >= runtime.last_check_s + interval) check_capacity(c, now);
  }
}

}  // namespace gvsim::engine
