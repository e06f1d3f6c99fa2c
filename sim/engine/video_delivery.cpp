#include "sim/engine/video_delivery.hpp"

#include <simgrid/engine.h>  // simgrid_get_clock(): s4u/Engine.hpp takes seconds to compile
#include <simgrid/s4u/Comm.hpp>

#include <cstdint>
#include <utility>

#include "sim/engine/ticket_conversion.hpp"

namespace gvsim::engine {

namespace {

/// The delivery of the run in this process; SimGrid's completion signal is static and cannot be disconnected, so
/// it is connected once and forwards to the current run.
VideoDelivery* g_active = nullptr;

}  // namespace

VideoDelivery::VideoDelivery(const model::Scenario& scenario, observe::RunOutcome& outcome,
                             std::vector<ClusterRuntime>& runtimes, const std::vector<sg4::Host*>& region_edges)
    : scenario_(scenario), outcome_(outcome), runtimes_(runtimes), region_edges_(region_edges) {}

VideoDelivery::~VideoDelivery() {
  if (g_active == this) g_active = nullptr;
  // Transfers still running at the horizon belong to SimGrid now; their handles are left alive on purpose.
  for (auto& [activity, flight] : in_flight_)
    new sg4::CommPtr(std::move(flight.comm));  // NOLINT: deliberate leak at the end of the run
}

void VideoDelivery::start(std::size_t cluster) {
  if (free_slots_.size() <= cluster) free_slots_.resize(runtimes_.size(), 0);
  free_slots_[cluster] = scenario_.experiment.workload.users.delivery_slots_per_cluster;
  static const bool connected = [] {
    sg4::Activity::on_completion_cb([](const sg4::Activity& activity) {
      if (g_active != nullptr) g_active->on_completion(activity);
    });
    return true;
  }();
  (void)connected;
  g_active = this;
}

void VideoDelivery::hand_over(std::size_t cluster, const policies::JobTicket& job, double wait_s, double generation_s) {
  runtimes_[cluster].deliveries.push_back(Delivery{job, wait_s, generation_s, simgrid_get_clock()});
  if (free_slots_[cluster] > 0) send_next(cluster);
}

void VideoDelivery::send_next(std::size_t cluster) {
  auto& runtime = runtimes_[cluster];
  --free_slots_[cluster];
  InFlight flight{cluster, runtime.deliveries.front(), nullptr};
  runtime.deliveries.pop_front();
  const double megabytes = scenario_.experiment.workload.clip_classes[flight.delivery.job.clip_class].video_megabytes;
  outcome_.recorder.on_egress(cluster, simgrid_get_clock(), megabytes / 1000.0, flight.delivery.job.origin_region);
  // One real video's bytes over links of 1/scale bandwidth (platform_builder): the links carry the real-world
  // load, like the GPUs (the recorded egress stays simulated and is scaled in the books).
  flight.comm = sg4::Comm::sendto_init(runtime.source_host, region_edges_[flight.delivery.job.origin_region]);
  flight.comm->set_payload_size(static_cast<std::uint64_t>(megabytes * 1e6));
  const sg4::Activity* key = flight.comm.get();
  auto& stored = in_flight_.emplace(key, std::move(flight)).first->second;
  stored.comm->start();
}

void VideoDelivery::on_completion(const sg4::Activity& activity) {
  const auto it = in_flight_.find(&activity);
  if (it == in_flight_.end()) return;  // another activity (an actor's sleep)
  // Handles of earlier completions can go now; this one must outlive its own callback.
  ended_.clear();
  ended_.push_back(std::move(it->second.comm));
  const std::size_t cluster = it->second.cluster;
  const Delivery delivery = it->second.delivery;
  in_flight_.erase(it);
  ++free_slots_[cluster];
  const double now = simgrid_get_clock();
  const users::DeliveryTiming timing{delivery.wait_s, delivery.generation_s, now - delivery.handed_s};
  outcome_.market->on_delivered(as_request(delivery.job), timing, now);
  outcome_.latency.on_delivered(delivery.job.origin_region, now, timing.latency_s(), timing.delivery_s);
  if (!runtimes_[cluster].deliveries.empty()) send_next(cluster);
}

}  // namespace gvsim::engine
