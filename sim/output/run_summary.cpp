#include "sim/output/run_summary.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace gvsim::output {

double percentile(std::vector<double>& values, double q) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size())));
  const std::size_t index = std::clamp<std::size_t>(rank, 1, values.size()) - 1;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(index), values.end());
  return values[index];
}

GroupSummary summarize(const observe::RunOutcome& outcome, const std::vector<std::size_t>& members, std::string name) {
  const auto& recorder = outcome.recorder;
  const double measured_s = recorder.horizon_s() - recorder.warmup_s();
  GroupSummary s;
  s.name = std::move(name);
  std::vector<double> waits;
  std::vector<double> paid_waits;
  std::vector<double> free_waits;
  double wait_sum = 0.0;
  double queue_area = 0.0;
  double busy_post = 0.0;
  double provisioned_post = 0.0;
  std::int64_t arrived_post = 0;
  for (std::size_t c : members) {
    const auto& obs = recorder.clusters()[c];
    s.gpus += obs.gpus;
    s.jobs_arrived += obs.arrived;
    s.jobs_started += obs.started;
    s.jobs_completed += obs.completed;
    s.jobs_queued_end += obs.queued;
    s.jobs_running_end += obs.running;
    s.jobs_measured += obs.started_post;
    wait_sum += obs.wait_sum_post_s;
    waits.insert(waits.end(), obs.waits_post_s.begin(), obs.waits_post_s.end());
    for (std::size_t i = 0; i < obs.waits_post_s.size(); ++i)
      (obs.paid_post[i] != 0 ? paid_waits : free_waits).push_back(obs.waits_post_s[i]);
    queue_area += obs.queue_area_post_s;
    busy_post += obs.busy_post_gpu_s;
    provisioned_post += obs.provisioned_post_gpu_s;
    s.gpu_hours_provisioned += obs.provisioned_all_gpu_s / 3600.0;
    arrived_post += obs.arrived_post;
    for (const auto& day : obs.days)
      s.gpu_hours_busy += day.busy_gpu_s / 3600.0;
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  s.mean_wait_s = s.jobs_measured > 0 ? wait_sum / static_cast<double>(s.jobs_measured) : nan;
  s.max_wait_s = waits.empty() ? nan : *std::max_element(waits.begin(), waits.end());
  s.p95_wait_s = percentile(waits, 0.95);
  auto mean_of = [nan](const std::vector<double>& v) {
    double sum = 0.0;
    for (double w : v)
      sum += w;
    return v.empty() ? nan : sum / static_cast<double>(v.size());
  };
  s.jobs_measured_paid = static_cast<std::int64_t>(paid_waits.size());
  s.mean_wait_paid_s = mean_of(paid_waits);
  s.p95_wait_paid_s = percentile(paid_waits, 0.95);
  s.mean_wait_free_s = mean_of(free_waits);
  s.p95_wait_free_s = percentile(free_waits, 0.95);
  s.mean_queue_length = queue_area / measured_s;
  s.arrival_rate_per_s = static_cast<double>(arrived_post) / measured_s;
  s.utilisation = provisioned_post > 0.0 ? busy_post / provisioned_post : nan;
  return s;
}

std::vector<GroupSummary> summarize_regions(const observe::RunOutcome& outcome,
                                            const std::vector<std::string>& regions) {
  std::vector<GroupSummary> out;
  for (std::size_t r = 0; r < regions.size(); ++r) {
    std::vector<std::size_t> members;
    for (std::size_t c = 0; c < outcome.clusters.size(); ++c) {
      if (outcome.clusters[c].region == r) members.push_back(c);
    }
    if (!members.empty()) out.push_back(summarize(outcome, members, regions[r]));
  }
  return out;
}

namespace {
void require(bool ok, const std::string& cluster, const std::string& what) {
  if (!ok) throw InvariantViolation("invariant violated on cluster '" + cluster + "': " + what);
}
}  // namespace

void check_invariants(const observe::RunOutcome& outcome) {
  const auto& recorder = outcome.recorder;
  const double horizon = recorder.horizon_s();
  for (std::size_t c = 0; c < outcome.clusters.size(); ++c) {
    const auto& obs = recorder.clusters()[c];
    const std::string& name = outcome.clusters[c].name;
    const auto slots = static_cast<std::int64_t>(obs.running_since_s.size());
    require(obs.queued >= 0 && obs.running >= 0 && obs.running <= slots, name,
            "queue " + std::to_string(obs.queued) + ", running " + std::to_string(obs.running) + " on " +
                std::to_string(slots) + " GPUs");
    require(obs.arrived == obs.started + obs.abandoned + obs.queued, name,
            "jobs arrived " + std::to_string(obs.arrived) + " != started " + std::to_string(obs.started) +
                " + abandoned " + std::to_string(obs.abandoned) + " + queued " + std::to_string(obs.queued));
    require(obs.started == obs.completed + obs.running, name,
            "jobs started " + std::to_string(obs.started) + " != completed " + std::to_string(obs.completed) +
                " + running " + std::to_string(obs.running));
    // Little's law on the sample path: the integral of the queue length over [0, T] equals the total time
    // jobs spent waiting within [0, T] (waits of started and abandoned jobs plus the age of those still queued).
    const double waited = obs.wait_sum_all_s + static_cast<double>(obs.queued) * horizon - obs.queued_submit_sum_s;
    const double tolerance = 1e-9 * std::max(1.0, obs.queue_area_all_s) + 1e-6;
    require(std::fabs(obs.queue_area_all_s - waited) <= tolerance, name,
            "Little's law: queue-length integral " + std::to_string(obs.queue_area_all_s) +
                " s != total waiting time " + std::to_string(waited) + " s");
    double busy = 0.0;
    for (const auto& day : obs.days)
      busy += day.busy_gpu_s;
    require(busy <= obs.provisioned_all_gpu_s * (1.0 + 1e-12) + 1e-6, name,
            "busy GPU time " + std::to_string(busy) + " s exceeds the GPU time in service " +
                std::to_string(obs.provisioned_all_gpu_s) + " s");
  }
}

}  // namespace gvsim::output
