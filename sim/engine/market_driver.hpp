#pragma once

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

/// @brief Brings jobs in as events of the run's EventCalendar: each region's user market, or synthetic arrivals.
///
/// Users mode: one pending step per region, at its market's next event time; a step runs the market's event and
/// submits its request (or hands a reviewed video to delivery), then schedules the next. With moderation, a GPU that
/// holds a video for review adds an event to the region's market calendar (on_video_held): if it comes before the
/// pending step, an earlier step is scheduled and the pending one goes stale. Synthetic mode: one pending arrival
/// per load.
class MarketDriver {
 public:
  /// @brief Drivers submitting through `router` and handing reviewed videos to `delivery`.
  MarketDriver(const model::Scenario& scenario, observe::RunOutcome& outcome, JobRouter& router,
               VideoDelivery& delivery, EventCalendar& calendar);
  ~MarketDriver();
  MarketDriver(const MarketDriver&) = delete;
  MarketDriver& operator=(const MarketDriver&) = delete;

  /// @brief Users mode: schedules the first market step of each region, in region order.
  void start_markets();
  /// @brief Synthetic mode: schedules the first arrival of each synthetic load, in the order the workload lists them.
  void start_arrivals();
  /// @brief A GPU held a video of `region` for review: the region's next step is looked up again.
  void on_video_held(std::size_t region);

 private:
  /// One synthetic load: its source, its inference policy and its next arrival.
  struct ArrivalStream;
  /// Draws the next arrival of `stream` and schedules it (nothing at or after the horizon).
  void schedule_arrival(ArrivalStream& stream);
  /// The arrival of `stream` due now: its job is drawn and submitted, the next one scheduled.
  void arrive(ArrivalStream& stream);
  /// Schedules the next step of `region`'s market unless one is pending at that time or earlier.
  void schedule_step(std::size_t region);
  /// Runs the market event of `region` due now.
  void step_market(std::size_t region);

  const model::Scenario& scenario_;
  observe::RunOutcome& outcome_;
  JobRouter& router_;
  VideoDelivery& delivery_;
  EventCalendar& calendar_;
  std::vector<std::unique_ptr<ArrivalStream>> arrivals_;
  std::vector<double> next_step_s_;          ///< per region: time of the pending market step (infinity: none)
  std::vector<std::uint64_t> step_version_;  ///< per region: the pending step's number (older ones are stale)
  std::vector<std::uint64_t> sequence_;      ///< per region: tickets issued
};

}  // namespace gvsim::engine
