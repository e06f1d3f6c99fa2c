#include "sim/observe/job_recorder.hpp"

#include <algorithm>
#include <cmath>

namespace gvsim::observe {

namespace {
constexpr double kDay = 86400.0;
}

JobRecorder::JobRecorder(const std::vector<std::int64_t>& gpus_per_cluster, double horizon_s, double warmup_s,
                         std::size_t regions)
    : horizon_s_(horizon_s), warmup_s_(warmup_s), day_count_(static_cast<std::size_t>(std::ceil(horizon_s / kDay))) {
  clusters_.resize(gpus_per_cluster.size());
  for (std::size_t i = 0; i < clusters_.size(); ++i) {
    clusters_[i].gpus = gpus_per_cluster[i];
    clusters_[i].in_service = gpus_per_cluster[i];
    clusters_[i].reserved = gpus_per_cluster[i];
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

template <class Body>
void JobRecorder::for_each_day(double from, double to, Body body) const {
  const std::size_t first = day_of(from);
  const std::size_t last = day_of(to);
  for (std::size_t d = first; d <= last; ++d) {
    const double a = std::max(from, static_cast<double>(d) * kDay);
    const double b = std::min(to, static_cast<double>(d + 1) * kDay);
    if (b > a) body(d, b - a);
  }
}

void JobRecorder::advance(ClusterObservation& c, double t) {
  const double from = c.last_event_s;
  if (t > from && c.queued > 0) {
    const auto level = static_cast<double>(c.queued);
    c.queue_area_all_s += level * (t - from);
    const double post_from = std::max(from, warmup_s_);
    if (t > post_from) c.queue_area_post_s += level * (t - post_from);
    for_each_day(from, t, [&](std::size_t d, double length) { c.days[d].queue_area_s += level * length; });
  }
  c.last_event_s = std::max(from, t);
}

void JobRecorder::add_busy(ClusterObservation& c, double from, double to, std::size_t origin) {
  if (!(to > from)) return;
  for_each_day(from, to, [&](std::size_t d, double length) {
    c.days[d].busy_gpu_s += length;
    c.days[d].busy_by_origin_s[origin] += length;
  });
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

void JobRecorder::on_start(std::size_t cluster, std::size_t slot, double submit_s, double t, std::size_t origin,
                           bool paid) {
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
    c.paid_post.push_back(paid ? 1 : 0);
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

void JobRecorder::add_capacity(ClusterObservation& c, double to) {
  const double from = c.capacity_since_s;
  if (!(to > from)) return;
  const auto level = static_cast<double>(c.in_service);
  const auto reserved = static_cast<double>(c.reserved);
  const double on_demand = std::max(0.0, level - reserved);
  for_each_day(from, to, [&](std::size_t d, double length) {
    c.days[d].provisioned_gpu_s += level * length;
    c.days[d].reserved_gpu_s += reserved * length;
    c.days[d].on_demand_gpu_s += on_demand * length;
  });
  c.provisioned_all_gpu_s += level * (to - from);
  const double post_from = std::max(from, warmup_s_);
  if (to > post_from) c.provisioned_post_gpu_s += level * (to - post_from);
  c.capacity_since_s = to;
}

void JobRecorder::on_capacity(std::size_t cluster, double t, std::int64_t in_service, std::int64_t reserved) {
  auto& c = clusters_[cluster];
  add_capacity(c, std::min(t, horizon_s_));
  c.in_service = in_service;
  c.reserved = reserved;
}

void JobRecorder::set_slot_count(std::size_t cluster, std::size_t slots) {
  auto& c = clusters_[cluster];
  c.running_since_s.resize(std::max(slots, c.running_since_s.size()), -1.0);
  c.running_origin.resize(c.running_since_s.size(), 0);
}

double JobRecorder::busy_gpu_s_until(std::size_t cluster, double t) const {
  const auto& c = clusters_[cluster];
  double busy = 0.0;
  for (const auto& day : c.days)
    busy += day.busy_gpu_s;
  for (double since : c.running_since_s) {
    if (since >= 0.0 && t > since) busy += t - since;
  }
  return busy;
}

double JobRecorder::provisioned_gpu_s_until(std::size_t cluster, double t) const {
  const auto& c = clusters_[cluster];
  return c.provisioned_all_gpu_s + static_cast<double>(c.in_service) * std::max(0.0, t - c.capacity_since_s);
}

void JobRecorder::finish() {
  if (finished_) return;
  finished_ = true;
  for (auto& c : clusters_) {
    advance(c, horizon_s_);
    add_capacity(c, horizon_s_);
    for (std::size_t slot = 0; slot < c.running_since_s.size(); ++slot) {
      if (c.running_since_s[slot] >= 0.0) add_busy(c, c.running_since_s[slot], horizon_s_, c.running_origin[slot]);
    }
  }
}

}  // namespace gvsim::observe
