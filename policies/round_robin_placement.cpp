// Round-robin placement: the allowed clusters take turns.
#include "policies/placement_policy.hpp"

namespace gvsim::policies {
namespace {

/// Parameters of the round-robin placement.
struct RoundRobinParams {
  double max_load = 4.0;  ///< jobs per GPU (queued + running) at which a cluster loses its turn
};

void describe(schema::Fields& f, RoundRobinParams& v) {
  f.number("max_load", v.max_load, schema::NumberRule::positive("jobs/GPU"),
           "queued + running jobs per GPU at which a cluster loses its turn while another allowed cluster is under "
           "it (when all are at or above it, every cluster takes its turn)");
}

/// The allowed clusters in turn, by cluster index: each job goes to the next allowed cluster after the one that
/// served the previous job, wrapping around; a cluster at or above `max_load` is passed over while another allowed
/// cluster is under it. Spreads a region's jobs evenly without looking at latency or cost, and stays deterministic
/// when the allowed set changes from job to job (the turn follows cluster indices, not positions).
class RoundRobinPlacement final : public PlacementPolicy {
 public:
  explicit RoundRobinPlacement(const RoundRobinParams& params) : max_load_(params.max_load) {}

  std::size_t choose(std::span<const ClusterView> allowed) const override {
    bool any_under = false;
    for (const auto& v : allowed)
      any_under = any_under || v.load() < max_load_;
    const std::size_t best = best_by(allowed, [&](const ClusterView& v) {
      const bool passed_over = any_under && !(v.load() < max_load_);
      const bool next_round = served_ && v.cluster <= last_;
      return std::tuple(passed_over, next_round, v.cluster);
    });
    last_ = allowed[best].cluster;
    served_ = true;
    return best;
  }

 private:
  double max_load_;
  // The turn is the policy's only state. Each region's jobs have their own instance, and jobs are placed one at a
  // time (the simulation is single-threaded), so the const interface stays free of races.
  mutable std::size_t last_ = 0;  ///< cluster that served the previous job
  mutable bool served_ = false;   ///< a job has been placed
};

[[maybe_unused]] const bool registered = PlacementRegistry::add<RoundRobinPlacement, RoundRobinParams>(
    {"round_robin", 60, "the allowed clusters in turn, passing over loaded ones", "parameters of round_robin"});

}  // namespace
}  // namespace gvsim::policies
