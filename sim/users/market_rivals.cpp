// The market's side of the rival platforms and the adoption drive: the Bass coefficients they scale, the daily
// refresh of the choice among platforms, win-backs and the marketing spend.
#include <algorithm>
#include <cmath>

#include "sim/users/market.hpp"
#include "sim/users/market_time.hpp"

namespace gvsim::users {

std::pair<double, double> Market::adoption_coefficients(std::size_t region) const {
  const auto& market = scenario_.regions[region].market;
  // Every multiplier is exactly 1 when its effect is off, so the products equal the given coefficients.
  // The free offer scales the consumer segments' part of the hazard (FreeOffer; the new user's segment is drawn
  // accordingly): generous free credits draw innovators to try the tool and let imitators try what they saw.
  const double share = rivals_.adoption_multiplier(region) * free_offer_.adoption_multiplier();
  // p is given per addressable user; the market potential is a share of them, so the innovation flow p x
  // addressable users is the same whatever the potential.
  const double potential = scenario_.experiment.market.adoption.potential_share;
  const double p = market.bass_p_per_year / potential / kYear * drive_.innovation_multiplier() * share;
  const double q = market.bass_q_per_year / kYear * drive_.imitation_multiplier(region) * share;
  return {p, q};
}

void Market::refresh_choice(std::size_t region, double t) {
  if (!rivals_.present(region)) return;
  // The platform competes with the price of its entry tier as the pricing policy offers it today (promotions
  // included), so an own price cut can answer a rival's.
  double price = std::numeric_limits<double>::infinity();
  for (const auto& tier : spec_.pricing.tiers)
    price = std::min(price, policies_.subscription_offer(tier.usd_per_month, region, t).usd);
  rivals_.refresh(region, t, price, platform_latency_s_[region]);
}

void Market::open_choice_day(std::size_t region, double t, const RegionDay& closing, RegionDay& opening) {
  if (!rivals_.present(region)) return;
  if (closing.jobs_delivered > 0) {
    platform_latency_s_[region] = scenario_.experiment.market.choice.platform_generation_s +
                                  closing.wait_sum_s / static_cast<double>(closing.jobs_delivered);
  }
  refresh_choice(region, t);
  opening.platform_share = rivals_.platform_share(region);
}

void Market::win_back(std::size_t region, double t, RegionDay& closing, double& satisfaction_sum) {
  if (!rivals_.present(region)) return;
  auto& s = regions_[region];
  for (const std::uint32_t u : rivals_.win_back(region, static_cast<std::size_t>(t / kDay) - 1)) {
    // Back as a free user with a fresh start: a new user's satisfaction, credits refilled at the next request.
    table_.state[u] = UserState::kFree;
    table_.satisfaction[u] = static_cast<float>(spec_.behaviour.satisfaction_initial);
    active_.add(table_, group(region, table_.segment[u]), u);
    --s.churned;
    ++closing.users_won_back;
    satisfaction_sum += table_.satisfaction[u];
  }
}

bool Market::cancel_to_rival(std::size_t region, std::size_t grp, std::uint32_t u, std::int32_t utc_day,
                             RegionDay& closing) {
  if (!rivals_.on_cancel(u, region, static_cast<std::size_t>(utc_day) - 1)) return false;
  // Gone as a lapsed free user goes: off the active list, on the rival's list until a win-back.
  table_.state[u] = UserState::kChurned;
  active_.remove(table_, grp, u);
  ++regions_[region].churned;
  ++closing.users_to_rivals;
  ++closing.paid_to_rivals;
  return true;
}

void Market::charge_marketing(std::size_t region, double from_s, double to_s, RegionDay& day) {
  const double open_from = std::max(from_s, regions_[region].entry_s);
  if (to_s > open_from) day.marketing_usd += drive_.marketing_usd(to_s - open_from);
}

}  // namespace gvsim::users
