#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "policies/job_ticket.hpp"
#include "policies/registry.hpp"

namespace gvsim::policies {

/// @brief Read-only state of a cluster when a GPU looks for its next job.
struct QueueState {
  std::int64_t gpus = 1;          ///< GPUs in service
  std::int64_t running_free = 0;  ///< jobs of free users running now
  std::int64_t running_paid = 0;  ///< jobs of paying users (and synthetic jobs) running now
};

/// @brief The waiting line of one cluster: decides which job a freed GPU takes next.
class SchedulingPolicy {
 public:
  /// @brief The kind's name in messages.
  static constexpr const char* kKind = "scheduling";
  virtual ~SchedulingPolicy() = default;
  /// @brief Adds a job to the queue.
  virtual void push(const JobTicket& job) = 0;
  /// @brief Removes and returns the next job, or nothing when no waiting job may start in `state`.
  virtual std::optional<JobTicket> pop(const QueueState& state) = 0;
  /// @brief Number of jobs waiting.
  virtual std::size_t size() const = 0;
};

/// @brief The scheduling implementations.
using SchedulingRegistry = Registry<SchedulingPolicy, NoContext>;
/// @brief A scheduling choice with the parameters of every implementation.
using SchedulingSelection = Selection<SchedulingPolicy, NoContext>;

}  // namespace gvsim::policies
