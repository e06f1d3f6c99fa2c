#include "sim/model/cluster_index.hpp"

#include <cmath>

namespace gvsim::model {

std::int64_t simulated_gpus(std::int64_t real_gpus, double scale) {
  return std::llround(static_cast<double>(real_gpus) / scale);
}

std::vector<ClusterInfo> list_clusters(const Scenario& scenario) {
  std::vector<ClusterInfo> out;
  for (std::size_t r = 0; r < scenario.regions.size(); ++r) {
    for (const auto& dc : scenario.regions[r].datacenters) {
      for (const auto& cluster : dc.clusters) {
        ClusterInfo info;
        info.name = cluster.name;
        info.datacenter = dc.name;
        info.region = r;
        info.gpus = simulated_gpus(cluster.gpu_count, scenario.experiment.scale);
        info.real_gpus = cluster.gpu_count;
        for (std::size_t g = 0; g < scenario.gpus.size(); ++g) {
          if (scenario.gpus[g].name == cluster.gpu.name) {
            info.gpu_model = g;
            info.relative_speed = scenario.gpus[g].relative_speed;
          }
        }
        out.push_back(std::move(info));
      }
    }
  }
  return out;
}

double energy_usd(double gpu_seconds, const GpuModel& gpu, const Datacenter& datacenter, const Region& region) {
  return gpu_seconds / 3600.0 * gpu.board_power_w / 1000.0 * datacenter.pue * region.market.energy_usd_per_kwh;
}

}  // namespace gvsim::model
