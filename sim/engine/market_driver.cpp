#include "sim/engine/market_driver.hpp"

#include <simgrid/engine.h>  // simgrid_get_clock(): s4u/Engine.hpp takes seconds to compile

#include <algorithm>
#include <cstdint>
#include <limits>
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

void MarketDriver::start_markets() {
  const std::size_t regions = scenario_.regions.size();
  next_step_s_.assign(regions, std::numeric_limits<double>::infinity());
  step_version_.assign(regions, 0);
  sequence_.assign(regions, 0);
  for (std::size_t r = 0; r < regions; ++r)
    schedule_step(r);
}

void MarketDriver::schedule_step(std::size_t region) {
  const double t = outcome_.market->next_event_time(region);
  if (!(t < next_step_s_[region])) return;
  // An earlier event than the one scheduled (a video held for review): the scheduled step goes stale.
  next_step_s_[region] = t;
  const std::uint64_t key = (static_cast<std::uint64_t>(region) << 40) | ++step_version_[region];
  calendar_.at(std::max(t, simgrid_get_clock()), [this, key] {
    const std::size_t r = key >> 40;
    if ((key & ((std::uint64_t{1} << 40) - 1)) == step_version_[r]) step_market(r);
  });
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
  schedule_step(region);
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

void MarketDriver::step_market(std::size_t region) {
  auto& market = *outcome_.market;
  const double t = next_step_s_[region];
  next_step_s_[region] = std::numeric_limits<double>::infinity();
  const auto request = market.step(region);
  if (auto video = market.take_released_video()) {  // a reviewed video cleared for delivery
    delivery_.hand_over(video->cluster, as_ticket(video->job, region, t, sequence_[region]++), video->wait_s);
  }
  if (request) router_.submit(region, as_ticket(*request, region, t, sequence_[region]++));
  schedule_step(region);
}

}  // namespace gvsim::engine
