// Strict priority of paying users' jobs.
#include "policies/tier_queues.hpp"

namespace gvsim::policies {
namespace {

/// Strict priority: a paying user's job always starts before any free user's job; FIFO within a tier.
class PaidPriorityScheduling final : public TieredScheduling {
 public:
  std::optional<JobTicket> pop(const QueueState&) override {
    if (auto job = lines_.take_paid()) return job;
    return lines_.take_free();
  }
};

[[maybe_unused]] const bool registered =
    SchedulingRegistry::add<PaidPriorityScheduling>({"paid_priority", 20, "paying users strictly first"});

}  // namespace
}  // namespace gvsim::policies
