#pragma once

#include <cstdint>

#include "sim/users/moderation_day.hpp"

namespace gvsim::users {

/// @brief What happened to one region's users and revenue during one UTC day (simulated units).
struct RegionDay {
  std::int64_t new_users = 0;
  std::int64_t conversions = 0;
  std::int64_t upgrade_offers = 0;
  std::int64_t paid_churn_voluntary = 0;
  std::int64_t paid_churn_involuntary = 0;
  std::int64_t free_lapsed = 0;
  std::int64_t requests = 0;
  std::int64_t requests_no_credits = 0;
  std::int64_t jobs_submitted = 0;
  std::int64_t jobs_abandoned = 0;
  std::int64_t jobs_failed = 0;
  std::int64_t jobs_delivered = 0;
  std::int64_t jobs_fast = 0;
  double wait_sum_s = 0.0;                 ///< over delivered jobs
  double delivery_gb = 0.0;                ///< video data delivered to this region's users
  double revenue_subscriptions_usd = 0.0;  ///< gross
  double revenue_packs_usd = 0.0;          ///< gross
  double revenue_api_usd = 0.0;            ///< gross
  double store_fees_usd = 0.0;
  double payment_fees_usd = 0.0;
  std::int64_t paid_start = 0;  ///< paying users at the start of the day
  // End-of-day snapshot.
  std::int64_t users_adopted = 0;
  std::int64_t users_free = 0;
  std::int64_t users_paid = 0;
  std::int64_t users_churned = 0;
  double satisfaction_mean = 0.0;
  ModerationDay moderation;    ///< checks, reviews, blocked jobs, incidents (moderation policies only)
  std::int64_t jobs_poor = 0;  ///< delivered videos of poor quality
  // Rival platforms and the adoption drive (sim/users/rival_market.hpp, adoption_drive.hpp).
  std::int64_t users_to_rivals = 0;  ///< free users who lapsed and paying users who cancelled, to a rival
  std::int64_t users_won_back = 0;   ///< users who came back from a rival (as free users)
  double platform_share = 1.0;       ///< logit share of the platform among the rivals at the start of the day
  double marketing_usd = 0.0;        ///< real-world marketing spend
  // Enterprise contracts and invoiced billing.
  double revenue_enterprise_usd = 0.0;  ///< gross, enterprise contracts
  double invoice_costs_usd = 0.0;       ///< API and contract invoicing cost and bad debt
  double sla_penalties_usd = 0.0;       ///< contract revenue credited back for a missed p95 wait SLA
  std::int64_t contract_jobs = 0;       ///< jobs issued by enterprise contracts (also in requests, jobs_submitted)
  std::int64_t paid_to_rivals = 0;      ///< of users_to_rivals: paying users who cancelled (market.choice)
  // Content-risk classes (sim/users/content_risk.hpp).
  double trust_weighted_incidents = 0.0;  ///< real-world incidents x their class's advertiser-trust weight
  // Novelty bursts (sim/users/novelty_burst.hpp).
  std::int64_t novelty_requests = 0;  ///< burst requests of new users (also in requests)
};

}  // namespace gvsim::users
