#include "sim/engine/gpu_dispatch.hpp"

#include <simgrid/engine.h>  // simgrid_get_clock(): s4u/Engine.hpp takes seconds to compile
#include <simgrid/s4u/Host.hpp>

#include <cstdint>

#include "sim/engine/ticket_conversion.hpp"
#include "sim/platform/platform_builder.hpp"

namespace gvsim::engine {

GpuDispatch::GpuDispatch(const model::Scenario& scenario, observe::RunOutcome& outcome,
                         std::vector<ClusterRuntime>& runtimes, EventCalendar& calendar, VideoDelivery& delivery,
                         MarketDriver& markets)
    : scenario_(scenario),
      outcome_(outcome),
      runtimes_(runtimes),
      calendar_(calendar),
      delivery_(delivery),
      markets_(markets) {}

void GpuDispatch::start(std::size_t cluster, const std::vector<sg4::Host*>& hosts) {
  auto& runtime = runtimes_[cluster];
  runtime.running_jobs.resize(hosts.size());
  for (std::size_t slot = 0; slot < hosts.size(); ++slot) {
    runtime.host_speed.push_back(hosts[slot]->get_speed());
    if (runtime.slots[slot] != SlotState::kParked) runtime.idle.push_back(static_cast<std::uint32_t>(slot));
  }
}

void GpuDispatch::on_activated(std::size_t cluster, std::size_t slot) {
  runtimes_[cluster].idle.push_back(static_cast<std::uint32_t>(slot));
}

void GpuDispatch::dispatch(std::size_t cluster) {
  auto& runtime = runtimes_[cluster];
  while (!runtime.idle.empty() && runtime.queue->size() > 0) {
    const std::size_t slot = runtime.idle.front();
    if (runtime.slots[slot] == SlotState::kRetiredIdle) {
      // Released while idle: its turn came, it leaves service and lets the next idle slot take the job.
      runtime.slots[slot] = SlotState::kParked;
      runtime.idle.pop_front();
      continue;
    }
    const policies::QueueState state{runtime.in_service, runtime.running_free, runtime.running_paid};
    const auto job = runtime.queue->pop(state);
    if (!job) return;  // tier caps hold every waiting job: tried again when a free job ends or a job is queued
    runtime.idle.pop_front();
    start_job(cluster, slot, *job, simgrid_get_clock());
  }
}

void GpuDispatch::start_job(std::size_t cluster, std::size_t slot, const policies::JobTicket& job, double now) {
  auto& runtime = runtimes_[cluster];
  const double wait = now - job.submit_time_s;
  if (wait > job.patience_s) {
    // The user gave up while the job waited; it leaves the queue unserved (lazy removal at pop time). The slot
    // stays first in line if more jobs wait.
    outcome_.recorder.on_abandon(cluster, job.submit_time_s, now);
    outcome_.market->on_abandoned(as_request(job), now);
    ++outcome_.events;
    if (runtime.queue->size() > 0) {
      runtime.idle.push_front(static_cast<std::uint32_t>(slot));
    } else {
      runtime.idle.push_back(static_cast<std::uint32_t>(slot));
    }
    return;
  }
  outcome_.recorder.on_start(cluster, slot, job.submit_time_s, now, job.origin_region, job.paid);
  if (outcome_.market != nullptr)
    outcome_.segment_gpu.on_start(cluster, slot, outcome_.market->segment_group(as_request(job)), now);
  ++outcome_.events;
  ++(job.paid ? runtime.running_paid : runtime.running_free);
  runtime.running_jobs[slot] = RunningJob{job, wait, now};
  // One job at a time at the host's constant SimGrid speed: the job lasts its work over that speed, and its end is
  // a calendar event (no CPU-model action, no actor: nothing uses the host model, no energy plugin or speed profile).
  const double duration = job.work_gpu_s * platform::kReferenceFlops / runtime.host_speed[slot];
  const std::uint64_t key = (static_cast<std::uint64_t>(cluster) << 32) | slot;
  calendar_.at(now + duration, [this, key] { complete(key >> 32, key & 0xffffffffU); });
}

void GpuDispatch::complete(std::size_t cluster, std::size_t slot) {
  auto& runtime = runtimes_[cluster];
  const RunningJob run = runtime.running_jobs[slot];
  const double now = simgrid_get_clock();
  --(run.job.paid ? runtime.running_paid : runtime.running_free);
  outcome_.recorder.on_complete(cluster, slot, now);
  if (outcome_.market != nullptr) outcome_.segment_gpu.on_complete(cluster, slot, now);
  ++outcome_.events;
  // The finished clip goes on before a retiring GPU parks: its video must not wait for the GPU to return.
  finish_job(cluster, run.job, run.wait_s, now - run.start_s);
  if (runtime.slots[slot] == SlotState::kRetiring) {
    --runtime.in_service;
    outcome_.recorder.on_capacity(cluster, now, runtime.in_service, runtime.reserved);
    runtime.slots[slot] = SlotState::kParked;
    // A free job's end may let a job held by the tier caps start on another idle slot.
    if (!run.job.paid) dispatch(cluster);
    return;
  }
  runtime.idle.push_back(static_cast<std::uint32_t>(slot));
  dispatch(cluster);
}

void GpuDispatch::finish_job(std::size_t cluster, const policies::JobTicket& job, double wait, double generation_s) {
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
