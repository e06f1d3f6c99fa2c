#include "policies/fifo_scheduling.hpp"

namespace gvsim::policies {

std::optional<JobTicket> FifoScheduling::pop(const QueueState&) {
  if (queue_.empty()) return std::nullopt;
  JobTicket job = queue_.front();
  queue_.pop_front();
  return job;
}

}  // namespace gvsim::policies
