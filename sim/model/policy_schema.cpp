// Keys of the policies block: the choice of each kind (its implementations declare their own parameters), the
// per-region replacements and the scheduled fleet changes.
#include "sim/model/policy_schema.hpp"
#include "sim/model/schema_terms.hpp"

#include "sim/model/scenario.hpp"

namespace gvsim::model {

void describe(Fields& f, CapacitySpec& v) {
  policies::describe_name(f, v);
  f.number("reserved_share", v.reserved_share, NumberRule::probability(),
           "share of each cluster's base fleet on reserved contracts (billed all day); GPUs beyond it are billed "
           "on demand while in service");
  policies::describe_blocks(f, v);
}

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
  f.nested("pricing", v.pricing, "prices charged per region and promotions (mode users)");
  f.nested("market_entry", v.market_entry, "when each region opens (mode users)");
  f.nested("moderation", v.moderation, "content moderation: classifier, human review, content risk (mode users)");
  f.nested("inference", v.inference,
           "how the video models are run: step reduction, quantisation, caching, each with a cost in quality");
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

const policies::PlacementSelection& placement_for(const Experiment& experiment, const std::string& region) {
  const auto* r = override_of(experiment, region);
  return r != nullptr && r->placement_where.line > 0 ? r->placement : experiment.policies.placement;
}

const policies::SchedulingSelection& scheduling_for(const Experiment& experiment, const std::string& region) {
  const auto* r = override_of(experiment, region);
  return r != nullptr && r->scheduling_where.line > 0 ? r->scheduling : experiment.policies.scheduling;
}

const CapacitySpec& capacity_for(const Experiment& experiment, const std::string& region) {
  const auto* r = override_of(experiment, region);
  return r != nullptr && r->capacity_where.line > 0 ? r->capacity : experiment.policies.capacity;
}

}  // namespace gvsim::model
