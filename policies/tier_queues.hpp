#pragma once

#include <deque>
#include <optional>

#include "policies/job_ticket.hpp"
#include "policies/scheduling_policy.hpp"

namespace gvsim::policies {

/// @brief Two FIFO lines, one for paying users' jobs and one for free users' jobs; the building block of the
/// tier-aware scheduling policies.
class TierQueues {
 public:
  /// @brief Appends the job to its tier's line.
  void push(const JobTicket& job) { (job.paid ? paid_ : free_).push_back(job); }
  /// @brief Takes the oldest job of the paid line (nothing when empty).
  std::optional<JobTicket> take_paid() { return take(paid_); }
  /// @brief Takes the oldest job of the free line (nothing when empty).
  std::optional<JobTicket> take_free() { return take(free_); }
  /// @brief Jobs waiting in the paid line.
  std::size_t paid_size() const { return paid_.size(); }
  /// @brief Jobs waiting in the free line.
  std::size_t free_size() const { return free_.size(); }

 private:
  static std::optional<JobTicket> take(std::deque<JobTicket>& line) {
    if (line.empty()) return std::nullopt;
    JobTicket job = line.front();
    line.pop_front();
    return job;
  }
  std::deque<JobTicket> paid_;
  std::deque<JobTicket> free_;
};

/// @brief A scheduling policy over a paid line and a free line; implementations decide which line a GPU serves.
class TieredScheduling : public SchedulingPolicy {
 public:
  void push(const JobTicket& job) final { lines_.push(job); }
  std::size_t size() const final { return lines_.paid_size() + lines_.free_size(); }

 protected:
  TierQueues lines_;  ///< the jobs waiting, by tier
};

}  // namespace gvsim::policies
