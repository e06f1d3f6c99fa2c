#include "sim/users/market.hpp"

#include <algorithm>
#include <cmath>

#include "sim/users/market_time.hpp"

namespace gvsim::users {

void Market::midnight(std::size_t region, double t) {
  auto& s = regions_[region];
  const auto& b = spec_.behaviour;
  // Open the new day first: growing days_ would leave a reference to the closing day dangling.
  RegionDay& opening = today(region, t);
  RegionDay& closing = today(region, t - 1.0);
  open_choice_day(region, t, closing, opening);
  const double competitor = b.churn_competitor_weight * pressure(region, t);
  const auto utc_day = static_cast<std::int32_t>(t / kDay);
  const bool suspended = moderation_ && moderation_->suspended(region, t);
  double satisfaction_sum = 0.0;
  double satisfied = 0.0;
  double dissatisfied = 0.0;
  for (std::size_t g = 0; g < segments_.size(); ++g) {
    const auto& spec = *segments_[g];
    const std::size_t grp = group(region, g);
    // Backwards, so that a swap-removal only moves an already visited user.
    for (std::size_t i = active_.count(grp); i-- > 0;) {
      const std::uint32_t u = active_.members(grp)[i];
      const double dissatisfaction = b.churn_dissatisfaction_weight * (1.0 - table_.satisfaction[u]);
      if (table_.state[u] == UserState::kPaid) {
        const double list = spec_.pricing.tiers[table_.tier[u]].usd_per_month;
        const double price = policies_.next_renewal_price(u, list, region, t);
        const double overprice = b.churn_overprice_weight * std::max(0.0, price / table_.wtp_usd[u] - 1.0);
        const double hazard = spec.paid_churn_per_month / 30.0 * std::exp(dissatisfaction + overprice + competitor);
        if (s.churn.bernoulli(1.0 - std::exp(-hazard))) {
          ++segment_days_.of_user(table_, u, t - 1.0).paid_churned;
          table_.state[u] = UserState::kFree;
          --s.paid;
          ++closing.paid_churn_voluntary;
          table_.retrying[u] = 0;  // a cancellation in the grace period ends the retry
          if (cancel_to_rival(region, grp, u, utc_day, closing)) continue;
        } else if (table_.renewal_day[u] <= utc_day && suspended) {
          table_.renewal_day[u] = utc_day + 1;  // not billed while the service is suspended
        } else if (table_.renewal_day[u] <= utc_day) {
          renew(region, u, list, t, closing, opening);
        }
      } else {
        // Free users whose wanted use the free credits cover less than at the reference lapse faster.
        const double hazard =
            spec.free_lapse_per_day * free_offer_.lapse_multiplier(g) * std::exp(dissatisfaction + competitor);
        if (s.churn.bernoulli(1.0 - std::exp(-hazard))) {
          ++segment_days_.of_user(table_, u, t - 1.0).free_lapsed;
          table_.state[u] = UserState::kChurned;
          active_.remove(table_, grp, u);
          ++s.churned;
          ++closing.free_lapsed;
          if (rivals_.on_lapse(u, region, static_cast<std::size_t>(utc_day) - 1)) ++closing.users_to_rivals;
          continue;
        }
        if (!spec.api_billing && offers_.periodic_per_day() > 0.0 && s.choice.bernoulli(offers_.periodic_per_day()))
          periodic_.push_back(u);
      }
      satisfaction_sum += table_.satisfaction[u];
      satisfied += drive_.satisfied(table_.satisfaction[u]) ? 1.0 : 0.0;
      dissatisfied += drive_.dissatisfied(table_.satisfaction[u]) ? 1.0 : 0.0;
    }
  }
  drive_.observe(region, satisfied, dissatisfied, static_cast<double>(s.adopted - s.churned));
  if (!suspended) win_back(region, t, closing, satisfaction_sum);
  charge_marketing(region, t - kDay, t, closing);
  closing.users_adopted = s.adopted;
  closing.users_paid = s.paid;
  closing.users_churned = s.churned;
  closing.users_free = s.adopted - s.paid - s.churned;
  const std::int64_t active_users = s.adopted - s.churned;
  closing.satisfaction_mean = active_users > 0 ? satisfaction_sum / static_cast<double>(active_users) : 0.0;
  opening.paid_start = s.paid;
  segment_days_.snapshot(table_, active_, region, t - 1.0);
  if (moderation_) moderation_->midnight(region, t, closing, opening);
  make_periodic_offers(region, t);
}

void Market::renew(std::size_t region, std::uint32_t u, double list, double t, RegionDay& closing, RegionDay& opening) {
  auto& s = regions_[region];
  const auto& pricing = spec_.pricing;
  const auto utc_day = static_cast<std::int32_t>(t / kDay);
  // A retry (the user is in the grace period of a declined renewal) succeeds with the recovery share; retries
  // happen only with a retry delay above 0, so runs without retries draw exactly what they drew before.
  const bool retry = table_.retrying[u] != 0;
  table_.retrying[u] = 0;
  if (s.churn.bernoulli(retry ? pricing.renewal_recovery_share : payment_success(u))) {
    table_.credits[u] = static_cast<float>(pricing.tiers[table_.tier[u]].credits_per_month);
    // A recovered renewal starts a new 30-day cycle on the day it is charged.
    table_.renewal_day[u] = retry ? utc_day + 30 : table_.renewal_day[u] + 30;
    charge_subscription(u, policies_.renewal_charge(u, list, region, t), opening, t);
  } else if (!retry && pricing.renewal_retry_days > 0) {
    table_.retrying[u] = 1;  // grace period: still paid, no new credits, until the retry
    table_.renewal_day[u] = utc_day + static_cast<std::int32_t>(pricing.renewal_retry_days);
  } else {
    ++segment_days_.of_user(table_, u, t - 1.0).paid_churned;
    table_.state[u] = UserState::kFree;
    --s.paid;
    ++closing.paid_churn_involuntary;
  }
}

void Market::finish(double horizon_s) {
  policies_.finish(horizon_s);
  for (std::size_t r = 0; r < regions_.size(); ++r) {
    auto& s = regions_[r];
    const auto days = static_cast<std::size_t>(std::ceil(horizon_s / kDay));
    if (days_[r].size() < days) days_[r].resize(days);
    if (days_[r].size() > days) days_[r].resize(days);
    // The last day closes at the horizon: snapshot without a sweep (no churn draws past the horizon).
    if (s.next_midnight_s >= horizon_s && !days_[r].empty()) {
      RegionDay& last = days_[r].back();
      last.users_adopted = s.adopted;
      last.users_paid = s.paid;
      last.users_churned = s.churned;
      last.users_free = s.adopted - s.paid - s.churned;
      double sum = 0.0;
      for (std::size_t g = 0; g < segments_.size(); ++g) {
        for (std::uint32_t u : active_.members(group(r, g)))
          sum += table_.satisfaction[u];
      }
      const std::int64_t active_users = s.adopted - s.churned;
      last.satisfaction_mean = active_users > 0 ? sum / static_cast<double>(active_users) : 0.0;
      if (moderation_) moderation_->snapshot(r, horizon_s, last);
      segment_days_.snapshot(table_, active_, r, static_cast<double>(days_[r].size() - 1) * kDay);
      charge_marketing(r, static_cast<double>(days - 1) * kDay, horizon_s, last);
    }
    if (contracts_.any() && !days_[r].empty()) days_[r].back().sla_penalties_usd += contracts_.close_month(r);
  }
}

}  // namespace gvsim::users
