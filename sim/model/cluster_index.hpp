#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/model/scenario.hpp"

namespace gvsim::model {

/// @brief One GPU cluster with where it sits and what its GPUs are, in a flat list over all regions.
struct ClusterInfo {
  std::string name;
  std::string datacenter;
  std::size_t region = 0;
  std::size_t gpu_model = 0;
  std::int64_t gpus = 0;  ///< simulated GPUs
  double relative_speed = 1.0;
  std::int64_t real_gpus = 0;  ///< real GPUs (gpu_count in the region file)
};

/// @brief GPUs simulated for a cluster of `real_gpus` at `scale` real GPUs per simulated one (rounded).
std::int64_t simulated_gpus(std::int64_t real_gpus, double scale);

/// @brief Energy bill (USD) of `gpu_seconds` of busy GPU time: board power x PUE x the region's energy price.
///
/// The one energy formula: the books, the running costs the market reads and the cheapest-placement cost all call
/// it. Pass real-world GPU-seconds for a real-world bill (the books multiply simulated time by the scale first).
double energy_usd(double gpu_seconds, const GpuModel& gpu, const Datacenter& datacenter, const Region& region);

/// @brief All clusters of the scenario in region, datacenter, cluster order.
std::vector<ClusterInfo> list_clusters(const Scenario& scenario);

}  // namespace gvsim::model
