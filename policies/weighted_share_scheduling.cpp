// Weighted sharing of the GPUs between paid and free jobs.
#include "policies/tier_queues.hpp"

namespace gvsim::policies {
namespace {

/// Parameters of weighted sharing between paid and free jobs.
struct WeightedShareParams {
  double paid_weight = 3.0;  ///< paid jobs started per free job when both wait
};

void describe(schema::Fields& f, WeightedShareParams& v) {
  f.number("paid_weight", v.paid_weight, schema::NumberRule::between(0.01, 1000.0),
           "paid jobs started per free job while both tiers wait");
}

/// While both tiers wait, paid and free jobs start in the ratio paid_weight : 1 (smooth weighted round robin,
/// deterministic); an idle tier lends its share to the other.
class WeightedShareScheduling final : public TieredScheduling {
 public:
  explicit WeightedShareScheduling(const WeightedShareParams& params) : paid_weight_(params.paid_weight) {}

  std::optional<JobTicket> pop(const QueueState&) override {
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

 private:
  double paid_weight_;
  double paid_credit_ = 0.0;
  double free_credit_ = 0.0;
};

[[maybe_unused]] const bool registered = SchedulingRegistry::add<WeightedShareScheduling, WeightedShareParams>(
    {"weighted_share", 30, "paid and free jobs in a fixed ratio", "parameters of weighted_share"});

}  // namespace
}  // namespace gvsim::policies
