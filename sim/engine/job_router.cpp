#include "sim/engine/job_router.hpp"

#include <algorithm>
#include <cstdint>

#include "policies/registry.hpp"
#include "sim/engine/gpu_dispatch.hpp"
#include "sim/model/policy_schema.hpp"

namespace gvsim::engine {

JobRouter::JobRouter(const model::Scenario& scenario, observe::RunOutcome& outcome,
                     std::vector<ClusterRuntime>& runtimes, const model::RegionGraph& graph, GpuDispatch& dispatch)
    : scenario_(scenario), outcome_(outcome), runtimes_(runtimes), graph_(graph), dispatch_(dispatch) {
  for (const auto& region : scenario.regions) {
    placements_.push_back(model::placement_for(scenario.experiment, region.name).make());
  }
}

void JobRouter::prepare_candidates(const std::vector<double>& cost_per_gpu_s) {
  candidates_.resize(scenario_.regions.size());
  for (std::size_t r = 0; r < scenario_.regions.size(); ++r) {
    for (std::size_t serving : graph_.serving_regions(r)) {
      for (std::size_t c = 0; c < outcome_.clusters.size(); ++c) {
        if (outcome_.clusters[c].region != serving) continue;
        policies::ClusterView view;
        view.cluster = c;
        view.route_latency_s = graph_.latency_s(r, serving);
        view.cost_usd_per_gpu_s = cost_per_gpu_s[c];
        view.local = serving == r;
        candidates_[r].push_back(view);
      }
    }
  }
}

void JobRouter::submit(std::size_t region, const policies::JobTicket& job) {
  auto& allowed = candidates_[region];
  for (auto& view : allowed) {
    view.queued = static_cast<std::size_t>(outcome_.recorder.queued(view.cluster));
    view.running = static_cast<std::size_t>(outcome_.recorder.running(view.cluster));
    view.gpus = std::max<std::int64_t>(1, runtimes_[view.cluster].in_service);
  }
  const std::size_t cluster = allowed[placements_[region]->choose(allowed)].cluster;
  outcome_.recorder.on_arrival(cluster, job.submit_time_s);
  ++outcome_.events;
  runtimes_[cluster].queue->push(job);
  dispatch_.dispatch(cluster);
}

}  // namespace gvsim::engine
