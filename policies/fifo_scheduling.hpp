#pragma once

#include <deque>

#include "policies/scheduling_policy.hpp"

namespace gvsim::policies {

/// @brief First come, first served.
class FifoScheduling final : public SchedulingPolicy {
 public:
  void push(const JobTicket& job) override { queue_.push_back(job); }
  std::optional<JobTicket> pop(const QueueState& state) override;
  std::size_t size() const override { return queue_.size(); }

 private:
  std::deque<JobTicket> queue_;
};

}  // namespace gvsim::policies
