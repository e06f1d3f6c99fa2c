#include "sim/engine/market_driver.hpp"

#include <simgrid/engine.h>  // simgrid_get_clock(): s4u/Engine.hpp takes seconds to compile
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Semaphore.hpp>

#include <algorithm>
#include <cstdint>
#include <memory>

#include "sim/engine/job_source.hpp"
#include "sim/engine/ticket_conversion.hpp"
#include "sim/model/region_graph.hpp"

namespace gvsim::engine {

MarketDriver::MarketDriver(const model::Scenario& scenario, observe::RunOutcome& outcome, JobRouter& router,
                           VideoDelivery& delivery, EventCalendar& calendar)
    : scenario_(scenario), outcome_(outcome), router_(router), delivery_(delivery), calendar_(calendar) {}

MarketDriver::~MarketDriver() = default;

struct MarketDriver::ArrivalStream {
  std::size_t region = 0;
  std::unique_ptr<JobSource> source;
  std::unique_ptr<const policies::InferencePolicy> inference;
  double t = 0.0;  ///< time of the pending arrival
  std::uint64_t sequence = 0;
};

void MarketDriver::start_markets(const std::vector<sg4::Host*>& region_edges) {
  for (std::size_t r = 0; r < scenario_.regions.size(); ++r) {
    // With moderation, a video held for review adds an event to the region's calendar when its generation ends.
    wake_.push_back(outcome_.market->moderation() != nullptr ? sg4::Semaphore::create(0) : nullptr);
    sg4::Actor::create("market/" + scenario_.regions[r].name, region_edges[r], [this, r] {
      drive_market(r);
    })->daemonize();
  }
}

void MarketDriver::start_arrivals() {
  const auto& experiment = scenario_.experiment;
  for (const auto& load : experiment.workload.synthetic) {
    auto stream = std::make_unique<ArrivalStream>();
    stream->region = model::region_index(scenario_, load.region.name);
    stream->source = std::make_unique<JobSource>(load, experiment.workload.clip_classes, experiment.seed,
                                                 static_cast<std::uint64_t>(experiment.replication));
    stream->inference = experiment.policies.inference.make();
    arrivals_.push_back(std::move(stream));
  }
  for (auto& stream : arrivals_)
    schedule_arrival(*stream);
}

void MarketDriver::on_video_held(std::size_t region) {
  wake_[region]->release();
}

void MarketDriver::schedule_arrival(ArrivalStream& stream) {
  const double t = stream.source->next_arrival_after(stream.t);
  if (!(t < calendar_.horizon_s())) return;
  stream.t = t;
  calendar_.at(t, [this, s = &stream] { arrive(*s); });
}

void MarketDriver::arrive(ArrivalStream& stream) {
  const double t = stream.t;
  policies::JobTicket job;
  job.id = (static_cast<std::uint64_t>(stream.region) << 40) | stream.sequence++;
  job.submit_time_s = t;
  job.origin_region = static_cast<std::uint32_t>(stream.region);
  job.work_gpu_s = stream.source->next_work_s(job.clip_class) * stream.inference->effect(t / 86400.0).work_factor;
  job.paid = stream.source->next_paid();
  router_.submit(stream.region, job);
  schedule_arrival(stream);
}

void MarketDriver::drive_market(std::size_t region) {
  auto& market = *outcome_.market;
  const double horizon = outcome_.recorder.horizon_s();
  std::uint64_t sequence = 0;
  for (;;) {
    const double t = market.next_event_time(region);
    if (wake_[region] != nullptr) {
      // Sleep until the next event, unless a worker adds an earlier one (then look again).
      // (A zero timeout must not reach acquire_timeout, which would then wait without end.)
      const double wait = std::min(t, horizon) - simgrid_get_clock();
      if (wait > 0.0 && !wake_[region]->acquire_timeout(wait)) continue;
      if (t >= horizon) return;
    } else {
      if (t >= horizon) return;
      sg4::this_actor::sleep_until(t);
    }
    const auto request = market.step(region);
    if (auto video = market.take_released_video()) {  // a reviewed video cleared for delivery
      delivery_.hand_over(video->cluster, as_ticket(video->job, region, t, sequence++), video->wait_s);
    }
    if (!request) continue;
    router_.submit(region, as_ticket(*request, region, t, sequence++));
  }
}

}  // namespace gvsim::engine
