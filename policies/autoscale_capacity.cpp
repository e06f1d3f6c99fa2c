// Reactive autoscaling of one cluster.
#include <algorithm>
#include <cmath>
#include <string>

#include "policies/capacity_policy.hpp"

namespace gvsim::policies {
namespace {

using schema::NumberRule;

/// Parameters of reactive autoscaling of one cluster.
struct AutoscaleParams {
  std::string metric = "utilisation";  ///< utilisation or queue_wait
  double check_interval_hours = 1.0;
  double scale_up_above = 0.85;   ///< utilisation share, or mean wait in seconds for queue_wait
  double scale_down_below = 0.4;  ///< same unit as scale_up_above
  double step_share = 0.1;        ///< GPUs per order as a share of the cluster's base fleet (at least one)
  double lead_time_days = 14.0;   ///< procurement delay between an order and the GPUs serving
  double min_share = 1.0;         ///< fewest GPUs as a share of the base fleet
  double max_share = 2.0;         ///< most GPUs as a share of the base fleet
};

void describe(schema::Fields& f, AutoscaleParams& v) {
  f.choice("metric", v.metric, {"utilisation", "queue_wait"},
           "what the thresholds compare: busy share of GPU time, or mean queue wait in seconds, since the last check");
  f.number("check_interval_hours", v.check_interval_hours, NumberRule::between(0.01, 720.0, "h"),
           "time between capacity checks");
  f.number("scale_up_above", v.scale_up_above, NumberRule::positive(), "order GPUs when the metric is above this");
  f.number("scale_down_below", v.scale_down_below, NumberRule::non_negative(),
           "release GPUs when the metric is below this and nothing waits (must be < scale_up_above)");
  f.number("step_share", v.step_share, NumberRule::positive_up_to(10.0),
           "GPUs per order or release, as a share of the cluster's base fleet (at least one GPU)");
  f.number("lead_time_days", v.lead_time_days, NumberRule::between(0.0, 730.0, "d"),
           "procurement delay between an order and the GPUs serving (estimate: weeks for cloud capacity)");
  f.number("min_share", v.min_share, NumberRule::between(0.0, 1.0),
           "fewest GPUs in service as a share of the base fleet (at least one GPU)");
  f.number("max_share", v.max_share, NumberRule::between(1.0, 100.0),
           "most GPUs in service as a share of the base fleet");
}

/// The thresholds must leave a band between releasing and ordering (checked when autoscale is chosen).
void check(const AutoscaleParams& a, const NoContext&, const BlockSite& site, schema::Diagnostics& diagnostics) {
  if (!site.chosen || a.scale_down_below < a.scale_up_above) return;
  diagnostics.expected(site.owner, site.path + ".autoscale.scale_down_below",
                       "a value below scale_up_above (" + schema::shortest(a.scale_up_above) + ")",
                       schema::shortest(a.scale_down_below));
}

/// Reactive autoscaling: at each check, orders a step of GPUs (served after the lead time) when the utilisation or
/// mean wait is above the upper threshold and nothing is on order, and releases a step when it is below the lower
/// threshold; the fleet stays within [min_share, max_share] of its base.
class AutoscaleCapacity final : public CapacityPolicy {
 public:
  explicit AutoscaleCapacity(const AutoscaleParams& params) : params_(params) {}
  double check_interval_s() const override { return params_.check_interval_hours * 3600.0; }

  CapacityDecision decide(const CapacityView& view) const override {
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

  std::int64_t max_gpus(std::int64_t base_gpus) const override {
    return std::max<std::int64_t>(base_gpus, std::llround(params_.max_share * static_cast<double>(base_gpus)));
  }

 private:
  std::int64_t min_gpus(std::int64_t base_gpus) const {
    return std::max<std::int64_t>(1, std::llround(params_.min_share * static_cast<double>(base_gpus)));
  }
  std::int64_t step(std::int64_t base_gpus) const {
    return std::max<std::int64_t>(1, std::llround(params_.step_share * static_cast<double>(base_gpus)));
  }

  AutoscaleParams params_;
};

[[maybe_unused]] const bool registered = CapacityRegistry::add<AutoscaleCapacity, AutoscaleParams>(
    {"autoscale", 20, "reactive orders with a lead time", "parameters of autoscale"}, &check);

}  // namespace
}  // namespace gvsim::policies
