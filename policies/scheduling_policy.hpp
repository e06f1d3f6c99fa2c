#pragma once

#include <cstddef>

#include "policies/job_ticket.hpp"

namespace gvsim::policies {

/// @brief The waiting line of one cluster: decides which job a freed GPU takes next.
class SchedulingPolicy {
 public:
  virtual ~SchedulingPolicy() = default;
  /// @brief Adds a job to the queue.
  virtual void push(const JobTicket& job) = 0;
  /// @brief Removes and returns the next job; only called when size() > 0.
  virtual JobTicket pop() = 0;
  /// @brief Number of jobs waiting.
  virtual std::size_t size() const = 0;
};

}  // namespace gvsim::policies
