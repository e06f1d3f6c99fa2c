#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sim/model/scenario.hpp"
#include "sim/observe/run_outcome.hpp"

namespace gvsim::economics {

/// @brief One segment and tier of one region over a day (or a span of days), in real-world units.
struct SegmentRow {
  double users_active = 0.0;  ///< end of the day (for a span: of its last day)
  double user_days = 0.0;     ///< sum of the days' end-of-day active users (exposure for the loss rates)
  double users_new = 0.0;
  double free_lapsed = 0.0;
  double paid_churned = 0.0;
  double revenue_subscriptions_usd = 0.0;
  double revenue_packs_usd = 0.0;
  double revenue_api_usd = 0.0;
  double jobs_delivered = 0.0;
  double gpu_hours_busy = 0.0;      ///< GPU time of the jobs (started or still running), real-world GPU-hours
  double compute_usd = 0.0;         ///< attributed GPU (reserved, on-demand) and energy cost
  double satisfaction_sum = 0.0;    ///< over the simulated active users at the end of the day (span: last day)
  double satisfaction_users = 0.0;  ///< simulated active users the sum is over

  /// @brief Gross revenue of all kinds.
  double revenue_gross_usd() const { return revenue_subscriptions_usd + revenue_packs_usd + revenue_api_usd; }
  /// @brief Mean satisfaction, NaN without active users.
  double satisfaction_mean() const;
  /// @brief Attributed compute cost per delivered job, NaN without deliveries.
  double compute_usd_per_job() const;
  /// @brief exp(-30 x losses / user-days): the share of the users still there after 30 days at the span's mean
  /// loss rate; losses are lapses (free, api and `all` rows) or paid churn (paid rows). NaN without user-days.
  double monthly_retention(bool paid_tier) const;
  /// @brief Adds a later day (or span) of the same cell: flows add up, the snapshot is the later one's.
  void add_later(const SegmentRow& later);
  /// @brief Adds another cell of the same day (or span): flows and snapshots add up.
  void add_beside(const SegmentRow& other);

 private:
  void add_flows(const SegmentRow& other);
};

/// @brief The books by segment and tier: every region-day split over (segment, tier) cells.
///
/// Cell = segment x users::kSegmentTiers + tier; the segment after the experiment's last is the enterprise
/// contracts' (kContractSegment in the results), whose API revenue is the contracts' billed revenue. The compute cost
/// of each cluster-day (reserved and on-demand GPUs and energy, as in the ledger) is shared among the jobs that used it
/// in proportion to their GPU time, so every cell gets its jobs' GPU-seconds x the cluster's cost per busy GPU-second
/// that day; a cluster-day without any work is charged to its hosting region's `idle` cost. Egress is not part of the
/// compute cost.
struct SegmentBooks {
  /// @brief Name of the enterprise contracts' row in the segment results.
  static constexpr const char* kContractSegment = "enterprise_contracts";

  std::vector<std::vector<std::vector<SegmentRow>>> rows;  ///< [region][day][cell]
  std::vector<std::vector<double>> idle_compute_usd;       ///< [region][day]: cluster-days without work

  /// @brief The cells a segment has: `api` for a segment billed per use, else `free` and `paid`; segment = the
  /// segments' count is the enterprise contracts' row (`api`, none without contracts).
  static std::vector<std::size_t> tiers_of(const model::Scenario& scenario, std::size_t segment);
  /// @brief The whole run of one cell of `region` (all regions when `region` is the regions' count).
  SegmentRow run(std::size_t region, std::size_t cell) const;
  /// @brief Idle compute cost of the whole run of `region` (all regions when `region` is the regions' count).
  double run_idle_usd(std::size_t region) const;
};

/// @brief The segment books of a users-mode run.
SegmentBooks build_segment_books(const model::Scenario& scenario, const observe::RunOutcome& outcome);

}  // namespace gvsim::economics
