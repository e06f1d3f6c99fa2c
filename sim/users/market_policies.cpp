#include "sim/users/market_policies.hpp"

#include <algorithm>
#include <cmath>

#include "sim/model/policy_contexts.hpp"
#include "sim/model/region_graph.hpp"

namespace gvsim::users {

namespace {
constexpr double kDay = 86400.0;
constexpr std::size_t kMarginWindowDays = 30;
}  // namespace

MarketPolicies::MarketPolicies(const model::Scenario& scenario)
    : scenario_(scenario),
      pricing_(scenario.experiment.policies.pricing.make(model::pricing_context(scenario))),
      entry_(scenario.experiment.policies.market_entry.make(model::market_entry_context(scenario))) {
  const std::size_t regions = scenario.regions.size();
  promotion_days_.assign(pricing_->promotions().size(), std::vector<std::vector<PromotionDay>>(regions));
  for (std::size_t r = 0; r < regions; ++r) {
    const auto planned = entry_->planned_entry_day(r);
    entry_s_.push_back(planned ? *planned * kDay : std::numeric_limits<double>::infinity());
    waiting_.push_back(planned ? 0 : 1);
  }
}

PromotionDay& MarketPolicies::tally(int promotion, std::size_t region, double t) {
  auto& days = promotion_days_[static_cast<std::size_t>(promotion)][region];
  const auto d = static_cast<std::size_t>(t / kDay);
  if (days.size() <= d) days.resize(d + 1);
  return days[d];
}

policies::Price MarketPolicies::subscription_offer(double list_usd, std::size_t region, double t) const {
  policies::PriceQuery query;
  query.product = policies::Product::kSubscription;
  query.list_usd = list_usd;
  query.region = region;
  query.day = t / kDay;
  return pricing_->quote(query);
}

void MarketPolicies::on_subscribed(std::uint32_t u, const policies::Price& price, std::size_t region, double t) {
  if (price.promotion < 0) {
    if (!holds_.empty()) holds_.erase(u);  // an earlier promotion ended with the earlier subscription
    return;
  }
  if (price.discounted_months > 1) {
    holds_[u] = Hold{price.promotion, price.discounted_months - 1};
  } else {
    holds_.erase(u);
  }
  auto& day = tally(price.promotion, region, t);
  ++day.subscribers;
  day.discount_usd += price.regional_usd - price.usd;
}

policies::PriceQuery MarketPolicies::renewal_query(std::uint32_t u, double list_usd, std::size_t region,
                                                   double t) const {
  policies::PriceQuery query;
  query.product = policies::Product::kSubscription;
  query.list_usd = list_usd;
  query.region = region;
  query.day = t / kDay;
  query.renewal = true;
  const auto held = holds_.empty() ? holds_.end() : holds_.find(u);
  if (held != holds_.end()) {
    query.promotion = held->second.promotion;
    query.discounted_months_left = held->second.months_left;
  }
  return query;
}

double MarketPolicies::renewal_charge(std::uint32_t u, double list_usd, std::size_t region, double t) {
  const policies::Price price = pricing_->quote(renewal_query(u, list_usd, region, t));
  if (price.promotion >= 0) {
    auto& day = tally(price.promotion, region, t);
    ++day.discounted_renewals;
    day.discount_usd += price.regional_usd - price.usd;
    const auto held = holds_.find(u);
    if (held != holds_.end() && --held->second.months_left <= 0) holds_.erase(held);
  }
  return price.usd;
}

double MarketPolicies::next_renewal_price(std::uint32_t u, double list_usd, std::size_t region, double t) const {
  return pricing_->quote(renewal_query(u, list_usd, region, t)).usd;
}

double MarketPolicies::pack_charge(double list_usd, std::size_t region, double t) {
  policies::PriceQuery query;
  query.product = policies::Product::kPack;
  query.list_usd = list_usd;
  query.region = region;
  query.day = t / kDay;
  const policies::Price price = pricing_->quote(query);
  if (price.promotion >= 0) {
    auto& day = tally(price.promotion, region, t);
    ++day.discounted_packs;
    day.discount_usd += price.regional_usd - price.usd;
  }
  return price.usd;
}

double MarketPolicies::api_price_per_credit(double list_usd, std::size_t region, double t) const {
  policies::PriceQuery query;
  query.product = policies::Product::kApiCredit;
  query.list_usd = list_usd;
  query.region = region;
  query.day = t / kDay;
  return pricing_->quote(query).usd;
}

policies::HomeState MarketPolicies::home_state(std::size_t home, double t, std::int64_t home_adopted,
                                               const std::vector<RegionDay>& home_days) {
  const double scale = scenario_.experiment.scale;
  policies::HomeState state;
  state.users_adopted = scale * static_cast<double>(home_adopted);
  if (!entry_->needs_margin() || t < kDay) return state;
  const auto closed = static_cast<std::size_t>(t / kDay) - 1;  // the day that ends at t
  while (cost_feed_ && costs_by_day_.size() <= closed)
    costs_by_day_.push_back(cost_feed_(costs_by_day_.size()));
  const std::size_t first = closed + 1 > kMarginWindowDays ? closed + 1 - kMarginWindowDays : 0;
  double net = 0.0;
  double cost = 0.0;
  for (std::size_t d = first; d <= closed; ++d) {
    if (d < home_days.size()) {
      const auto& day = home_days[d];
      // The same terms as the books (economics::RegionLedgerDay::revenue_net_usd), in real-world units.
      const double gross = scale * day.revenue_subscriptions_usd + scale * day.revenue_packs_usd +
                           scale * day.revenue_api_usd + scale * day.revenue_enterprise_usd;
      net += gross - scale * day.store_fees_usd - scale * day.payment_fees_usd - scale * day.invoice_costs_usd -
             scale * day.sla_penalties_usd;
    }
    if (d < costs_by_day_.size()) cost += costs_by_day_[d][home];
  }
  if (net > 0.0) state.gross_margin_30d = (net - cost) / net;
  return state;
}

bool MarketPolicies::decide_entry(std::size_t region, double t, std::int64_t home_adopted,
                                  const std::vector<RegionDay>& home_days) {
  if (!waiting(region)) return false;
  const auto decided =
      entry_->decide(region, t / kDay, home_state(entry_->home_of(region), t, home_adopted, home_days));
  if (!decided) return false;
  waiting_[region] = 0;
  entry_s_[region] = *decided * kDay;
  return true;
}

double MarketPolicies::entry_day(std::size_t region) const {
  return entry_s_[region] < horizon_s_ ? entry_s_[region] / kDay : std::nan("");
}

void MarketPolicies::finish(double horizon_s) {
  horizon_s_ = horizon_s;
}

}  // namespace gvsim::users
