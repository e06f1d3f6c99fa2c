#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/model/scenario.hpp"
#include "sim/rng/random_stream.hpp"

namespace gvsim::users {

/// @brief What the users of one region did with one rival during one UTC day (simulated units).
struct RivalDay {
  std::int64_t lapsed_to = 0;  ///< users who left the platform for this rival
  std::int64_t won_back = 0;   ///< users who came back from this rival
};

/// @brief The rival platforms of every region and the multinomial logit users choose with.
///
/// Utilities are the same for every user of a region and are refreshed once per UTC day (at the midnight sweep and
/// at the start): V = -price_weight ln(price) + quality_weight quality - latency_weight minutes. The platform's
/// choice share scales adoption; the best rival's advantage beyond the switching cost raises churn; users who lapse
/// go to a rival drawn by the logit over the rivals present, and come back at a daily win-back hazard that rises
/// with the platform's advantage over that rival. A region without rivals gives share multiplier 1, advantage 0
/// and draws nothing, so the market behaves exactly as without this class.
class RivalMarket {
 public:
  /// @brief Rivals of `scenario` (the experiment's market block), with draws from users/REGION/rivals.
  RivalMarket(const model::Scenario& scenario, std::uint64_t seed, std::uint64_t replication);

  /// @brief True when at least one rival is offered in `region`.
  bool present(std::size_t region) const { return !regions_[region].rivals.empty(); }
  /// @brief True when any region has a rival.
  bool any() const { return any_; }
  /// @brief Recomputes the utilities of `region` for the UTC day starting at t.
  void refresh(std::size_t region, double t, double platform_price_usd, double platform_latency_s);
  /// @brief Logit share of the platform among itself and the region's rivals (1 without rivals).
  double platform_share(std::size_t region) const { return regions_[region].share; }
  /// @brief Adoption multiplier share / reference share (exactly 1 without rivals).
  double adoption_multiplier(std::size_t region) const { return regions_[region].multiplier; }
  /// @brief The best rival's utility advantage over the platform beyond the switching cost, at least 0.
  double advantage(std::size_t region) const { return regions_[region].advantage; }
  /// @brief A user of `region` lapsed on UTC day `day`: picks the rival it goes to; false without rivals.
  bool on_lapse(std::uint32_t u, std::size_t region, std::size_t day);
  /// @brief A paying user of `region` cancelled on UTC day `day`: with probability choice.paid_cancel_to_rival,
  /// picks the rival it goes to (as on_lapse) and returns true; false without rivals (no draw).
  bool on_cancel(std::uint32_t u, std::size_t region, std::size_t day);
  /// @brief Win-back draws of UTC day `day`: the users of `region` who come back (removed from the rivals' lists).
  const std::vector<std::uint32_t>& win_back(std::size_t region, std::size_t day);
  /// @brief True when rival `rival` is offered in `region`.
  bool offered(std::size_t rival, std::size_t region) const;
  /// @brief Names of the declared rivals (index = rival).
  const std::vector<std::string>& names() const { return names_; }
  /// @brief Tallies `[region][day][rival]` (days grow as used).
  const std::vector<std::vector<std::vector<RivalDay>>>& days() const { return days_; }

 private:
  struct RegionRivals {
    std::vector<std::size_t> rivals;               ///< indices of the rivals offered here
    std::vector<double> utility;                   ///< per offered rival, today
    std::vector<double> cumulative;                ///< logit weights over the offered rivals, cumulative
    std::vector<std::vector<std::uint32_t>> left;  ///< per offered rival: users who went there
    double platform_utility = 0.0;
    double share = 1.0;
    double multiplier = 1.0;
    double advantage = 0.0;
    rng::RandomStream stream;
  };

  RivalDay& tally(std::size_t region, std::size_t day, std::size_t offered);
  double utility(double price_usd, double quality, double latency_s) const;

  const model::Scenario& scenario_;
  const model::ChoiceSpec& choice_;
  std::vector<std::string> names_;
  std::vector<RegionRivals> regions_;
  std::vector<std::vector<std::vector<RivalDay>>> days_;
  std::vector<std::uint32_t> returning_;  ///< scratch of win_back
  bool any_ = false;
};

}  // namespace gvsim::users
