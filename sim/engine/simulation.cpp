#include "sim/engine/simulation.hpp"

#include <simgrid/s4u.hpp>

#include <csignal>

#include <deque>
#include <memory>
#include <string>

#include "policies/registry.hpp"
#include "sim/engine/job_source.hpp"
#include "sim/model/region_graph.hpp"
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

/// A finished video waiting for a delivery slot.
struct Delivery {
  policies::JobTicket job;
  double wait_s = 0.0;
};

/// The live state of one cluster during a run.
struct ClusterRuntime {
  std::unique_ptr<policies::SchedulingPolicy> queue;
  sg4::SemaphorePtr work_available;
  std::deque<Delivery> deliveries;
  sg4::SemaphorePtr delivery_available;
  sg4::Host* source_host = nullptr;
  std::unique_ptr<rng::RandomStream> failures;  ///< stream `failures/CLUSTER`: which generations fail
};

class Run {
 public:
  Run(const model::Scenario& scenario, RunOutcome& outcome)
      : scenario_(scenario),
        outcome_(outcome),
        graph_(scenario),
        placement_(policies::make_placement(scenario.experiment.policies.placement)) {}

  void start() {
    const auto built = platform::build_platform(scenario_, outcome_.clusters, graph_);
    region_edges_ = built.region_edges;
    const bool users = outcome_.market != nullptr;
    runtimes_.resize(outcome_.clusters.size());
    for (std::size_t c = 0; c < runtimes_.size(); ++c) {
      auto& runtime = runtimes_[c];
      runtime.queue = policies::make_scheduling(scenario_.experiment.policies.scheduling);
      runtime.work_available = sg4::Semaphore::create(0);
      runtime.delivery_available = sg4::Semaphore::create(0);
      runtime.source_host = built.cluster_hosts[c].front();
      runtime.failures = std::make_unique<rng::RandomStream>(
          scenario_.experiment.seed, static_cast<std::uint64_t>(scenario_.experiment.replication),
          "failures/" + outcome_.clusters[c].name);
      for (std::size_t slot = 0; slot < built.cluster_hosts[c].size(); ++slot) {
        sg4::Actor::create("worker", built.cluster_hosts[c][slot], [this, c, slot] { work(c, slot); })->daemonize();
      }
      if (!users) continue;
      for (std::int64_t k = 0; k < scenario_.experiment.workload.users.delivery_slots_per_cluster; ++k) {
        sg4::Actor::create("delivery", runtime.source_host, [this, c] { deliver(c); })->daemonize();
      }
    }
    prepare_candidates();
    const auto& experiment = scenario_.experiment;
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
  /// The clusters each region may use, with their route latency; loads are refreshed at each placement.
  void prepare_candidates() {
    candidates_.resize(scenario_.regions.size());
    for (std::size_t r = 0; r < scenario_.regions.size(); ++r) {
      for (std::size_t serving : graph_.serving_regions(r)) {
        for (std::size_t c = 0; c < outcome_.clusters.size(); ++c) {
          if (outcome_.clusters[c].region != serving) continue;
          candidates_[r].push_back(
              policies::ClusterView{c, graph_.latency_s(r, serving), outcome_.clusters[c].gpus, 0, 0});
        }
      }
    }
  }

  void submit(std::size_t region, const policies::JobTicket& job) {
    auto& allowed = candidates_[region];
    for (auto& view : allowed) {
      view.queued = static_cast<std::size_t>(outcome_.recorder.queued(view.cluster));
      view.running = static_cast<std::size_t>(outcome_.recorder.running(view.cluster));
    }
    const std::size_t cluster = allowed[placement_->choose(allowed)].cluster;
    outcome_.recorder.on_arrival(cluster, job.submit_time_s);
    ++outcome_.events;
    runtimes_[cluster].queue->push(job);
    runtimes_[cluster].work_available->release();
  }

  void arrive(std::size_t region, JobSource& source) {
    const double horizon = outcome_.recorder.horizon_s();
    double t = 0.0;
    std::uint64_t sequence = 0;
    for (;;) {
      t += source.next_interarrival_s();
      if (t >= horizon) return;
      sg4::this_actor::sleep_until(t);
      policies::JobTicket job;
      job.id = (static_cast<std::uint64_t>(region) << 40) | sequence++;
      job.submit_time_s = t;
      job.origin_region = static_cast<std::uint32_t>(region);
      job.work_gpu_s = source.next_work_s(job.clip_class);
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

  void work(std::size_t cluster, std::size_t slot) {
    auto& runtime = runtimes_[cluster];
    for (;;) {
      runtime.work_available->acquire();
      const policies::JobTicket job = runtime.queue->pop();
      const double now = sg4::Engine::get_clock();
      const double wait = now - job.submit_time_s;
      if (wait > job.patience_s) {
        // The user gave up while the job waited; it leaves the queue unserved (lazy removal at pop time).
        outcome_.recorder.on_abandon(cluster, job.submit_time_s, now);
        outcome_.market->on_abandoned(as_request(job), now);
        ++outcome_.events;
        continue;
      }
      outcome_.recorder.on_start(cluster, slot, job.submit_time_s, now, job.origin_region);
      ++outcome_.events;
      sg4::this_actor::execute(job.work_gpu_s * platform::kReferenceFlops);
      outcome_.recorder.on_complete(cluster, slot, sg4::Engine::get_clock());
      ++outcome_.events;
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

  const model::Scenario& scenario_;
  RunOutcome& outcome_;
  model::RegionGraph graph_;
  std::unique_ptr<policies::PlacementPolicy> placement_;
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

}  // namespace

void set_interrupt_handler(InterruptHandler handler) {
  g_interrupt_handler = handler;
}

RunOutcome run_simulation(const model::Scenario& scenario) {
  auto clusters = model::list_clusters(scenario);
  const auto& experiment = scenario.experiment;
  RunOutcome outcome{clusters,
                     output::JobRecorder(gpu_counts(clusters), experiment.horizon_days * 86400.0,
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
  engine.run();
  outcome.recorder.finish();
  if (outcome.market != nullptr) outcome.market->finish(outcome.recorder.horizon_s());
  return outcome;
}

}  // namespace gvsim::engine
