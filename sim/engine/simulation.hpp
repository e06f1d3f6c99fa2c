#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "sim/model/cluster_index.hpp"
#include "sim/model/scenario.hpp"
#include "sim/output/job_recorder.hpp"
#include "sim/users/market.hpp"

namespace gvsim::engine {

/// @brief What one run produced: observations per cluster and event counts.
struct RunOutcome {
  std::vector<model::ClusterInfo> clusters;
  output::JobRecorder recorder;
  std::uint64_t events = 0;               ///< arrivals + starts + completions + abandonments
  std::unique_ptr<users::Market> market;  ///< the users and their books (workload mode "users" only)
};

/// @brief Signal handler for SIGINT and SIGTERM, installed again once the SimGrid Engine (which installs its own
/// SIGINT handler) exists; nullptr keeps SimGrid's.
using InterruptHandler = void (*)(int);
/// @brief Sets the handler run_simulation installs after creating the Engine.
void set_interrupt_handler(InterruptHandler handler);

/// @brief Runs one scenario on a fresh SimGrid Engine (one per process: SimGrid's Engine is a singleton).
///
/// One driver actor per region (synthetic arrivals, or the region's market events), one long-lived worker actor
/// per GPU pulling from its cluster's queue (owned by the scheduling policy) and blocking on the cluster's
/// semaphore when idle, and in users mode a few delivery actors per cluster sending finished videos over the WAN.
RunOutcome run_simulation(const model::Scenario& scenario);

}  // namespace gvsim::engine
