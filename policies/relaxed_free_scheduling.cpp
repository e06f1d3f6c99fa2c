// Paid jobs first, free jobs capped at a share of the GPUs.
#include <algorithm>
#include <cmath>

#include "policies/tier_queues.hpp"

namespace gvsim::policies {
namespace {

/// Parameters of the relaxed free-tier queue.
struct RelaxedFreeParams {
  double free_gpu_share = 0.5;  ///< largest share of the cluster's GPUs free jobs may occupy at once
};

void describe(schema::Fields& f, RelaxedFreeParams& v) {
  f.number("free_gpu_share", v.free_gpu_share, schema::NumberRule::positive_up_to(1.0),
           "largest share of a cluster's GPUs free users' jobs may occupy at once (at least one GPU)");
}

/// Paid jobs first; free jobs wait in a relaxed line and may occupy at most a share of the GPUs, so capacity is
/// always left for paying users even when the free line is long.
class RelaxedFreeScheduling final : public TieredScheduling {
 public:
  explicit RelaxedFreeScheduling(const RelaxedFreeParams& params) : free_gpu_share_(params.free_gpu_share) {}

  std::optional<JobTicket> pop(const QueueState& state) override {
    if (auto job = lines_.take_paid()) return job;
    const auto cap = std::max<std::int64_t>(
        1, static_cast<std::int64_t>(std::floor(free_gpu_share_ * static_cast<double>(state.gpus))));
    if (state.running_free >= cap) return std::nullopt;
    return lines_.take_free();
  }

 private:
  double free_gpu_share_;
};

[[maybe_unused]] const bool registered = SchedulingRegistry::add<RelaxedFreeScheduling, RelaxedFreeParams>(
    {"relaxed_free", 40, "paid first and free jobs capped at a share of the GPUs", "parameters of relaxed_free"});

}  // namespace
}  // namespace gvsim::policies
