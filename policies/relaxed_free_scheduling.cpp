#include "policies/relaxed_free_scheduling.hpp"

#include <algorithm>
#include <cmath>

namespace gvsim::policies {

std::optional<JobTicket> RelaxedFreeScheduling::pop(const QueueState& state) {
  if (auto job = lines_.take_paid()) return job;
  const auto cap = std::max<std::int64_t>(
      1, static_cast<std::int64_t>(std::floor(free_gpu_share_ * static_cast<double>(state.gpus))));
  if (state.running_free >= cap) return std::nullopt;
  return lines_.take_free();
}

}  // namespace gvsim::policies
