#pragma once

#include <simgrid/forward.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "policies/capacity_policy.hpp"
#include "policies/job_ticket.hpp"
#include "policies/scheduling_policy.hpp"
#include "sim/rng/random_stream.hpp"

namespace gvsim::engine {

namespace sg4 = simgrid::s4u;

/// @brief A finished video waiting for a delivery slot.
struct Delivery {
  policies::JobTicket job;
  double wait_s = 0.0;
  double generation_s = 0.0;  ///< GPU time of the generation (0 for a video released by a review)
  double handed_s = 0.0;      ///< when the video was handed over for delivery
};

/// @brief A job on a GPU slot.
struct RunningJob {
  policies::JobTicket job;
  double wait_s = 0.0;   ///< its wait in the queue
  double start_s = 0.0;  ///< when it started
};

/// @brief Where a GPU slot (one host) stands with respect to capacity.
enum class SlotState {
  kActive,       ///< in service
  kRetiring,     ///< released while running a job: leaves service when the job ends
  kRetiredIdle,  ///< released while idle: leaves service at once, leaves the idle line when its turn comes
  kParked,       ///< out of service, out of the idle line until the slot is activated again
};

/// @brief A capacity order on its way: GPUs that enter service at `ready_s`.
struct PendingOrder {
  double ready_s = 0.0;
  std::int64_t gpus = 0;
  bool reserved = false;  ///< a scheduled expansion (reserved contract) rather than an on-demand order
};

/// @brief The live state of one cluster during a run.
struct ClusterRuntime {
  std::unique_ptr<policies::SchedulingPolicy> queue;
  std::deque<std::uint32_t> idle;        ///< GPU slots waiting for a job, the longest idle first
  std::vector<double> host_speed;        ///< per slot: its SimGrid host's speed (flop/s)
  std::vector<RunningJob> running_jobs;  ///< per slot: the job it runs (meaningless while idle)
  std::int64_t running_free = 0;
  std::int64_t running_paid = 0;
  std::deque<Delivery> deliveries;
  sg4::Host* source_host = nullptr;
  std::unique_ptr<rng::RandomStream> failures;  ///< stream `failures/CLUSTER`: which generations fail
  // Capacity.
  std::unique_ptr<policies::CapacityPolicy> capacity;
  std::int64_t base_gpus = 1;
  std::int64_t in_service = 1;
  std::int64_t reserved = 1;
  std::int64_t on_order = 0;
  std::vector<SlotState> slots;
  std::vector<PendingOrder> orders;  ///< scheduled expansions and on-demand orders not yet in service
  double last_check_s = 0.0;
  double last_busy_s = 0.0;
  double last_provisioned_s = 0.0;
  double last_wait_sum_s = 0.0;
  std::int64_t last_started = 0;
};

}  // namespace gvsim::engine
