#pragma once

#include <simgrid/forward.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "sim/engine/event_calendar.hpp"
#include "sim/engine/job_router.hpp"
#include "sim/engine/video_delivery.hpp"
#include "sim/model/scenario.hpp"
#include "sim/observe/run_outcome.hpp"

namespace gvsim::engine {

class JobSource;

/// @brief Brings jobs in: one actor per region stepping its user market, or synthetic arrivals on the calendar.
///
/// In users mode with moderation, a GPU that holds a video for review adds an event to the region's market
/// calendar; the region's actor then sleeps on a semaphore released then (on_video_held) instead of sleeping
/// until its next known event. Synthetic arrivals are events of the run's EventCalendar, one pending per load.
class MarketDriver {
 public:
  /// @brief Drivers submitting through `router` and handing reviewed videos to `delivery`.
  MarketDriver(const model::Scenario& scenario, observe::RunOutcome& outcome, JobRouter& router,
               VideoDelivery& delivery, EventCalendar& calendar);
  ~MarketDriver();
  MarketDriver(const MarketDriver&) = delete;
  MarketDriver& operator=(const MarketDriver&) = delete;

  /// @brief Users mode: creates one market actor per region on its edge host (and its wake-up semaphore).
  void start_markets(const std::vector<sg4::Host*>& region_edges);
  /// @brief Synthetic mode: schedules the first arrival of each synthetic load, in the order the workload lists them.
  void start_arrivals();
  /// @brief A GPU held a video of `region` for review: its market actor looks at its calendar again.
  void on_video_held(std::size_t region);

 private:
  /// One synthetic load: its source, its inference policy and its next arrival.
  struct ArrivalStream;
  /// Draws the next arrival of `stream` and schedules it (nothing at or after the horizon).
  void schedule_arrival(ArrivalStream& stream);
  /// The arrival of `stream` due now: its job is drawn and submitted, the next one scheduled.
  void arrive(ArrivalStream& stream);
  void drive_market(std::size_t region);

  const model::Scenario& scenario_;
  observe::RunOutcome& outcome_;
  JobRouter& router_;
  VideoDelivery& delivery_;
  EventCalendar& calendar_;
  std::vector<std::unique_ptr<ArrivalStream>> arrivals_;
  std::vector<sg4::SemaphorePtr> wake_;  ///< per region in users mode with moderation: new calendar event
};

}  // namespace gvsim::engine
