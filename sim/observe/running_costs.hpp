#pragma once

#include <cstddef>
#include <vector>

#include "sim/model/cluster_index.hpp"
#include "sim/model/scenario.hpp"
#include "sim/observe/job_recorder.hpp"

namespace gvsim::observe {

/// @brief Costs (real-world USD: reserved GPUs, energy, egress) of each region on day `day`, while the run goes on.
///
/// Call at or after the end of the day. The same allocation as the books (allocate_cluster_day), except that the GPU
/// time of jobs still running is counted up to the end of the day from the recorder's running slots (the recorder
/// books it when the job completes). The result equals the ledger's cost_usd up to rounding.
std::vector<double> closed_day_costs(const model::Scenario& scenario, const std::vector<model::ClusterInfo>& clusters,
                                     const observe::JobRecorder& recorder, std::size_t day);

}  // namespace gvsim::observe
