#include "sim/config/policy_checks.hpp"

#include <cstdio>
#include <map>
#include <string>

#include "sim/model/cluster_index.hpp"
#include "sim/model/policy_schema.hpp"
#include "sim/model/region_graph.hpp"

namespace gvsim::config {

namespace {

bool has_local_cluster(const model::Region& region) {
  for (const auto& dc : region.datacenters) {
    if (!dc.clusters.empty()) return true;
  }
  return false;
}

/// Where a region's effective placement was written: its override, else the experiment-wide key.
schema::SourceMark placement_mark(const model::Experiment& experiment, const std::string& region, std::string& path) {
  for (const auto& r : experiment.policies.regions) {
    if (r.name == region && r.placement_where.line > 0) {
      path = "policies.regions." + region + ".placement.name";
      return r.placement_where;
    }
  }
  path = "policies.placement.name";
  return experiment.policies.placement_where.line > 0 ? experiment.policies.placement_where : experiment.policies.where;
}

void check_expansions(const model::Scenario& scenario, schema::Diagnostics& diagnostics) {
  const auto clusters = model::list_clusters(scenario);
  std::map<std::string, std::int64_t> fleet;
  std::vector<std::string> names;
  for (const auto& c : clusters) {
    fleet[c.name] = c.gpus;
    names.push_back(c.name);
  }
  const auto& expansions = scenario.experiment.policies.expansions;
  for (std::size_t i = 0; i < expansions.size(); ++i) {
    const auto& e = expansions[i];
    const std::string path = "policies.expansions[" + std::to_string(i) + "]";
    auto it = fleet.find(e.cluster.name);
    if (it == fleet.end()) {
      diagnostics.error(e.cluster.mark, path + ".cluster",
                        "unknown cluster '" + e.cluster.name +
                            "'; clusters of the participating regions: " + schema::join_names(names));
      continue;
    }
    if (e.day >= scenario.experiment.horizon_days) {
      // Valid (the experiment may be run on a shorter horizon than it was written for), but it cannot act.
      diagnostics.warning(e.where, path + ".day",
                          "day " + schema::shortest(e.day) + " is not before horizon_days (" +
                              schema::shortest(scenario.experiment.horizon_days) +
                              "), so it has no effect in this run");
      continue;
    }
    it->second += e.gpus >= 0 ? model::simulated_gpus(e.gpus, scenario.experiment.scale)
                              : -model::simulated_gpus(-e.gpus, scenario.experiment.scale);
    if (it->second < 1) {
      diagnostics.expected(e.where, path + ".gpus", "a change that leaves the cluster at least one simulated GPU",
                           std::to_string(e.gpus));
    }
  }
}

}  // namespace

void check_policies(const model::Scenario& scenario, schema::Diagnostics& diagnostics) {
  const auto& experiment = scenario.experiment;
  std::vector<std::string> region_names;
  for (const auto& r : scenario.regions)
    region_names.push_back(r.name);
  for (const auto& r : experiment.policies.regions) {
    const bool known = model::region_index(scenario, r.name) < scenario.regions.size();
    if (!known) {
      diagnostics.error(
          r.where, "policies.regions." + r.name,
          "region '" + r.name + "' does not take part; participating regions: " + schema::join_names(region_names));
    }
    // Each implementation's own rules across its keys; the kinds a region does not replace are checked once below.
    const std::string base = "policies.regions." + r.name;
    if (r.placement_where.line > 0) r.placement.check({}, base + ".placement", r.placement_where, diagnostics);
    if (r.scheduling_where.line > 0) r.scheduling.check({}, base + ".scheduling", r.scheduling_where, diagnostics);
    if (r.capacity_where.line > 0) r.capacity.check({}, base + ".capacity", r.capacity_where, diagnostics);
  }
  const auto& p = experiment.policies;
  p.placement.check({}, "policies.placement", p.placement_where.line > 0 ? p.placement_where : p.where, diagnostics);
  p.scheduling.check({}, "policies.scheduling", p.scheduling.where.line > 0 ? p.scheduling.where : p.where,
                     diagnostics);
  p.capacity.check({}, "policies.capacity", p.capacity_where.line > 0 ? p.capacity_where : p.where, diagnostics);
  for (const auto& region : scenario.regions) {
    const auto& placement = model::placement_for(experiment, region.name);
    if (!placement.make()->needs_local_cluster() || has_local_cluster(region)) continue;
    std::string path;
    const schema::SourceMark mark = placement_mark(experiment, region.name, path);
    diagnostics.error(mark, path,
                      placement.name + " placement needs a cluster in every region it applies to, and region '" +
                          region.name + "' has none; give it another placement under policies.regions." + region.name);
  }
  check_expansions(scenario, diagnostics);
}

}  // namespace gvsim::config
