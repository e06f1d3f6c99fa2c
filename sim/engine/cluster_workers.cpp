#include "sim/engine/cluster_workers.hpp"

#include <simgrid/engine.h>  // simgrid_get_clock(): s4u/Engine.hpp takes seconds to compile
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Semaphore.hpp>

#include <cstdint>

#include "sim/engine/ticket_conversion.hpp"
#include "sim/platform/platform_builder.hpp"

namespace gvsim::engine {

namespace {

void park(ClusterRuntime& runtime, std::size_t slot) {
  runtime.slots[slot] = SlotState::kParked;
  runtime.slot_wake[slot]->acquire();
}

}  // namespace

ClusterWorkers::ClusterWorkers(const model::Scenario& scenario, observe::RunOutcome& outcome,
                               std::vector<ClusterRuntime>& runtimes, VideoDelivery& delivery, MarketDriver& markets)
    : scenario_(scenario), outcome_(outcome), runtimes_(runtimes), delivery_(delivery), markets_(markets) {}

void ClusterWorkers::start(std::size_t cluster, const std::vector<sg4::Host*>& hosts) {
  auto& runtime = runtimes_[cluster];
  for (std::size_t slot = 0; slot < hosts.size(); ++slot) {
    runtime.slot_wake.push_back(sg4::Semaphore::create(0));
    sg4::Actor::create("worker", hosts[slot], [this, cluster, slot] { work(cluster, slot); })->daemonize();
  }
}

policies::JobTicket ClusterWorkers::next_job(ClusterRuntime& runtime) {
  for (;;) {
    const policies::QueueState state{runtime.in_service, runtime.running_free, runtime.running_paid};
    if (auto job = runtime.queue->pop(state)) return *job;
    ++runtime.cap_parked;
    runtime.cap_wake->acquire();
    --runtime.cap_parked;
  }
}

void ClusterWorkers::work(std::size_t cluster, std::size_t slot) {
  auto& runtime = runtimes_[cluster];
  if (runtime.slots[slot] == SlotState::kParked) runtime.slot_wake[slot]->acquire();
  for (;;) {
    runtime.work_available->acquire();
    if (runtime.slots[slot] == SlotState::kRetiredIdle) {
      runtime.work_available->release();  // the job belongs to a GPU still in service
      park(runtime, slot);
      continue;
    }
    const policies::JobTicket job = next_job(runtime);
    const double now = simgrid_get_clock();
    const double wait = now - job.submit_time_s;
    if (wait > job.patience_s) {
      // The user gave up while the job waited; it leaves the queue unserved (lazy removal at pop time).
      outcome_.recorder.on_abandon(cluster, job.submit_time_s, now);
      outcome_.market->on_abandoned(as_request(job), now);
      ++outcome_.events;
      continue;
    }
    outcome_.recorder.on_start(cluster, slot, job.submit_time_s, now, job.origin_region, job.paid);
    if (outcome_.market != nullptr)
      outcome_.segment_gpu.on_start(cluster, slot, outcome_.market->segment_group(as_request(job)), now);
    ++outcome_.events;
    ++(job.paid ? runtime.running_paid : runtime.running_free);
    // A GPU runs one job at a time at its host's constant SimGrid speed, so the job lasts its work over that speed:
    // a timed sleep, not an execution, which would create, solve and free a CPU-model (LMM) action per job for
    // the same result (nothing uses the host model: no energy plugin, speed profile or shared host).
    sg4::this_actor::sleep_for(job.work_gpu_s * platform::kReferenceFlops / sg4::this_actor::get_host()->get_speed());
    --(job.paid ? runtime.running_paid : runtime.running_free);
    outcome_.recorder.on_complete(cluster, slot, simgrid_get_clock());
    if (outcome_.market != nullptr) outcome_.segment_gpu.on_complete(cluster, slot, simgrid_get_clock());
    ++outcome_.events;
    if (!job.paid && runtime.cap_parked > 0) runtime.cap_wake->release();
    // The finished clip goes on before a retiring GPU parks: its video must not wait for the GPU to return.
    finish_job(cluster, job, wait, simgrid_get_clock() - now);
    if (runtime.slots[slot] == SlotState::kRetiring) {
      --runtime.in_service;
      outcome_.recorder.on_capacity(cluster, simgrid_get_clock(), runtime.in_service, runtime.reserved);
      park(runtime, slot);
    }
  }
}

void ClusterWorkers::finish_job(std::size_t cluster, const policies::JobTicket& job, double wait, double generation_s) {
  if (outcome_.market == nullptr) return;
  auto& runtime = runtimes_[cluster];
  const double failure = scenario_.experiment.workload.clip_classes[job.clip_class].failure_probability;
  if (failure > 0.0 && runtime.failures->bernoulli(failure)) {
    outcome_.market->on_failed(as_request(job), simgrid_get_clock());
    return;
  }
  const auto verdict =
      outcome_.market->check_video(as_request(job), static_cast<std::uint32_t>(cluster), wait, simgrid_get_clock());
  if (verdict == users::ModerationVerdict::kPass) {
    delivery_.hand_over(cluster, job, wait, generation_s);
  } else if (verdict == users::ModerationVerdict::kHeld) {
    markets_.on_video_held(job.origin_region);
  }
}

}  // namespace gvsim::engine
