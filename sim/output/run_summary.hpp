#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/model/invariant.hpp"
#include "sim/observe/run_outcome.hpp"

namespace gvsim::output {

/// @brief Nearest-rank percentile (q in (0,1]) of `values`; NaN when empty. Reorders `values`.
double percentile(std::vector<double>& values, double q);

/// @brief Totals over a group of clusters (a region, or the whole platform); waits and rates after warm-up.
struct GroupSummary {
  std::string name;
  std::int64_t gpus = 0;
  std::int64_t jobs_arrived = 0;
  std::int64_t jobs_started = 0;
  std::int64_t jobs_completed = 0;
  std::int64_t jobs_queued_end = 0;
  std::int64_t jobs_running_end = 0;
  std::int64_t jobs_measured = 0;  ///< jobs submitted after warm-up that started (their waits are known)
  double mean_wait_s = 0.0;
  double p95_wait_s = 0.0;
  double max_wait_s = 0.0;
  std::int64_t jobs_measured_paid = 0;  ///< of jobs_measured, those of paying users
  double mean_wait_paid_s = 0.0;
  double p95_wait_paid_s = 0.0;
  double mean_wait_free_s = 0.0;
  double p95_wait_free_s = 0.0;
  double mean_queue_length = 0.0;   ///< time average over [warm-up, horizon]
  double arrival_rate_per_s = 0.0;  ///< arrivals per second over [warm-up, horizon]
  double utilisation = 0.0;         ///< busy GPU time / provisioned GPU time over [warm-up, horizon]
  double gpu_hours_busy = 0.0;      ///< whole run
  double gpu_hours_provisioned = 0.0;
};

/// @brief Summarizes the clusters listed in `members`.
GroupSummary summarize(const observe::RunOutcome& outcome, const std::vector<std::size_t>& members, std::string name);

/// @brief One summary per region that hosts clusters, in scenario order.
std::vector<GroupSummary> summarize_regions(const observe::RunOutcome& outcome,
                                            const std::vector<std::string>& regions);

using gvsim::InvariantViolation;

/// @brief Checks conservation of jobs, bounds on queues and Little's law as a sample-path identity for every
/// cluster; throws InvariantViolation naming the cluster and the numbers.
void check_invariants(const observe::RunOutcome& outcome);

}  // namespace gvsim::output
