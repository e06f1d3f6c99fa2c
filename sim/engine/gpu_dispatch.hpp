#pragma once

#include <simgrid/forward.h>

#include <cstddef>
#include <vector>

#include "policies/job_ticket.hpp"
#include "sim/engine/cluster_runtime.hpp"
#include "sim/engine/event_calendar.hpp"
#include "sim/engine/market_driver.hpp"
#include "sim/engine/video_delivery.hpp"
#include "sim/model/scenario.hpp"
#include "sim/observe/run_outcome.hpp"

namespace gvsim::engine {

/// @brief Runs each cluster's GPUs: hands queued jobs to idle GPU slots and ends each job on the run's calendar.
///
/// A GPU runs one job at a time at its SimGrid host's constant speed, so a job on slot s lasts its work over that
/// host's speed; its end is an event of the EventCalendar (one kernel timer for the earliest event), not an actor
/// or an activity. Idle slots wait in a first-in first-out line, like workers blocked on a semaphore: a queued job
/// goes to the slot idle longest, a slot that ends a job takes the next one at once. A slot released while idle
/// (kRetiredIdle) leaves the line when its turn comes; one released while busy (kRetiring) parks when its job ends,
/// after its clip has gone on. In users mode a finished generation is settled with the market: a failed one is
/// reported, a video that passes moderation goes to delivery, and one held for review wakes its region's market.
class GpuDispatch {
 public:
  /// @brief Dispatch for the clusters of `runtimes`, timing jobs on `calendar`, handing videos to `delivery` and
  /// held ones to `markets`.
  GpuDispatch(const model::Scenario& scenario, observe::RunOutcome& outcome, std::vector<ClusterRuntime>& runtimes,
              EventCalendar& calendar, VideoDelivery& delivery, MarketDriver& markets);

  /// @brief Registers the GPU slots of cluster c (one per host, in slot order, speeds read from the hosts); the
  /// slots in service join the idle line in slot order.
  void start(std::size_t cluster, const std::vector<sg4::Host*>& hosts);
  /// @brief Starts queued jobs of cluster c on idle slots while the scheduling policy lets one start.
  void dispatch(std::size_t cluster);
  /// @brief A parked slot of cluster c was put back in service: it joins the end of the idle line.
  void on_activated(std::size_t cluster, std::size_t slot);

 private:
  /// Starts `job` (taken from the queue at time `now`) on `slot`, or records its abandonment.
  void start_job(std::size_t cluster, std::size_t slot, const policies::JobTicket& job, double now);
  /// The job on `slot` ends now.
  void complete(std::size_t cluster, std::size_t slot);
  /// A generated clip (`generation_s` on the GPU): fails, or goes through the video check to delivery (or review).
  void finish_job(std::size_t cluster, const policies::JobTicket& job, double wait, double generation_s);

  const model::Scenario& scenario_;
  observe::RunOutcome& outcome_;
  std::vector<ClusterRuntime>& runtimes_;
  EventCalendar& calendar_;
  VideoDelivery& delivery_;
  MarketDriver& markets_;
};

}  // namespace gvsim::engine
