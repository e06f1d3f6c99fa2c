#include "sim/engine/simulation.hpp"

#include <simgrid/s4u.hpp>

#include <memory>
#include <string>

#include "policies/registry.hpp"
#include "sim/engine/job_source.hpp"
#include "sim/model/region_graph.hpp"
#include "sim/platform/platform_builder.hpp"

namespace gvsim::engine {

namespace sg4 = simgrid::s4u;

namespace {

/// Engine settings measured to matter (see docs/engine.md): fast raw contexts with small stacks, no
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

/// The live state of one cluster during a run.
struct ClusterRuntime {
  std::unique_ptr<policies::SchedulingPolicy> queue;
  sg4::SemaphorePtr work_available;
};

class Run {
 public:
  Run(const model::Scenario& scenario, RunOutcome& outcome)
      : scenario_(scenario), outcome_(outcome), graph_(scenario),
        placement_(policies::make_placement(scenario.experiment.policies.placement)) {}

  void start() {
    const auto built = platform::build_platform(scenario_, outcome_.clusters, graph_);
    runtimes_.resize(outcome_.clusters.size());
    for (std::size_t c = 0; c < runtimes_.size(); ++c) {
      runtimes_[c].queue = policies::make_scheduling(scenario_.experiment.policies.scheduling);
      runtimes_[c].work_available = sg4::Semaphore::create(0);
      for (std::size_t slot = 0; slot < built.cluster_hosts[c].size(); ++slot) {
        sg4::Actor::create("worker", built.cluster_hosts[c][slot], [this, c, slot] { work(c, slot); })->daemonize();
      }
    }
    const auto& experiment = scenario_.experiment;
    for (const auto& load : experiment.workload.synthetic) {
      const std::size_t region = model::region_index(scenario_, load.region.name);
      auto source = std::make_shared<JobSource>(load, experiment.workload.clip_classes, experiment.seed,
                                                static_cast<std::uint64_t>(experiment.replication));
      sg4::Actor::create("arrivals/" + load.region.name, built.region_edges[region],
                         [this, region, source] { arrive(region, *source); })
          ->daemonize();
    }
    // The only non-daemon actor: the run ends, killing the daemons, exactly at the horizon.
    const double horizon = outcome_.recorder.horizon_s();
    sg4::Actor::create("clock", built.region_edges.front(), [horizon] { sg4::this_actor::sleep_until(horizon); });
  }

 private:
  void arrive(std::size_t region, JobSource& source) {
    const double horizon = outcome_.recorder.horizon_s();
    std::vector<policies::ClusterView> allowed;
    std::vector<std::size_t> candidates;
    for (std::size_t serving : graph_.serving_regions(region)) {
      for (std::size_t c = 0; c < outcome_.clusters.size(); ++c) {
        if (outcome_.clusters[c].region == serving) candidates.push_back(c);
      }
    }
    for (std::size_t c : candidates) {
      allowed.push_back(policies::ClusterView{c, graph_.latency_s(region, outcome_.clusters[c].region),
                                              outcome_.clusters[c].gpus, 0, 0});
    }
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
      for (auto& view : allowed) {
        view.queued = static_cast<std::size_t>(outcome_.recorder.queued(view.cluster));
        view.running = static_cast<std::size_t>(outcome_.recorder.running(view.cluster));
      }
      const std::size_t cluster = allowed[placement_->choose(allowed)].cluster;
      outcome_.recorder.on_arrival(cluster, t);
      ++outcome_.events;
      runtimes_[cluster].queue->push(job);
      runtimes_[cluster].work_available->release();
    }
  }

  void work(std::size_t cluster, std::size_t slot) {
    auto& runtime = runtimes_[cluster];
    for (;;) {
      runtime.work_available->acquire();
      const policies::JobTicket job = runtime.queue->pop();
      outcome_.recorder.on_start(cluster, slot, job.submit_time_s, sg4::Engine::get_clock());
      ++outcome_.events;
      sg4::this_actor::execute(job.work_gpu_s * platform::kReferenceFlops);
      outcome_.recorder.on_complete(cluster, slot, sg4::Engine::get_clock());
      ++outcome_.events;
    }
  }

  const model::Scenario& scenario_;
  RunOutcome& outcome_;
  model::RegionGraph graph_;
  std::unique_ptr<policies::PlacementPolicy> placement_;
  std::vector<ClusterRuntime> runtimes_;
};

std::vector<std::int64_t> gpu_counts(const std::vector<model::ClusterInfo>& clusters) {
  std::vector<std::int64_t> counts;
  for (const auto& c : clusters) counts.push_back(c.gpus);
  return counts;
}

}  // namespace

RunOutcome run_simulation(const model::Scenario& scenario) {
  auto clusters = model::list_clusters(scenario);
  const auto& experiment = scenario.experiment;
  RunOutcome outcome{clusters, output::JobRecorder(gpu_counts(clusters), experiment.horizon_days * 86400.0,
                                                   experiment.warmup_days * 86400.0),
                     0};
  std::vector<std::string> args = engine_arguments(scenario);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  int argc = static_cast<int>(argv.size());
  sg4::Engine engine(&argc, argv.data());
  Run run(scenario, outcome);
  run.start();
  engine.run();
  outcome.recorder.finish();
  return outcome;
}

}  // namespace gvsim::engine
