#include "policies/fifo_scheduling.hpp"

namespace gvsim::policies {

JobTicket FifoScheduling::pop() {
  JobTicket job = queue_.front();
  queue_.pop_front();
  return job;
}

}  // namespace gvsim::policies
