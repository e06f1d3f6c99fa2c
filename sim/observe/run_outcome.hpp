#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "sim/model/cluster_index.hpp"
#include "sim/observe/job_recorder.hpp"
#include "sim/observe/latency_tally.hpp"
#include "sim/observe/segment_gpu_tally.hpp"
#include "sim/users/market.hpp"

namespace gvsim::observe {

/// @brief What one run produced: observations per cluster and event counts.
struct RunOutcome {
  std::vector<model::ClusterInfo> clusters;
  JobRecorder recorder;
  std::uint64_t events = 0;               ///< arrivals + starts + completions + abandonments
  std::unique_ptr<users::Market> market;  ///< the users and their books (workload mode "users" only)
  LatencyTally latency;                   ///< end-to-end latency of delivered videos (users mode)
  SegmentGpuTally segment_gpu;            ///< busy GPU time by segment and tier (users mode)
};

}  // namespace gvsim::observe
