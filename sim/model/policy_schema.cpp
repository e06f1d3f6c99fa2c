// Keys of the policy modules (placement, scheduling, capacity), each declared once.
#include "sim/model/policy_schema.hpp"

#include "policies/registry.hpp"
#include "sim/model/scenario.hpp"

namespace gvsim::policies {

using schema::Fields;
using schema::NumberRule;
using schema::Presence;

void describe(Fields& f, SpillOverParams& v) {
  f.choice("primary", v.primary, {"nearest", "cheapest"}, "rule followed while its choice is under the threshold");
  f.number("load_threshold", v.load_threshold, NumberRule::positive("jobs/GPU"),
           "queued + running jobs per GPU at which the primary choice spills over to other allowed clusters");
}

void describe(Fields& f, PlacementSpec& v) {
  f.choice("name", v.name, placement_names(),
           "nearest: lowest WAN latency; least_loaded: fewest jobs per GPU; local_only: own region only; "
           "cheapest: lowest GPU + energy cost per unit of work; spill_over: nearest or cheapest until loaded");
  f.nested("spill_over", v.spill_over, "parameters of spill_over");
}

void describe(Fields& f, WeightedShareParams& v) {
  f.number("paid_weight", v.paid_weight, NumberRule::between(0.01, 1000.0),
           "paid jobs started per free job while both tiers wait");
}

void describe(Fields& f, RelaxedFreeParams& v) {
  f.number("free_gpu_share", v.free_gpu_share, NumberRule::positive_up_to(1.0),
           "largest share of a cluster's GPUs free users' jobs may occupy at once (at least one GPU)");
}

void describe(Fields& f, SchedulingSpec& v) {
  f.choice("name", v.name, scheduling_names(),
           "fifo: first come first served; paid_priority: paying users strictly first; weighted_share: paid and "
           "free jobs in a fixed ratio; relaxed_free: paid first and free jobs capped at a share of the GPUs");
  f.nested("weighted_share", v.weighted_share, "parameters of weighted_share");
  f.nested("relaxed_free", v.relaxed_free, "parameters of relaxed_free");
}

void describe(Fields& f, AutoscaleParams& v) {
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

void describe(Fields& f, CapacitySpec& v) {
  f.choice("name", v.name, capacity_names(),
           "fixed: the configured fleet (plus scheduled expansions); autoscale: reactive orders with a lead time");
  f.number("reserved_share", v.reserved_share, NumberRule::probability(),
           "share of each cluster's base fleet on reserved contracts (billed all day); GPUs beyond it are billed "
           "on demand while in service");
  f.nested("autoscale", v.autoscale, "parameters of autoscale");
}

}  // namespace gvsim::policies

namespace gvsim::model {

using schema::Fields;
using schema::NumberRule;
using schema::Presence;

void describe(Fields& f, CapacityExpansion& v) {
  f.here(v.where);
  f.number("day", v.day, NumberRule::between(0.0, 3650.0, "d"), "day the GPUs enter (or leave) service",
           Presence::kRequired);
  f.reference("cluster", v.cluster, "cluster", "GPU cluster that grows or shrinks");
  f.integer("gpus", v.gpus, NumberRule::whole(-1e7, 1e7, "GPUs"),
            "real-world GPUs added (negative: retired), on reserved contracts; divided by the scale",
            Presence::kRequired);
}

void describe(Fields& f, RegionPolicies& v) {
  f.here(v.where);
  f.here_of("placement", v.placement_where);
  f.nested("placement", v.placement, "placement of this region's jobs");
  f.here_of("scheduling", v.scheduling_where);
  f.nested("scheduling", v.scheduling, "queue order of this region's clusters");
  f.here_of("capacity", v.capacity_where);
  f.nested("capacity", v.capacity, "capacity of this region's clusters");
}

void describe(Fields& f, PolicyChoice& v) {
  f.here(v.where);
  f.here_of("placement", v.placement_where);
  f.nested("placement", v.placement, "which allowed cluster serves a job (residency is never broken)");
  f.nested("scheduling", v.scheduling, "order of the queue of each cluster");
  f.here_of("capacity", v.capacity_where);
  f.nested("capacity", v.capacity, "how each cluster's fleet changes over time");
  f.list("expansions", v.expansions, "scheduled fleet changes");
  f.named("regions", v.regions, "per-region replacements of the policies above, by region name");
  f.nested("pricing", v.pricing, "prices charged per region, promotions, global competitor pressure (mode users)");
  f.nested("market_entry", v.market_entry, "when each region opens (mode users)");
  f.nested("moderation", v.moderation, "content moderation: classifier, human review, content risk (mode users)");
}

}  // namespace gvsim::model

namespace gvsim::model {

namespace {
const RegionPolicies* override_of(const Experiment& experiment, const std::string& region) {
  for (const auto& r : experiment.policies.regions) {
    if (r.name == region) return &r;
  }
  return nullptr;
}
}  // namespace

const policies::PlacementSpec& placement_for(const Experiment& experiment, const std::string& region) {
  const auto* r = override_of(experiment, region);
  return r != nullptr && r->placement_where.line > 0 ? r->placement : experiment.policies.placement;
}

const policies::SchedulingSpec& scheduling_for(const Experiment& experiment, const std::string& region) {
  const auto* r = override_of(experiment, region);
  return r != nullptr && r->scheduling_where.line > 0 ? r->scheduling : experiment.policies.scheduling;
}

const policies::CapacitySpec& capacity_for(const Experiment& experiment, const std::string& region) {
  const auto* r = override_of(experiment, region);
  return r != nullptr && r->capacity_where.line > 0 ? r->capacity : experiment.policies.capacity;
}

}  // namespace gvsim::model
