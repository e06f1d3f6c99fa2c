#include "sim/engine/simulation.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

#include <csignal>
#include <memory>
#include <string>

#include "policies/registry.hpp"
#include "sim/engine/capacity_control.hpp"
#include "sim/engine/cluster_runtime.hpp"
#include "sim/engine/event_calendar.hpp"
#include "sim/engine/gpu_dispatch.hpp"
#include "sim/engine/job_router.hpp"
#include "sim/engine/market_driver.hpp"
#include "sim/engine/video_delivery.hpp"
#include "sim/model/policy_schema.hpp"
#include "sim/model/region_graph.hpp"
#include "sim/observe/running_costs.hpp"
#include "sim/platform/platform_builder.hpp"
#include "sim/rng/random_stream.hpp"

namespace gvsim::engine {

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

/// @brief Wires one run together: the shared cluster state, then each engine piece's actors in a fixed order.
///
/// Actor creation order fixes SimGrid's scheduling order, so it must not change: per cluster its capacity actor and
/// its delivery actors; then per region its market actor (users mode); last the clock. GPU jobs and synthetic
/// arrivals are events of the run's calendar, which orders simultaneous events by the order they were scheduled.
class Run {
 public:
  Run(const model::Scenario& scenario, observe::RunOutcome& outcome)
      : scenario_(scenario),
        outcome_(outcome),
        graph_(scenario),
        calendar_(outcome.recorder.horizon_s()),
        router_(scenario, outcome, runtimes_, graph_, dispatch_),
        delivery_(scenario, outcome, runtimes_, region_edges_),
        markets_(scenario, outcome, router_, delivery_, calendar_),
        dispatch_(scenario, outcome, runtimes_, calendar_, delivery_, markets_),
        capacity_(scenario, outcome, runtimes_, dispatch_) {}

  void start() {
    const auto& experiment = scenario_.experiment;
    runtimes_.resize(outcome_.clusters.size());
    auto hosts_needed = outcome_.clusters;
    for (std::size_t c = 0; c < runtimes_.size(); ++c) {
      hosts_needed[c].gpus = static_cast<std::int64_t>(capacity_.prepare(c));
    }
    const auto built = platform::build_platform(scenario_, hosts_needed, graph_);
    region_edges_ = built.region_edges;
    const bool users = outcome_.market != nullptr;
    for (std::size_t c = 0; c < runtimes_.size(); ++c) {
      auto& runtime = runtimes_[c];
      const std::string& region_name = scenario_.regions[outcome_.clusters[c].region].name;
      runtime.queue = model::scheduling_for(experiment, region_name).make();
      runtime.source_host = built.cluster_hosts[c].front();
      runtime.failures = std::make_unique<rng::RandomStream>(
          experiment.seed, static_cast<std::uint64_t>(experiment.replication), "failures/" + outcome_.clusters[c].name);
      dispatch_.start(c, built.cluster_hosts[c]);
      capacity_.start(c);
      if (users) delivery_.start(c);
    }
    std::vector<double> costs;
    for (const auto& info : outcome_.clusters)
      costs.push_back(cost_per_gpu_s(scenario_, info));
    router_.prepare_candidates(costs);
    if (users && outcome_.market->needs_costs()) {  // market entry on the home region's margin
      outcome_.market->set_cost_feed([this](std::size_t day) {
        return observe::closed_day_costs(scenario_, outcome_.clusters, outcome_.recorder, day);
      });
    }
    if (users) {
      markets_.start_markets();
    } else {
      markets_.start_arrivals();
    }
    // The only non-daemon actor: the run ends, killing the daemons, exactly at the horizon.
    const double horizon = outcome_.recorder.horizon_s();
    sg4::Actor::create("clock", region_edges_.front(), [horizon] { sg4::this_actor::sleep_until(horizon); });
  }

 private:
  const model::Scenario& scenario_;
  observe::RunOutcome& outcome_;
  model::RegionGraph graph_;
  std::vector<ClusterRuntime> runtimes_;
  std::vector<sg4::Host*> region_edges_;
  EventCalendar calendar_;
  JobRouter router_;  ///< first to be built: creates the placement policies, region by region
  VideoDelivery delivery_;
  MarketDriver markets_;
  GpuDispatch dispatch_;
  CapacityControl capacity_;
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
                              0,
                              nullptr,
                              observe::LatencyTally(),
                              observe::SegmentGpuTally()};
  if (experiment.workload.mode == "users") {
    outcome.market =
        std::make_unique<users::Market>(scenario, experiment.seed, static_cast<std::uint64_t>(experiment.replication));
    const std::size_t days = outcome.recorder.day_count();
    outcome.latency = observe::LatencyTally(scenario.regions.size(), days);
    outcome.segment_gpu = observe::SegmentGpuTally(
        clusters.size(), days,
        scenario.regions.size() * outcome.market->segment_days().cells_segments() * users::kSegmentTiers);
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
  outcome.segment_gpu.finish(outcome.recorder.horizon_s());
  if (outcome.market != nullptr) outcome.market->finish(outcome.recorder.horizon_s());
  return outcome;
}

}  // namespace gvsim::engine
