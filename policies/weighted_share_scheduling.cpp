#include "policies/weighted_share_scheduling.hpp"

namespace gvsim::policies {

std::optional<JobTicket> WeightedShareScheduling::pop(const QueueState&) {
  if (lines_.paid_size() == 0) return lines_.take_free();
  if (lines_.free_size() == 0) return lines_.take_paid();
  // Smooth weighted round robin: each tier earns its weight, the richer tier is served and pays the total.
  paid_credit_ += paid_weight_;
  free_credit_ += 1.0;
  const double total = paid_weight_ + 1.0;
  if (paid_credit_ >= free_credit_) {
    paid_credit_ -= total;
    return lines_.take_paid();
  }
  free_credit_ -= total;
  return lines_.take_free();
}

}  // namespace gvsim::policies
