#pragma once

#include "policies/policy_specs.hpp"
#include "policies/scheduling_policy.hpp"
#include "policies/tier_queues.hpp"

namespace gvsim::policies {

/// @brief Weighted sharing: while both tiers wait, paid and free jobs start in the ratio paid_weight : 1
/// (smooth weighted round robin, deterministic); an idle tier lends its share to the other.
class WeightedShareScheduling final : public SchedulingPolicy {
 public:
  /// @brief A queue with the given weights.
  explicit WeightedShareScheduling(const WeightedShareParams& params) : paid_weight_(params.paid_weight) {}
  void push(const JobTicket& job) override { lines_.push(job); }
  std::optional<JobTicket> pop(const QueueState& state) override;
  std::size_t size() const override { return lines_.paid_size() + lines_.free_size(); }

 private:
  TierQueues lines_;
  double paid_weight_;
  double paid_credit_ = 0.0;
  double free_credit_ = 0.0;
};

}  // namespace gvsim::policies
