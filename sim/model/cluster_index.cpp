#include "sim/model/cluster_index.hpp"

namespace gvsim::model {

std::vector<ClusterInfo> list_clusters(const Scenario& scenario) {
  std::vector<ClusterInfo> out;
  for (std::size_t r = 0; r < scenario.regions.size(); ++r) {
    for (const auto& dc : scenario.regions[r].datacenters) {
      for (const auto& cluster : dc.clusters) {
        ClusterInfo info;
        info.name = cluster.name;
        info.datacenter = dc.name;
        info.region = r;
        info.gpus = cluster.gpu_count;
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

}  // namespace gvsim::model
