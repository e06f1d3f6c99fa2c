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
                           VideoDelivery& delivery)
    : scenario_(scenario), outcome_(outcome), router_(router), delivery_(delivery) {}

void MarketDriver::start_markets(const std::vector<sg4::Host*>& region_edges) {
  for (std::size_t r = 0; r < scenario_.regions.size(); ++r) {
    // With moderation, a video held for review adds an event to the region's calendar from a worker.
    wake_.push_back(outcome_.market->moderation() != nullptr ? sg4::Semaphore::create(0) : nullptr);
    sg4::Actor::create("market/" + scenario_.regions[r].name, region_edges[r], [this, r] {
      drive_market(r);
    })->daemonize();
  }
}

void MarketDriver::start_arrivals(const std::vector<sg4::Host*>& region_edges) {
  const auto& experiment = scenario_.experiment;
  for (const auto& load : experiment.workload.synthetic) {
    const std::size_t region = model::region_index(scenario_, load.region.name);
    auto source = std::make_shared<JobSource>(load, experiment.workload.clip_classes, experiment.seed,
                                              static_cast<std::uint64_t>(experiment.replication));
    std::shared_ptr<const policies::InferencePolicy> inference = experiment.policies.inference.make();
    sg4::Actor::create("arrivals/" + load.region.name, region_edges[region], [this, region, source, inference] {
      arrive(region, *source, *inference);
    })->daemonize();
  }
}

void MarketDriver::on_video_held(std::size_t region) {
  wake_[region]->release();
}

void MarketDriver::arrive(std::size_t region, JobSource& source, const policies::InferencePolicy& inference) {
  const double horizon = outcome_.recorder.horizon_s();
  double t = 0.0;
  std::uint64_t sequence = 0;
  for (;;) {
    t = source.next_arrival_after(t);
    if (t >= horizon) return;
    sg4::this_actor::sleep_until(t);
    policies::JobTicket job;
    job.id = (static_cast<std::uint64_t>(region) << 40) | sequence++;
    job.submit_time_s = t;
    job.origin_region = static_cast<std::uint32_t>(region);
    job.work_gpu_s = source.next_work_s(job.clip_class) * inference.effect(t / 86400.0).work_factor;
    job.paid = source.next_paid();
    router_.submit(region, job);
  }
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
