#pragma once

#include <cstddef>
#include <vector>

#include "sim/model/cluster_index.hpp"
#include "sim/model/scenario.hpp"
#include "sim/observe/job_recorder.hpp"

namespace gvsim::observe {

/// @brief One origin region's part of a cluster-day's costs (real-world USD and GPU-hours).
struct CostShare {
  double gpu_reserved_usd = 0.0;   ///< reserved GPU contracts, billed all day
  double gpu_on_demand_usd = 0.0;  ///< on-demand GPUs, billed while in service
  double energy_usd = 0.0;         ///< energy of busy GPU time and of idle GPUs in service
  double egress_usd = 0.0;         ///< videos sent to the region
  double gpu_hours_busy = 0.0;     ///< real-world GPU-hours of the region's jobs

  /// @brief All the money: GPUs, energy and egress.
  double total_usd() const { return gpu_reserved_usd + gpu_on_demand_usd + energy_usd + egress_usd; }
};

/// @brief The costs of one cluster on one day, split among the regions whose users' jobs it served.
///
/// The one cost allocation of a cluster-day, used by the books (closed days) and by the running costs the market
/// reads while the run goes on. Every cost is split in proportion to the GPU time each origin region's jobs took,
/// idle reserved capacity included; a day without any work is charged to the hosting region. Egress goes to the
/// region the videos were sent to. `day` holds simulated quantities; the result is real-world (times the scale).
std::vector<CostShare> allocate_cluster_day(const model::Scenario& scenario, const model::ClusterInfo& cluster,
                                            const ClusterDay& day);

}  // namespace gvsim::observe
