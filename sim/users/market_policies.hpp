#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

#include "policies/market_entry_policy.hpp"
#include "policies/pricing_policy.hpp"
#include "sim/model/scenario.hpp"
#include "sim/users/region_day.hpp"

namespace gvsim::users {

/// @brief What one promotion did in one region on one UTC day (simulated units).
struct PromotionDay {
  std::int64_t subscribers = 0;          ///< new subscriptions at the promotion's price
  std::int64_t discounted_renewals = 0;  ///< renewals still at the discount (months 2 .. first_months)
  std::int64_t discounted_packs = 0;     ///< credit packs bought at the discount
  double discount_usd = 0.0;             ///< revenue given up against the regional price
};

/// @brief Costs (real-world USD) of every region on one closed UTC day, as the books will record them.
using DailyCostFeed = std::function<std::vector<double>(std::size_t day)>;

/// @brief The market's pricing and entry policies and the state they need: the promotion each subscriber holds,
/// promotion tallies, each region's entry day, and the home regions' running gross margin.
///
/// The pricing policy is the only place where a price is set: every charge and every offer the market makes asks
/// it. Entry is decided at each UTC midnight of a waiting region from its home region's adopters (live count) and
/// gross margin over the last 30 closed days: net revenue from the market's day records, costs from a daily feed
/// of the books (GPU, energy, egress), installed by the engine when a condition needs it.
class MarketPolicies {
 public:
  /// @brief Policies of `scenario` (policies.pricing, policies.market_entry, the regions' markets).
  explicit MarketPolicies(const model::Scenario& scenario);

  /// @brief Price of a new subscription to a tier listed at `list_usd`, in `region` at time t.
  policies::Price subscription_offer(double list_usd, std::size_t region, double t) const;
  /// @brief Records that `u` subscribed at `price` at time t (the promotion, if any, follows its renewals).
  void on_subscribed(std::uint32_t u, const policies::Price& price, std::size_t region, double t);
  /// @brief Price `u` is charged at a renewal at time t; uses up one discounted month.
  double renewal_charge(std::uint32_t u, double list_usd, std::size_t region, double t);
  /// @brief Price `u` would pay at the next renewal (no side effect); used by the overprice churn term.
  double next_renewal_price(std::uint32_t u, double list_usd, std::size_t region, double t) const;
  /// @brief Price of a credit pack listed at `list_usd` bought at time t, recorded against any promotion.
  double pack_charge(double list_usd, std::size_t region, double t);
  /// @brief API price per credit listed at `list_usd` in `region` at time t.
  double api_price_per_credit(double list_usd, std::size_t region, double t) const;

  /// @brief Entry time of `region` in seconds, or infinity while it waits for its condition.
  double entry_s(std::size_t region) const { return entry_s_[region]; }
  /// @brief True while `region` waits for the condition on its home region.
  bool waiting(std::size_t region) const { return waiting_[region] != 0; }
  /// @brief At the UTC midnight t, decides whether a waiting region opens; returns true when it was decided now.
  bool decide_entry(std::size_t region, double t, std::int64_t home_adopted, const std::vector<RegionDay>& home_days);
  /// @brief The home region whose state decides the entry of a waiting `region`.
  std::size_t home_of(std::size_t region) const { return entry_->home_of(region); }
  /// @brief True when entry decisions need the daily costs.
  bool needs_costs() const { return entry_->needs_margin(); }
  /// @brief Installs the daily cost feed.
  void set_cost_feed(DailyCostFeed feed) { cost_feed_ = std::move(feed); }
  /// @brief The home state a waiting region's decision sees at the UTC midnight t (closing day t / 86400 - 1).
  policies::HomeState home_state(std::size_t home, double t, std::int64_t home_adopted,
                                 const std::vector<RegionDay>& home_days);

  /// @brief Day `region` opened (NaN if it had not opened by the horizon); valid after finish.
  double entry_day(std::size_t region) const;
  /// @brief Forgets planned entries at or after the horizon.
  void finish(double horizon_s);
  /// @brief Tallies `[promotion][region][day]` (days grow as used).
  const std::vector<std::vector<std::vector<PromotionDay>>>& promotion_days() const { return promotion_days_; }
  /// @brief The pricing policy.
  const policies::PricingPolicy& pricing() const { return *pricing_; }

 private:
  /// The price query of the renewal of user u's subscription (with the promotion the user holds, if any).
  policies::PriceQuery renewal_query(std::uint32_t u, double list_usd, std::size_t region, double t) const;
  struct Hold {
    int promotion = -1;
    std::int64_t months_left = 0;  ///< discounted renewals still due
  };

  PromotionDay& tally(int promotion, std::size_t region, double t);

  const model::Scenario& scenario_;
  std::shared_ptr<const policies::PricingPolicy> pricing_;  ///< immutable, so copies of a market may share it
  std::shared_ptr<const policies::MarketEntryPolicy> entry_;
  std::unordered_map<std::uint32_t, Hold> holds_;  ///< subscribers still owed discounted renewals
  std::vector<std::vector<std::vector<PromotionDay>>> promotion_days_;
  std::vector<double> entry_s_;
  std::vector<char> waiting_;
  DailyCostFeed cost_feed_;
  std::vector<std::vector<double>> costs_by_day_;  ///< [day][region], filled lazily from the feed
  double horizon_s_ = std::numeric_limits<double>::infinity();
};

}  // namespace gvsim::users
