#pragma once

#include "policies/scheduling_policy.hpp"
#include "policies/tier_queues.hpp"

namespace gvsim::policies {

/// @brief Strict priority: a paying user's job always starts before any free user's job; FIFO within a tier.
class PaidPriorityScheduling final : public SchedulingPolicy {
 public:
  void push(const JobTicket& job) override { lines_.push(job); }
  std::optional<JobTicket> pop(const QueueState& state) override;
  std::size_t size() const override { return lines_.paid_size() + lines_.free_size(); }

 private:
  TierQueues lines_;
};

}  // namespace gvsim::policies
