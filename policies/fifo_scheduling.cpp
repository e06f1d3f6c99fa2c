// First come, first served.
#include <deque>

#include "policies/scheduling_policy.hpp"

namespace gvsim::policies {
namespace {

/// First come, first served.
class FifoScheduling final : public SchedulingPolicy {
 public:
  void push(const JobTicket& job) override { queue_.push_back(job); }
  std::optional<JobTicket> pop(const QueueState&) override {
    if (queue_.empty()) return std::nullopt;
    JobTicket job = queue_.front();
    queue_.pop_front();
    return job;
  }
  std::size_t size() const override { return queue_.size(); }

 private:
  std::deque<JobTicket> queue_;
};

[[maybe_unused]] const bool registered =
    SchedulingRegistry::add<FifoScheduling>({"fifo", 10, "first come first served"});

}  // namespace
}  // namespace gvsim::policies
