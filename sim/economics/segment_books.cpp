#include "sim/economics/segment_books.hpp"

#include <algorithm>

#include <cmath>

#include "sim/observe/cluster_day_cost.hpp"

namespace gvsim::economics {

double SegmentRow::satisfaction_mean() const {
  return satisfaction_users > 0.0 ? satisfaction_sum / satisfaction_users : std::nan("");
}

double SegmentRow::compute_usd_per_job() const {
  return jobs_delivered > 0.0 ? compute_usd / jobs_delivered : std::nan("");
}

double SegmentRow::monthly_retention(bool paid_tier) const {
  if (!(user_days > 0.0)) return std::nan("");
  return std::exp(-30.0 * (paid_tier ? paid_churned : free_lapsed) / user_days);
}

void SegmentRow::add_flows(const SegmentRow& other) {
  user_days += other.user_days;
  users_new += other.users_new;
  free_lapsed += other.free_lapsed;
  paid_churned += other.paid_churned;
  revenue_subscriptions_usd += other.revenue_subscriptions_usd;
  revenue_packs_usd += other.revenue_packs_usd;
  revenue_api_usd += other.revenue_api_usd;
  jobs_delivered += other.jobs_delivered;
  gpu_hours_busy += other.gpu_hours_busy;
  compute_usd += other.compute_usd;
}

void SegmentRow::add_beside(const SegmentRow& other) {
  add_flows(other);
  users_active += other.users_active;
  satisfaction_sum += other.satisfaction_sum;
  satisfaction_users += other.satisfaction_users;
}

void SegmentRow::add_later(const SegmentRow& later) {
  add_flows(later);
  users_active = later.users_active;
  satisfaction_sum = later.satisfaction_sum;
  satisfaction_users = later.satisfaction_users;
}

std::vector<std::size_t> SegmentBooks::tiers_of(const model::Scenario& scenario, std::size_t segment) {
  const std::size_t base = segment * users::kSegmentTiers;
  const auto& segments = scenario.experiment.workload.users.segments;
  if (segment == segments.size()) {  // enterprise contracts: billed per clip, like API use
    if (scenario.experiment.workload.users.enterprise_contracts.empty()) return {};
    return {base + static_cast<std::size_t>(users::SegmentTier::kApi)};
  }
  if (segments[segment].api_billing) return {base + static_cast<std::size_t>(users::SegmentTier::kApi)};
  return {base + static_cast<std::size_t>(users::SegmentTier::kFree),
          base + static_cast<std::size_t>(users::SegmentTier::kPaid)};
}

SegmentRow SegmentBooks::run(std::size_t region, std::size_t cell) const {
  SegmentRow total;
  const std::size_t days = rows.empty() ? 0 : rows.front().size();
  for (std::size_t d = 0; d < days; ++d) {
    SegmentRow day;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      if (region < rows.size() && r != region) continue;
      day.add_beside(rows[r][d][cell]);
    }
    total.add_later(day);
  }
  return total;
}

double SegmentBooks::run_idle_usd(std::size_t region) const {
  double idle = 0.0;
  for (std::size_t r = 0; r < idle_compute_usd.size(); ++r) {
    if (region < idle_compute_usd.size() && r != region) continue;
    for (double usd : idle_compute_usd[r])
      idle += usd;
  }
  return idle;
}

SegmentBooks build_segment_books(const model::Scenario& scenario, const observe::RunOutcome& outcome) {
  const double scale = scenario.experiment.scale;
  const std::size_t days = outcome.recorder.day_count();
  const auto& ledger = outcome.market->segment_days();
  const std::size_t cells = ledger.cells_segments() * users::kSegmentTiers;
  SegmentBooks books;
  books.rows.assign(scenario.regions.size(),
                    std::vector<std::vector<SegmentRow>>(days, std::vector<SegmentRow>(cells)));
  books.idle_compute_usd.assign(scenario.regions.size(), std::vector<double>(days, 0.0));
  for (std::size_t r = 0; r < scenario.regions.size(); ++r) {
    const auto& market_days = ledger.days(r);
    for (std::size_t d = 0; d < days && d < market_days.size(); ++d) {
      for (std::size_t cell = 0; cell < cells; ++cell) {
        const users::SegmentDay& x = market_days[d][cell];
        SegmentRow& row = books.rows[r][d][cell];
        row.users_active = scale * static_cast<double>(x.users_active);
        row.user_days = row.users_active;
        row.users_new = scale * static_cast<double>(x.new_users);
        row.free_lapsed = scale * static_cast<double>(x.free_lapsed);
        row.paid_churned = scale * static_cast<double>(x.paid_churned);
        row.revenue_subscriptions_usd = scale * x.revenue_subscriptions_usd;
        row.revenue_packs_usd = scale * x.revenue_packs_usd;
        row.revenue_api_usd = scale * x.revenue_api_usd;
        row.jobs_delivered = scale * static_cast<double>(x.jobs_delivered);
        row.satisfaction_sum = x.satisfaction_sum;
        row.satisfaction_users = static_cast<double>(x.users_active);
      }
    }
  }
  // Compute cost: each cluster-day's cost per busy GPU-second, times each group's GPU-seconds.
  const auto& gpu = outcome.segment_gpu;
  for (std::size_t c = 0; c < outcome.clusters.size(); ++c) {
    for (std::size_t d = 0; d < days; ++d) {
      const auto shares =
          observe::allocate_cluster_day(scenario, outcome.clusters[c], outcome.recorder.clusters()[c].days[d]);
      double cost = 0.0;
      for (const auto& share : shares)
        cost += share.gpu_reserved_usd + share.gpu_on_demand_usd + share.energy_usd;
      const std::vector<double>& busy = gpu.busy_s(c, d);
      double segments_busy = 0.0;
      for (double s : busy)
        segments_busy += s;
      // Every job has a group (enterprise contracts their own); the rest of the day's cost is idle capacity.
      const double busy_total = std::max(segments_busy, outcome.recorder.clusters()[c].days[d].busy_gpu_s);
      if (!(busy_total > 0.0)) {
        books.idle_compute_usd[outcome.clusters[c].region][d] += cost;
        continue;
      }
      books.idle_compute_usd[outcome.clusters[c].region][d] += cost * (busy_total - segments_busy) / busy_total;
      for (std::size_t group = 0; group < busy.size(); ++group) {
        if (busy[group] == 0.0) continue;
        SegmentRow& row = books.rows[group / cells][d][group % cells];
        row.compute_usd += cost * busy[group] / busy_total;
        row.gpu_hours_busy += scale * busy[group] / 3600.0;
      }
    }
  }
  return books;
}

}  // namespace gvsim::economics
