#include "sim/output/job_recorder.hpp"

#include <algorithm>
#include <cmath>

namespace gvsim::output {

namespace {
constexpr double kDay = 86400.0;
}

JobRecorder::JobRecorder(const std::vector<std::int64_t>& gpus_per_cluster, double horizon_s, double warmup_s,
                         std::size_t regions)
    : horizon_s_(horizon_s), warmup_s_(warmup_s), day_count_(static_cast<std::size_t>(std::ceil(horizon_s / kDay))) {
  clusters_.resize(gpus_per_cluster.size());
  for (std::size_t i = 0; i < clusters_.size(); ++i) {
    clusters_[i].gpus = gpus_per_cluster[i];
    clusters_[i].days.resize(day_count_);
    for (auto& day : clusters_[i].days) {
      day.busy_by_origin_s.assign(regions, 0.0);
      day.egress_by_origin_gb.assign(regions, 0.0);
    }
    clusters_[i].running_since_s.assign(static_cast<std::size_t>(gpus_per_cluster[i]), -1.0);
    clusters_[i].running_origin.assign(static_cast<std::size_t>(gpus_per_cluster[i]), 0);
  }
}

void JobRecorder::on_egress(std::size_t cluster, double t, double gb, std::size_t origin) {
  auto& day = clusters_[cluster].days[day_of(t)];
  day.egress_gb += gb;
  day.egress_by_origin_gb[origin] += gb;
}

double JobRecorder::day_length_s(std::size_t day) const {
  return std::min(kDay, horizon_s_ - static_cast<double>(day) * kDay);
}

std::size_t JobRecorder::day_of(double t) const {
  return std::min(day_count_ - 1, static_cast<std::size_t>(t / kDay));
}

void JobRecorder::advance(ClusterObservation& c, double t) {
  const double from = c.last_event_s;
  if (t > from && c.queued > 0) {
    const auto level = static_cast<double>(c.queued);
    c.queue_area_all_s += level * (t - from);
    const double post_from = std::max(from, warmup_s_);
    if (t > post_from) c.queue_area_post_s += level * (t - post_from);
    const std::size_t first = day_of(from);
    const std::size_t last = day_of(t);
    for (std::size_t d = first; d <= last; ++d) {
      const double a = std::max(from, static_cast<double>(d) * kDay);
      const double b = std::min(t, static_cast<double>(d + 1) * kDay);
      if (b > a) c.days[d].queue_area_s += level * (b - a);
    }
  }
  c.last_event_s = std::max(from, t);
}

void JobRecorder::add_busy(ClusterObservation& c, double from, double to, std::size_t origin) {
  if (!(to > from)) return;
  const std::size_t first = day_of(from);
  const std::size_t last = day_of(to);
  for (std::size_t d = first; d <= last; ++d) {
    const double a = std::max(from, static_cast<double>(d) * kDay);
    const double b = std::min(to, static_cast<double>(d + 1) * kDay);
    if (b > a) {
      c.days[d].busy_gpu_s += b - a;
      c.days[d].busy_by_origin_s[origin] += b - a;
    }
  }
  const double post_from = std::max(from, warmup_s_);
  if (to > post_from) c.busy_post_gpu_s += to - post_from;
}

void JobRecorder::on_arrival(std::size_t cluster, double t) {
  auto& c = clusters_[cluster];
  advance(c, t);
  ++c.queued;
  ++c.arrived;
  c.queued_submit_sum_s += t;
  ++c.days[day_of(t)].jobs_arrived;
  if (t >= warmup_s_) ++c.arrived_post;
}

void JobRecorder::on_start(std::size_t cluster, std::size_t slot, double submit_s, double t, std::size_t origin) {
  auto& c = clusters_[cluster];
  advance(c, t);
  --c.queued;
  ++c.running;
  ++c.started;
  c.queued_submit_sum_s -= submit_s;
  c.running_since_s[slot] = t;
  c.running_origin[slot] = origin;
  const double wait = t - submit_s;
  c.wait_sum_all_s += wait;
  auto& day = c.days[day_of(t)];
  ++day.jobs_started;
  day.wait_sum_s += wait;
  day.waits_s.push_back(wait);
  if (submit_s >= warmup_s_) {
    ++c.started_post;
    c.wait_sum_post_s += wait;
    c.waits_post_s.push_back(wait);
  }
}

void JobRecorder::on_abandon(std::size_t cluster, double submit_s, double t) {
  auto& c = clusters_[cluster];
  advance(c, t);
  --c.queued;
  ++c.abandoned;
  c.queued_submit_sum_s -= submit_s;
  c.wait_sum_all_s += t - submit_s;
  ++c.days[day_of(t)].jobs_abandoned;
}

void JobRecorder::on_complete(std::size_t cluster, std::size_t slot, double t) {
  auto& c = clusters_[cluster];
  advance(c, t);
  --c.running;
  ++c.completed;
  ++c.days[day_of(t)].jobs_completed;
  add_busy(c, c.running_since_s[slot], t, c.running_origin[slot]);
  c.running_since_s[slot] = -1.0;
}

void JobRecorder::finish() {
  if (finished_) return;
  finished_ = true;
  for (auto& c : clusters_) {
    advance(c, horizon_s_);
    for (std::size_t slot = 0; slot < c.running_since_s.size(); ++slot) {
      if (c.running_since_s[slot] >= 0.0) add_busy(c, c.running_since_s[slot], horizon_s_, c.running_origin[slot]);
    }
  }
}

}  // namespace gvsim::output
