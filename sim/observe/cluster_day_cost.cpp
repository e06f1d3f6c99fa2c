#include "sim/observe/cluster_day_cost.hpp"

#include <algorithm>

namespace gvsim::observe {

std::vector<CostShare> allocate_cluster_day(const model::Scenario& scenario, const model::ClusterInfo& cluster,
                                            const ClusterDay& day) {
  const double scale = scenario.experiment.scale;
  const auto& gpu = scenario.gpus[cluster.gpu_model];
  const auto& region = scenario.regions[cluster.region];
  const auto& datacenter = *std::find_if(region.datacenters.begin(), region.datacenters.end(),
                                         [&](const model::Datacenter& dc) { return dc.name == cluster.datacenter; });
  const double reserved = scale * day.reserved_gpu_s / 3600.0 * gpu.reserved_usd_per_gpu_hour;
  const double on_demand = scale * day.on_demand_gpu_s / 3600.0 * gpu.on_demand_usd_per_gpu_hour;
  // GPUs in service but idle still draw a share of their board power.
  const double idle_gpu_s = std::max(0.0, day.provisioned_gpu_s - day.busy_gpu_s);
  const double energy =
      model::energy_usd(scale * (day.busy_gpu_s + gpu.idle_power_share * idle_gpu_s), gpu, datacenter, region);
  std::vector<CostShare> shares(scenario.regions.size());
  for (std::size_t origin = 0; origin < shares.size(); ++origin) {
    const double share =
        day.busy_gpu_s > 0.0 ? day.busy_by_origin_s[origin] / day.busy_gpu_s : (origin == cluster.region ? 1.0 : 0.0);
    auto& s = shares[origin];
    s.gpu_reserved_usd = share * reserved;
    s.gpu_on_demand_usd = share * on_demand;
    s.energy_usd = share * energy;
    s.egress_usd = scale * day.egress_by_origin_gb[origin] * datacenter.egress_usd_per_gb;
    s.gpu_hours_busy = scale * day.busy_by_origin_s[origin] / 3600.0;
  }
  return shares;
}

}  // namespace gvsim::observe
