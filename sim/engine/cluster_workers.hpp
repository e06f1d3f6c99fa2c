#pragma once

#include <simgrid/forward.h>

#include <cstddef>
#include <vector>

#include "policies/job_ticket.hpp"
#include "sim/engine/cluster_runtime.hpp"
#include "sim/engine/market_driver.hpp"
#include "sim/engine/video_delivery.hpp"
#include "sim/model/scenario.hpp"
#include "sim/observe/run_outcome.hpp"

namespace gvsim::engine {

/// @brief Owns the GPU workers: one long-lived actor per slot that takes jobs from its cluster's queue and runs them.
///
/// A worker blocks on its cluster's work semaphore when idle and on its slot's semaphore while parked (out of
/// service). In users mode it then settles the generation with the market: a failed one is reported, a video that
/// passes moderation goes to delivery, and one held for review wakes its region's market actor.
class ClusterWorkers {
 public:
  /// @brief Workers of the clusters of `runtimes`, handing videos to `delivery` and held ones to `markets`.
  ClusterWorkers(const model::Scenario& scenario, observe::RunOutcome& outcome, std::vector<ClusterRuntime>& runtimes,
                 VideoDelivery& delivery, MarketDriver& markets);

  /// @brief Creates one worker actor (and its slot semaphore) per host of cluster c, in slot order.
  void start(std::size_t cluster, const std::vector<sg4::Host*>& hosts);

 private:
  /// The next job this worker may start; waits while the policy lets no waiting job start (tier caps).
  policies::JobTicket next_job(ClusterRuntime& runtime);
  void work(std::size_t cluster, std::size_t slot);
  /// A generated clip (`generation_s` on the GPU): fails, or goes through the video check to delivery (or review).
  void finish_job(std::size_t cluster, const policies::JobTicket& job, double wait, double generation_s);

  const model::Scenario& scenario_;
  observe::RunOutcome& outcome_;
  std::vector<ClusterRuntime>& runtimes_;
  VideoDelivery& delivery_;
  MarketDriver& markets_;
};

}  // namespace gvsim::engine
