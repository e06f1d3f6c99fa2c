#pragma once

#include <simgrid/forward.h>

#include <cstddef>
#include <vector>

#include "sim/engine/job_router.hpp"
#include "sim/engine/video_delivery.hpp"
#include "sim/model/scenario.hpp"
#include "sim/observe/run_outcome.hpp"

namespace gvsim::engine {

class JobSource;

/// @brief Owns the actors that bring jobs in: one per region, stepping its user market or its synthetic arrivals.
///
/// In users mode with moderation, a worker that holds a video for review adds an event to the region's market
/// calendar; the region's actor then sleeps on a semaphore the worker releases (on_video_held) instead of sleeping
/// until its next known event.
class MarketDriver {
 public:
  /// @brief Drivers submitting through `router` and handing reviewed videos to `delivery`.
  MarketDriver(const model::Scenario& scenario, observe::RunOutcome& outcome, JobRouter& router,
               VideoDelivery& delivery);

  /// @brief Users mode: creates one market actor per region on its edge host (and its wake-up semaphore).
  void start_markets(const std::vector<sg4::Host*>& region_edges);
  /// @brief Synthetic mode: creates one arrival actor per synthetic load, in the order the workload lists them.
  void start_arrivals(const std::vector<sg4::Host*>& region_edges);
  /// @brief A worker held a video of `region` for review: its market actor looks at its calendar again.
  void on_video_held(std::size_t region);

 private:
  void arrive(std::size_t region, JobSource& source, const policies::InferencePolicy& inference);
  void drive_market(std::size_t region);

  const model::Scenario& scenario_;
  observe::RunOutcome& outcome_;
  JobRouter& router_;
  VideoDelivery& delivery_;
  std::vector<sg4::SemaphorePtr> wake_;  ///< per region in users mode with moderation: new calendar event
};

}  // namespace gvsim::engine
