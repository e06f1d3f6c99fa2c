#include "policies/autoscale_capacity.hpp"

#include <algorithm>
#include <cmath>

namespace gvsim::policies {

std::int64_t AutoscaleCapacity::max_gpus(std::int64_t base_gpus) const {
  return std::max<std::int64_t>(base_gpus, std::llround(params_.max_share * static_cast<double>(base_gpus)));
}

std::int64_t AutoscaleCapacity::min_gpus(std::int64_t base_gpus) const {
  return std::max<std::int64_t>(1, std::llround(params_.min_share * static_cast<double>(base_gpus)));
}

std::int64_t AutoscaleCapacity::step(std::int64_t base_gpus) const {
  return std::max<std::int64_t>(1, std::llround(params_.step_share * static_cast<double>(base_gpus)));
}

CapacityDecision AutoscaleCapacity::decide(const CapacityView& view) const {
  CapacityDecision decision;
  decision.lead_time_s = params_.lead_time_days * 86400.0;
  const double signal = params_.metric == "queue_wait" ? view.mean_wait_s : view.utilisation;
  const std::int64_t planned = view.provisioned_gpus + view.on_order_gpus;
  if (signal > params_.scale_up_above && view.on_order_gpus == 0) {
    decision.order_gpus = std::min(step(view.base_gpus), max_gpus(view.base_gpus) - planned);
    decision.order_gpus = std::max<std::int64_t>(0, decision.order_gpus);
  } else if (signal < params_.scale_down_below && view.on_order_gpus == 0 && view.queued == 0) {
    decision.release_gpus = std::min(step(view.base_gpus), view.provisioned_gpus - min_gpus(view.base_gpus));
    decision.release_gpus = std::max<std::int64_t>(0, decision.release_gpus);
  }
  return decision;
}

}  // namespace gvsim::policies
