#include "sim/engine/video_delivery.hpp"

#include <simgrid/engine.h>  // simgrid_get_clock(): s4u/Engine.hpp takes seconds to compile
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Semaphore.hpp>

#include <cstdint>

#include "sim/engine/ticket_conversion.hpp"

namespace gvsim::engine {

VideoDelivery::VideoDelivery(const model::Scenario& scenario, observe::RunOutcome& outcome,
                             std::vector<ClusterRuntime>& runtimes, const std::vector<sg4::Host*>& region_edges)
    : scenario_(scenario), outcome_(outcome), runtimes_(runtimes), region_edges_(region_edges) {}

void VideoDelivery::start(std::size_t cluster) {
  for (std::int64_t k = 0; k < scenario_.experiment.workload.users.delivery_slots_per_cluster; ++k) {
    sg4::Actor::create("delivery", runtimes_[cluster].source_host, [this, cluster] { deliver(cluster); })->daemonize();
  }
}

void VideoDelivery::hand_over(std::size_t cluster, const policies::JobTicket& job, double wait_s, double generation_s) {
  auto& runtime = runtimes_[cluster];
  runtime.deliveries.push_back(Delivery{job, wait_s, generation_s, simgrid_get_clock()});
  runtime.delivery_available->release();
}

void VideoDelivery::deliver(std::size_t cluster) {
  auto& runtime = runtimes_[cluster];
  const auto& classes = scenario_.experiment.workload.clip_classes;
  for (;;) {
    runtime.delivery_available->acquire();
    const Delivery delivery = runtime.deliveries.front();
    runtime.deliveries.pop_front();
    const double megabytes = classes[delivery.job.clip_class].video_megabytes;
    outcome_.recorder.on_egress(cluster, simgrid_get_clock(), megabytes / 1000.0, delivery.job.origin_region);
    // One real video's bytes over links of 1/scale bandwidth (platform_builder): the links carry the real-world
    // load, like the GPUs (the recorded egress stays simulated and is scaled in the books).
    sg4::Comm::sendto(runtime.source_host, region_edges_[delivery.job.origin_region],
                      static_cast<std::uint64_t>(megabytes * 1e6));
    const double now = simgrid_get_clock();
    const users::DeliveryTiming timing{delivery.wait_s, delivery.generation_s, now - delivery.handed_s};
    outcome_.market->on_delivered(as_request(delivery.job), timing, now);
    outcome_.latency.on_delivered(delivery.job.origin_region, now, timing.latency_s(), timing.delivery_s);
  }
}

}  // namespace gvsim::engine
