#pragma once

#include "policies/policy_specs.hpp"
#include "policies/scheduling_policy.hpp"
#include "policies/tier_queues.hpp"

namespace gvsim::policies {

/// @brief Paid jobs first; free jobs wait in a relaxed line and may occupy at most a share of the GPUs, so
/// capacity is always left for paying users even when the free line is long.
class RelaxedFreeScheduling final : public SchedulingPolicy {
 public:
  /// @brief A queue capping free jobs at `params.free_gpu_share` of the GPUs in service (at least one GPU).
  explicit RelaxedFreeScheduling(const RelaxedFreeParams& params) : free_gpu_share_(params.free_gpu_share) {}
  void push(const JobTicket& job) override { lines_.push(job); }
  std::optional<JobTicket> pop(const QueueState& state) override;
  std::size_t size() const override { return lines_.paid_size() + lines_.free_size(); }

 private:
  TierQueues lines_;
  double free_gpu_share_;
};

}  // namespace gvsim::policies
