#include "sim/users/rival_market.hpp"

#include <algorithm>
#include <cmath>

#include "sim/model/region_graph.hpp"
#include "sim/users/market_time.hpp"

namespace gvsim::users {

RivalMarket::RivalMarket(const model::Scenario& scenario, std::uint64_t seed, std::uint64_t replication)
    : scenario_(scenario), choice_(scenario.experiment.market.choice) {
  const auto& rivals = scenario.experiment.market.rivals;
  for (const auto& rival : rivals)
    names_.push_back(rival.name);
  for (std::size_t r = 0; r < scenario.regions.size(); ++r) {
    RegionRivals region{
        {},  {},  {},
        {},  0.0, 1.0,
        1.0, 0.0, rng::RandomStream(seed, replication, "users/" + scenario.regions[r].name + "/rivals")};
    for (std::size_t k = 0; k < rivals.size(); ++k) {
      const auto& where = rivals[k].regions;
      const bool offered = where.empty() || std::any_of(where.begin(), where.end(), [&](const auto& ref) {
                             return model::region_index(scenario, ref.name) == r;
                           });
      if (offered) region.rivals.push_back(k);
    }
    region.utility.assign(region.rivals.size(), 0.0);
    region.cumulative.assign(region.rivals.size(), 0.0);
    region.left.resize(region.rivals.size());
    any_ = any_ || !region.rivals.empty();
    regions_.push_back(std::move(region));
  }
  days_.resize(regions_.size());
}

double RivalMarket::utility(double price_usd, double quality, double latency_s) const {
  return -choice_.price_weight * std::log(price_usd) + choice_.quality_weight * quality -
         choice_.latency_weight_per_min * latency_s / 60.0;
}

void RivalMarket::refresh(std::size_t region, double t, double platform_price_usd, double platform_latency_s) {
  auto& s = regions_[region];
  if (s.rivals.empty()) return;
  const double day = t / kDay;
  const auto& rivals = scenario_.experiment.market.rivals;
  s.platform_utility =
      utility(platform_price_usd, model::path_value(choice_.platform_quality, day), platform_latency_s);
  // Logit weights relative to the platform's utility, so that exp() stays in range.
  double total = 0.0;
  double best = -std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < s.rivals.size(); ++i) {
    const auto& rival = rivals[s.rivals[i]];
    s.utility[i] =
        utility(model::price_value(rival.price, day), model::path_value(rival.quality, day), rival.latency_s);
    best = std::max(best, s.utility[i]);
    total += std::exp(s.utility[i] - s.platform_utility);
    s.cumulative[i] = total;
  }
  s.share = 1.0 / (1.0 + total);
  s.multiplier = s.share / choice_.reference_share;
  s.advantage = std::max(0.0, best - choice_.switching_cost - s.platform_utility);
}

bool RivalMarket::offered(std::size_t rival, std::size_t region) const {
  const auto& here = regions_[region].rivals;
  return std::find(here.begin(), here.end(), rival) != here.end();
}

RivalDay& RivalMarket::tally(std::size_t region, std::size_t day, std::size_t offered) {
  auto& days = days_[region];
  if (days.size() <= day) days.resize(day + 1, std::vector<RivalDay>(names_.size()));
  return days[day][regions_[region].rivals[offered]];
}

bool RivalMarket::on_lapse(std::uint32_t u, std::size_t region, std::size_t day) {
  auto& s = regions_[region];
  if (s.rivals.empty()) return false;
  const std::size_t i = s.stream.discrete(s.cumulative);
  s.left[i].push_back(u);
  ++tally(region, day, i).lapsed_to;
  return true;
}

bool RivalMarket::on_cancel(std::uint32_t u, std::size_t region, std::size_t day) {
  auto& s = regions_[region];
  const double share = choice_.paid_cancel_to_rival;
  if (s.rivals.empty() || share <= 0.0) return false;
  // No draw at a share of 1, so that the rivals' stream sees one draw per departure as for free lapses.
  if (share < 1.0 && !s.stream.bernoulli(share)) return false;
  return on_lapse(u, region, day);
}

const std::vector<std::uint32_t>& RivalMarket::win_back(std::size_t region, std::size_t day) {
  returning_.clear();
  auto& s = regions_[region];
  for (std::size_t i = 0; i < s.rivals.size(); ++i) {
    const double gap = s.platform_utility - s.utility[i] - choice_.switching_cost;
    const double hazard = choice_.winback_max_per_day * logistic(choice_.winback_weight * gap);
    const double p = 1.0 - std::exp(-hazard);
    auto& left = s.left[i];
    // Backwards with swap-removal, so that the users not yet visited keep their places.
    for (std::size_t k = left.size(); k-- > 0;) {
      if (!s.stream.bernoulli(p)) continue;
      returning_.push_back(left[k]);
      left[k] = left.back();
      left.pop_back();
      ++tally(region, day, i).won_back;
    }
  }
  return returning_;
}

}  // namespace gvsim::users
