#pragma once

#include <simgrid/forward.h>

#include <vector>

#include "sim/model/cluster_index.hpp"
#include "sim/model/region_graph.hpp"
#include "sim/model/scenario.hpp"

namespace gvsim::platform {

/// @brief Flops per second of a GPU with relative speed 1; a job's flops are its reference-GPU seconds times this.
inline constexpr double kReferenceFlops = 1e9;

/// @brief The SimGrid hosts a run uses.
struct BuiltPlatform {
  std::vector<std::vector<simgrid::s4u::Host*>> cluster_hosts;  ///< per cluster (list_clusters order), one per GPU
  std::vector<simgrid::s4u::Host*> region_edges;                ///< per region: where its users' traffic ends
};

/// @brief Builds the SimGrid platform: a Full zone of regions, a Star zone per region and per GPU cluster, one
/// host per GPU, and WAN links routed along the region graph's shortest-latency paths. The Engine must exist.
BuiltPlatform build_platform(const model::Scenario& scenario, const std::vector<model::ClusterInfo>& clusters,
                             const model::RegionGraph& graph);

}  // namespace gvsim::platform
