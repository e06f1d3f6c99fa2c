#pragma once

#include <simgrid/forward.h>

#include <cstddef>
#include <vector>

#include "policies/job_ticket.hpp"
#include "sim/engine/cluster_runtime.hpp"
#include "sim/model/scenario.hpp"
#include "sim/observe/run_outcome.hpp"

namespace gvsim::engine {

/// @brief Owns the delivery actors of each cluster, which send finished videos over the WAN to their users.
///
/// Users mode only: a video cleared for delivery (by the worker that made it, or by the market once a review
/// releases it) waits in its cluster's delivery queue for one of `delivery_slots_per_cluster` actors, which records
/// the egress, sends the bytes to the user's region edge and tells the market the video arrived.
class VideoDelivery {
 public:
  /// @brief Delivery for the clusters of `runtimes`; `region_edges` is filled once the platform exists.
  VideoDelivery(const model::Scenario& scenario, observe::RunOutcome& outcome, std::vector<ClusterRuntime>& runtimes,
                const std::vector<sg4::Host*>& region_edges);

  /// @brief Creates the delivery actors of cluster c on its source host.
  void start(std::size_t cluster);
  /// @brief Queues a finished video of `cluster` whose job waited `wait_s` in the queue and took `generation_s` on
  /// the GPU, and wakes a delivery actor.
  void hand_over(std::size_t cluster, const policies::JobTicket& job, double wait_s, double generation_s = 0.0);

 private:
  void deliver(std::size_t cluster);

  const model::Scenario& scenario_;
  observe::RunOutcome& outcome_;
  std::vector<ClusterRuntime>& runtimes_;
  const std::vector<sg4::Host*>& region_edges_;
};

}  // namespace gvsim::engine
