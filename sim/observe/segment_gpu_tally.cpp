#include "sim/observe/segment_gpu_tally.hpp"

#include <algorithm>

namespace gvsim::observe {

SegmentGpuTally::SegmentGpuTally(std::size_t clusters, std::size_t days, std::size_t groups)
    : groups_(groups), busy_(clusters, std::vector<std::vector<double>>(days)), running_(clusters) {}

void SegmentGpuTally::on_start(std::size_t cluster, std::size_t slot, std::size_t group, double t) {
  auto& slots = running_[cluster];
  if (slots.size() <= slot) slots.resize(slot + 1);
  slots[slot] = Running{t, group};
}

void SegmentGpuTally::on_complete(std::size_t cluster, std::size_t slot, double t) {
  auto& slots = running_[cluster];
  if (slots.size() <= slot) return;  // the slot never ran a job of a segment (contract jobs are not tallied)
  auto& job = slots[slot];
  add(cluster, job, t);
  job.since_s = -1.0;
}

void SegmentGpuTally::finish(double horizon_s) {
  for (std::size_t c = 0; c < running_.size(); ++c) {
    for (auto& job : running_[c]) {
      if (job.since_s >= 0.0) add(c, job, horizon_s);
      job.since_s = -1.0;
    }
  }
}

void SegmentGpuTally::add(std::size_t cluster, const Running& job, double to) {
  constexpr double kDay = 86400.0;
  auto& days = busy_[cluster];
  if (days.empty() || job.since_s < 0.0 || !(to > job.since_s)) return;  // no job (or one outside the segments)
  // Split at UTC midnights as JobRecorder does (the last day takes everything after its start).
  const std::size_t last_day = days.size() - 1;
  const std::size_t first = std::min(last_day, static_cast<std::size_t>(job.since_s / kDay));
  const std::size_t last = std::min(last_day, static_cast<std::size_t>(to / kDay));
  for (std::size_t d = first; d <= last; ++d) {
    const double a = std::max(job.since_s, static_cast<double>(d) * kDay);
    const double b = std::min(to, static_cast<double>(d + 1) * kDay);
    if (!(b > a)) continue;
    if (days[d].empty()) days[d].assign(groups_, 0.0);
    days[d][job.group] += b - a;
  }
}

}  // namespace gvsim::observe
