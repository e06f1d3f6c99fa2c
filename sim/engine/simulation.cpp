#include "sim/engine/simulation.hpp"

#include <simgrid/s4u.hpp>

#include <algorithm>
#include <cmath>
#include <csignal>

#include <deque>
#include <memory>
#include <string>

#include "sim/engine/cluster_runtime.hpp"
#include "sim/engine/job_source.hpp"
#include "sim/model/policy_schema.hpp"
#include "sim/model/region_graph.hpp"
#include "sim/observe/running_costs.hpp"
#include "sim/platform/platform_builder.hpp"
#include "sim/rng/random_stream.hpp"

namespace gvsim::engine {

namespace sg4 = simgrid::s4u;

namespace {

/// Engine settings measured to matter (see docs/model.md): fast raw contexts with small stacks, no
/// TCP-window cap, no latency inflation, engine logs silenced.
std::vector<std::string> engine_arguments(const model::Scenario& scenario) {
  return {"gvsim",
          "--log=root.thres:critical",
          "--log=xbt_cfg.thres:critical",
          "--cfg=contexts/factory:raw",
          "--cfg=contexts/stack-size:" + std::to_string(scenario.experiment.engine.actor_stack_kib),
          "--cfg=network/model:CM02",
          "--cfg=network/TCP-gamma:0"};
}

/// GPU price plus energy per second of reference-GPU work on cluster `info`.
double cost_per_gpu_s(const model::Scenario& scenario, const model::ClusterInfo& info) {
  const auto& gpu = scenario.gpus[info.gpu_model];
  const auto& region = scenario.regions[info.region];
  const auto& datacenter = *std::find_if(region.datacenters.begin(), region.datacenters.end(),
                                         [&](const model::Datacenter& dc) { return dc.name == info.datacenter; });
  const double energy_per_h = model::energy_usd(3600.0, gpu, datacenter, region);
  return (gpu.reserved_usd_per_gpu_hour + energy_per_h) / 3600.0 / info.relative_speed;
}

class Run {
 public:
  Run(const model::Scenario& scenario, observe::RunOutcome& outcome)
      : scenario_(scenario), outcome_(outcome), graph_(scenario) {
    for (const auto& region : scenario.regions) {
      placements_.push_back(model::placement_for(scenario.experiment, region.name).make());
    }
  }

  void start() {
    const auto& experiment = scenario_.experiment;
    runtimes_.resize(outcome_.clusters.size());
    auto hosts_needed = outcome_.clusters;
    for (std::size_t c = 0; c < runtimes_.size(); ++c) {
      hosts_needed[c].gpus = static_cast<std::int64_t>(prepare_capacity(c));
    }
    const auto built = platform::build_platform(scenario_, hosts_needed, graph_);
    region_edges_ = built.region_edges;
    const bool users = outcome_.market != nullptr;
    for (std::size_t c = 0; c < runtimes_.size(); ++c) {
      auto& runtime = runtimes_[c];
      const std::string& region_name = scenario_.regions[outcome_.clusters[c].region].name;
      runtime.queue = model::scheduling_for(experiment, region_name).make();
      runtime.work_available = sg4::Semaphore::create(0);
      runtime.cap_wake = sg4::Semaphore::create(0);
      runtime.delivery_available = sg4::Semaphore::create(0);
      runtime.source_host = built.cluster_hosts[c].front();
      runtime.failures = std::make_unique<rng::RandomStream>(
          experiment.seed, static_cast<std::uint64_t>(experiment.replication), "failures/" + outcome_.clusters[c].name);
      for (std::size_t slot = 0; slot < built.cluster_hosts[c].size(); ++slot) {
        runtime.slot_wake.push_back(sg4::Semaphore::create(0));
        sg4::Actor::create("worker", built.cluster_hosts[c][slot], [this, c, slot] { work(c, slot); })->daemonize();
      }
      if (std::isfinite(runtime.capacity->check_interval_s()) || !runtime.orders.empty()) {
        sg4::Actor::create("capacity", runtime.source_host, [this, c] { control_capacity(c); })->daemonize();
      }
      if (!users) continue;
      for (std::int64_t k = 0; k < experiment.workload.users.delivery_slots_per_cluster; ++k) {
        sg4::Actor::create("delivery", runtime.source_host, [this, c] { deliver(c); })->daemonize();
      }
    }
    prepare_candidates();
    if (users && outcome_.market->needs_costs()) {  // market entry on the home region's margin
      outcome_.market->set_cost_feed([this](std::size_t day) {
        return observe::closed_day_costs(scenario_, outcome_.clusters, outcome_.recorder, day);
      });
    }
    if (users) {
      for (std::size_t r = 0; r < scenario_.regions.size(); ++r) {
        // With moderation, a video held for review adds an event to the region's calendar from a worker.
        wake_.push_back(outcome_.market->moderation() != nullptr ? sg4::Semaphore::create(0) : nullptr);
        sg4::Actor::create("market/" + scenario_.regions[r].name, region_edges_[r], [this, r] {
          drive_market(r);
        })->daemonize();
      }
    } else {
      for (const auto& load : experiment.workload.synthetic) {
        const std::size_t region = model::region_index(scenario_, load.region.name);
        auto source = std::make_shared<JobSource>(load, experiment.workload.clip_classes, experiment.seed,
                                                  static_cast<std::uint64_t>(experiment.replication));
        sg4::Actor::create("arrivals/" + load.region.name, region_edges_[region], [this, region, source] {
          arrive(region, *source);
        })->daemonize();
      }
    }
    // The only non-daemon actor: the run ends, killing the daemons, exactly at the horizon.
    const double horizon = outcome_.recorder.horizon_s();
    sg4::Actor::create("clock", region_edges_.front(), [horizon] { sg4::this_actor::sleep_until(horizon); });
  }

 private:
  /// Sets up the capacity policy, scheduled expansions and slot states of cluster c; returns the hosts it needs.
  std::size_t prepare_capacity(std::size_t c) {
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

  /// The clusters each region may use, with their route latency and cost; loads are refreshed at each placement.
  void prepare_candidates() {
    candidates_.resize(scenario_.regions.size());
    for (std::size_t r = 0; r < scenario_.regions.size(); ++r) {
      for (std::size_t serving : graph_.serving_regions(r)) {
        for (std::size_t c = 0; c < outcome_.clusters.size(); ++c) {
          if (outcome_.clusters[c].region != serving) continue;
          policies::ClusterView view;
          view.cluster = c;
          view.route_latency_s = graph_.latency_s(r, serving);
          view.cost_usd_per_gpu_s = cost_per_gpu_s(scenario_, outcome_.clusters[c]);
          view.local = serving == r;
          candidates_[r].push_back(view);
        }
      }
    }
  }

  void submit(std::size_t region, const policies::JobTicket& job) {
    auto& allowed = candidates_[region];
    for (auto& view : allowed) {
      view.queued = static_cast<std::size_t>(outcome_.recorder.queued(view.cluster));
      view.running = static_cast<std::size_t>(outcome_.recorder.running(view.cluster));
      view.gpus = std::max<std::int64_t>(1, runtimes_[view.cluster].in_service);
    }
    const std::size_t cluster = allowed[placements_[region]->choose(allowed)].cluster;
    outcome_.recorder.on_arrival(cluster, job.submit_time_s);
    ++outcome_.events;
    auto& runtime = runtimes_[cluster];
    runtime.queue->push(job);
    runtime.work_available->release();
    if (runtime.cap_parked > 0) runtime.cap_wake->release();
  }

  void arrive(std::size_t region, JobSource& source) {
    const double horizon = outcome_.recorder.horizon_s();
    double t = 0.0;
    std::uint64_t sequence = 0;
    for (;;) {
      t = source.next_arrival_after(t);
      if (t >= horizon) return;
      sg4::this_actor::sleep_until(t);
      policies::JobTicket job;
      job.id = (static_cast<std::uint64_t>(region) << 40) | sequence++;
      job.submit_time_s = t;
      job.origin_region = static_cast<std::uint32_t>(region);
      job.work_gpu_s = source.next_work_s(job.clip_class);
      job.paid = source.next_paid();
      submit(region, job);
    }
  }

  void drive_market(std::size_t region) {
    auto& market = *outcome_.market;
    const double horizon = outcome_.recorder.horizon_s();
    std::uint64_t sequence = 0;
    for (;;) {
      const double t = market.next_event_time(region);
      if (wake_[region] != nullptr) {
        // Sleep until the next event, unless a worker adds an earlier one (then look again).
        // (A zero timeout must not reach acquire_timeout, which would then wait without end.)
        const double wait = std::min(t, horizon) - sg4::Engine::get_clock();
        if (wait > 0.0 && !wake_[region]->acquire_timeout(wait)) continue;
        if (t >= horizon) return;
      } else {
        if (t >= horizon) return;
        sg4::this_actor::sleep_until(t);
      }
      const auto request = market.step(region);
      if (auto video = market.take_released_video()) {  // a reviewed video cleared for delivery
        auto& runtime = runtimes_[video->cluster];
        runtime.deliveries.push_back(Delivery{as_ticket(video->job, region, t, sequence++), video->wait_s});
        runtime.delivery_available->release();
      }
      if (!request) continue;
      submit(region, as_ticket(*request, region, t, sequence++));
    }
  }

  static policies::JobTicket as_ticket(const users::JobRequest& request, std::size_t region, double t,
                                       std::uint64_t sequence) {
    policies::JobTicket job;
    job.id = (static_cast<std::uint64_t>(region) << 40) | sequence;
    job.submit_time_s = t;
    job.origin_region = static_cast<std::uint32_t>(region);
    job.work_gpu_s = request.work_gpu_s;
    job.clip_class = request.clip_class;
    job.user = request.user;
    job.patience_s = request.patience_s;
    job.credits = request.credits;
    job.paid = request.paid;
    job.harmful = request.harmful;
    return job;
  }

  static users::JobRequest as_request(const policies::JobTicket& job) {
    return users::JobRequest{job.user,    job.clip_class, job.work_gpu_s, job.patience_s,
                             job.credits, job.paid,       job.harmful};
  }

  /// The next job this worker may start; waits while the policy lets no waiting job start (tier caps).
  policies::JobTicket next_job(ClusterRuntime& runtime) {
    for (;;) {
      const policies::QueueState state{runtime.in_service, runtime.running_free, runtime.running_paid};
      if (auto job = runtime.queue->pop(state)) return *job;
      ++runtime.cap_parked;
      runtime.cap_wake->acquire();
      --runtime.cap_parked;
    }
  }

  void park(ClusterRuntime& runtime, std::size_t slot) {
    runtime.slots[slot] = SlotState::kParked;
    runtime.slot_wake[slot]->acquire();
  }

  void work(std::size_t cluster, std::size_t slot) {
    auto& runtime = runtimes_[cluster];
    if (runtime.slots[slot] == SlotState::kParked) runtime.slot_wake[slot]->acquire();
    for (;;) {
      runtime.work_available->acquire();
      if (runtime.slots[slot] == SlotState::kRetiredIdle) {
        runtime.work_available->release();  // the job belongs to a GPU still in service
        park(runtime, slot);
        continue;
      }
      const policies::JobTicket job = next_job(runtime);
      const double now = sg4::Engine::get_clock();
      const double wait = now - job.submit_time_s;
      if (wait > job.patience_s) {
        // The user gave up while the job waited; it leaves the queue unserved (lazy removal at pop time).
        outcome_.recorder.on_abandon(cluster, job.submit_time_s, now);
        outcome_.market->on_abandoned(as_request(job), now);
        ++outcome_.events;
        continue;
      }
      outcome_.recorder.on_start(cluster, slot, job.submit_time_s, now, job.origin_region, job.paid);
      ++outcome_.events;
      ++(job.paid ? runtime.running_paid : runtime.running_free);
      sg4::this_actor::execute(job.work_gpu_s * platform::kReferenceFlops);
      --(job.paid ? runtime.running_paid : runtime.running_free);
      outcome_.recorder.on_complete(cluster, slot, sg4::Engine::get_clock());
      ++outcome_.events;
      if (!job.paid && runtime.cap_parked > 0) runtime.cap_wake->release();
      if (runtime.slots[slot] == SlotState::kRetiring) {
        --runtime.in_service;
        outcome_.recorder.on_capacity(cluster, sg4::Engine::get_clock(), runtime.in_service, runtime.reserved);
        park(runtime, slot);
      }
      if (outcome_.market == nullptr) continue;
      const double failure = scenario_.experiment.workload.clip_classes[job.clip_class].failure_probability;
      if (failure > 0.0 && runtime.failures->bernoulli(failure)) {
        outcome_.market->on_failed(as_request(job), sg4::Engine::get_clock());
        continue;
      }
      const auto verdict = outcome_.market->check_video(as_request(job), static_cast<std::uint32_t>(cluster), wait,
                                                        sg4::Engine::get_clock());
      if (verdict == users::ModerationVerdict::kPass) {
        runtime.deliveries.push_back(Delivery{job, wait});
        runtime.delivery_available->release();
      } else if (verdict == users::ModerationVerdict::kHeld) {
        wake_[job.origin_region]->release();
      }
    }
  }

  void deliver(std::size_t cluster) {
    auto& runtime = runtimes_[cluster];
    const auto& classes = scenario_.experiment.workload.clip_classes;
    for (;;) {
      runtime.delivery_available->acquire();
      const Delivery delivery = runtime.deliveries.front();
      runtime.deliveries.pop_front();
      const double megabytes = classes[delivery.job.clip_class].video_megabytes;
      outcome_.recorder.on_egress(cluster, sg4::Engine::get_clock(), megabytes / 1000.0, delivery.job.origin_region);
      sg4::Comm::sendto(runtime.source_host, region_edges_[delivery.job.origin_region],
                        static_cast<std::uint64_t>(megabytes * 1e6));
      outcome_.market->on_delivered(as_request(delivery.job), delivery.wait_s, sg4::Engine::get_clock());
    }
  }

  /// Puts `n` more GPUs of cluster c in service at time t (slots on their way out first, then parked ones).
  void activate(std::size_t c, std::int64_t n, double t) {
    auto& runtime = runtimes_[c];
    for (auto state : {SlotState::kRetiring, SlotState::kRetiredIdle, SlotState::kParked}) {
      for (std::size_t slot = 0; slot < runtime.slots.size() && n > 0; ++slot) {
        if (runtime.slots[slot] != state) continue;
        runtime.slots[slot] = SlotState::kActive;
        if (state != SlotState::kRetiring) ++runtime.in_service;
        if (state == SlotState::kParked) runtime.slot_wake[slot]->release();
        --n;
      }
    }
    outcome_.recorder.on_capacity(c, t, runtime.in_service, runtime.reserved);
  }

  /// Takes `n` GPUs of cluster c out of service at time t: idle ones at once, busy ones when their job ends.
  void retire(std::size_t c, std::int64_t n, double t) {
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

  void check_capacity(std::size_t c, double now) {
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

  /// Capacity of cluster c over time: scheduled expansions, on-demand orders arriving, periodic policy checks.
  void control_capacity(std::size_t c) {
    auto& runtime = runtimes_[c];
    const double horizon = outcome_.recorder.horizon_s();
    const double interval = runtime.capacity->check_interval_s();
    for (;;) {
      double next = runtime.last_check_s + interval;
      for (const auto& order : runtime.orders)
        next = std::min(next, order.ready_s);
      if (!(next < horizon)) return;
      sg4::this_actor::sleep_until(next);
      const double now = sg4::Engine::get_clock();
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

  const model::Scenario& scenario_;
  observe::RunOutcome& outcome_;
  model::RegionGraph graph_;
  std::vector<std::unique_ptr<policies::PlacementPolicy>> placements_;  ///< per region the jobs come from
  std::vector<ClusterRuntime> runtimes_;
  std::vector<sg4::Host*> region_edges_;
  std::vector<sg4::SemaphorePtr> wake_;  ///< per region in users mode with moderation: new calendar event
  std::vector<std::vector<policies::ClusterView>> candidates_;
};

std::vector<std::int64_t> gpu_counts(const std::vector<model::ClusterInfo>& clusters) {
  std::vector<std::int64_t> counts;
  for (const auto& c : clusters)
    counts.push_back(c.gpus);
  return counts;
}

InterruptHandler g_interrupt_handler = nullptr;
ProgressHook g_progress_hook;

/// The progress of the run in this process, read by the clock-advance callback; SimGrid's signal is static and
/// cannot be disconnected, so the callback is connected once and the run it reports on is set and cleared here.
class ProgressSlot {
 public:
  explicit ProgressSlot(const observe::RunOutcome& outcome) : outcome_(&outcome) {
    if (!g_progress_hook) return;
    static const bool connected = [] {
      sg4::Engine::on_time_advance_cb([](double) {
        if (active_ != nullptr && ++active_->advances_ % kProgressStride == 0)
          g_progress_hook(sg4::Engine::get_clock(), active_->outcome_->events);
      });
      return true;
    }();
    (void)connected;
    active_ = this;
  }
  ~ProgressSlot() {
    if (active_ == this) active_ = nullptr;
  }
  ProgressSlot(const ProgressSlot&) = delete;
  ProgressSlot& operator=(const ProgressSlot&) = delete;

 private:
  static inline ProgressSlot* active_ = nullptr;
  const observe::RunOutcome* outcome_;
  std::uint64_t advances_ = 0;
};

}  // namespace

void set_interrupt_handler(InterruptHandler handler) {
  g_interrupt_handler = handler;
}

void set_progress_hook(ProgressHook hook) {
  g_progress_hook = std::move(hook);
}

observe::RunOutcome run_simulation(const model::Scenario& scenario) {
  auto clusters = model::list_clusters(scenario);
  const auto& experiment = scenario.experiment;
  observe::RunOutcome outcome{clusters,
                              observe::JobRecorder(gpu_counts(clusters), experiment.horizon_days * 86400.0,
                                                   experiment.warmup_days * 86400.0, scenario.regions.size()),
                              0, nullptr};
  if (experiment.workload.mode == "users") {
    outcome.market =
        std::make_unique<users::Market>(scenario, experiment.seed, static_cast<std::uint64_t>(experiment.replication));
  }
  std::vector<std::string> args = engine_arguments(scenario);
  std::vector<char*> argv;
  for (auto& a : args)
    argv.push_back(a.data());
  int argc = static_cast<int>(argv.size());
  sg4::Engine engine(&argc, argv.data());
  if (g_interrupt_handler != nullptr) {
    struct sigaction action {};
    action.sa_handler = g_interrupt_handler;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
  }
  Run run(scenario, outcome);
  run.start();
  const ProgressSlot progress(outcome);
  engine.run();
  outcome.recorder.finish();
  if (outcome.market != nullptr) outcome.market->finish(outcome.recorder.horizon_s());
  return outcome;
}

}  // namespace gvsim::engine
