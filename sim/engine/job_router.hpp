#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "policies/job_ticket.hpp"
#include "policies/placement_policy.hpp"
#include "sim/engine/cluster_runtime.hpp"
#include "sim/model/region_graph.hpp"
#include "sim/model/scenario.hpp"
#include "sim/observe/run_outcome.hpp"

namespace gvsim::engine {

class GpuDispatch;

/// @brief Owns placement: which clusters each region may use, and the submission of a job to the chosen one.
///
/// Each region's placement policy chooses among the clusters of the regions allowed to serve it, seen with their
/// route latency, cost per GPU-second and current load; the job then joins that cluster's queue, which starts it at
/// once if a GPU is idle.
class JobRouter {
 public:
  /// @brief One placement policy per region of the scenario, created in region order; queued jobs go to `dispatch`.
  JobRouter(const model::Scenario& scenario, observe::RunOutcome& outcome, std::vector<ClusterRuntime>& runtimes,
            const model::RegionGraph& graph, GpuDispatch& dispatch);

  /// @brief Lists the clusters each region may use; `cost_per_gpu_s` holds each cluster's cost per GPU-second.
  void prepare_candidates(const std::vector<double>& cost_per_gpu_s);
  /// @brief Places a job from `region` on a cluster and queues it there (counts as an arrival event).
  void submit(std::size_t region, const policies::JobTicket& job);

 private:
  const model::Scenario& scenario_;
  observe::RunOutcome& outcome_;
  std::vector<ClusterRuntime>& runtimes_;
  const model::RegionGraph& graph_;
  GpuDispatch& dispatch_;
  std::vector<std::unique_ptr<policies::PlacementPolicy>> placements_;  ///< per region the jobs come from
  std::vector<std::vector<policies::ClusterView>> candidates_;          ///< per region; loads refreshed per job
};

}  // namespace gvsim::engine
