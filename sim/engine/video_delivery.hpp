#pragma once

#include <simgrid/forward.h>

#include <cstddef>
#include <unordered_map>
#include <vector>

#include "policies/job_ticket.hpp"
#include "sim/engine/cluster_runtime.hpp"
#include "sim/model/scenario.hpp"
#include "sim/observe/run_outcome.hpp"

namespace gvsim::engine {

/// @brief Sends finished videos over the WAN to their users: up to `delivery_slots_per_cluster` at once per cluster.
///
/// Users mode only: a video cleared for delivery (when its generation ends, or by the market once a review releases
/// it) waits in its cluster's delivery queue for a free slot; the delivery records the egress and sends the bytes
/// from the cluster's source host to the user's region edge as a SimGrid communication (`Comm::sendto_init`,
/// started without an actor: the network model times it on the platform's links). When it completes (SimGrid's
/// activity-completion signal) the market is told the video arrived and the slot takes the next video.
class VideoDelivery {
 public:
  /// @brief Delivery for the clusters of `runtimes`; `region_edges` is filled once the platform exists.
  VideoDelivery(const model::Scenario& scenario, observe::RunOutcome& outcome, std::vector<ClusterRuntime>& runtimes,
                const std::vector<sg4::Host*>& region_edges);
  /// @brief Leaves the transfers still running to SimGrid (dropping them while running would free them twice).
  ~VideoDelivery();
  VideoDelivery(const VideoDelivery&) = delete;
  VideoDelivery& operator=(const VideoDelivery&) = delete;

  /// @brief Makes cluster c's delivery slots available (and, once per run, listens to SimGrid's completions).
  void start(std::size_t cluster);
  /// @brief Queues a finished video of `cluster` whose job waited `wait_s` in the queue and took `generation_s` on
  /// the GPU, and sends it at once if a slot is free.
  void hand_over(std::size_t cluster, const policies::JobTicket& job, double wait_s, double generation_s = 0.0);

 private:
  /// A transfer on its way.
  struct InFlight {
    std::size_t cluster = 0;
    Delivery delivery;
    sg4::CommPtr comm;
  };
  /// Sends the next queued video of `cluster` on a free slot.
  void send_next(std::size_t cluster);
  /// A transfer ended: the market learns of the arrival, the slot takes the next video.
  void on_completion(const sg4::Activity& activity);

  const model::Scenario& scenario_;
  observe::RunOutcome& outcome_;
  std::vector<ClusterRuntime>& runtimes_;
  const std::vector<sg4::Host*>& region_edges_;
  std::vector<std::int64_t> free_slots_;  ///< per cluster
  std::unordered_map<const sg4::Activity*, InFlight> in_flight_;
  std::vector<sg4::CommPtr> ended_;  ///< kept until their completion callbacks have returned
};

}  // namespace gvsim::engine
