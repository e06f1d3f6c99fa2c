#pragma once

#include <cstdint>
#include <vector>

#include "sim/model/cluster_index.hpp"
#include "sim/model/scenario.hpp"
#include "sim/output/job_recorder.hpp"

namespace gvsim::engine {

/// @brief What one run produced: observations per cluster and event counts.
struct RunOutcome {
  std::vector<model::ClusterInfo> clusters;
  output::JobRecorder recorder;
  std::uint64_t events = 0;  ///< arrivals + starts + completions
};

/// @brief Runs one scenario on a fresh SimGrid Engine (one per process: SimGrid's Engine is a singleton).
///
/// One arrival driver actor per region with load, one long-lived worker actor per GPU pulling from its
/// cluster's queue (owned by the scheduling policy) and blocking on the cluster's semaphore when idle.
RunOutcome run_simulation(const model::Scenario& scenario);

}  // namespace gvsim::engine
