#include "policies/paid_priority_scheduling.hpp"

namespace gvsim::policies {

std::optional<JobTicket> PaidPriorityScheduling::pop(const QueueState&) {
  if (auto job = lines_.take_paid()) return job;
  return lines_.take_free();
}

}  // namespace gvsim::policies
