#include "sim/users/upgrade_offers.hpp"

#include <algorithm>
#include <cmath>

#include "sim/users/market_time.hpp"

namespace gvsim::users {

UpgradeOffers::UpgradeOffers(const model::Scenario& scenario)
    : users_(scenario.experiment.workload.users), spec_(users_.upgrade_offers) {
  fewest_credits_ = std::numeric_limits<double>::infinity();
  for (const auto& tier : users_.pricing.tiers)
    fewest_credits_ = std::min(fewest_credits_, tier.credits_per_month);
  const auto& classes = scenario.experiment.workload.clip_classes;
  for (const auto& segment : users_.segments) {
    double credits = 0.0;
    double shares = 0.0;
    for (const auto& mix : segment.clip_mix) {
      for (const auto& clip : classes) {
        if (clip.name != mix.ref.name) continue;
        credits += mix.value * clip.credits;
        shares += mix.value;
      }
    }
    mean_credits_.push_back(shares > 0.0 ? credits / shares : 0.0);
    std::vector<std::size_t> wants;
    for (std::size_t k = 0; k < spec_.paid_features.size(); ++k) {
      const auto& listed = spec_.paid_features[k].segments;
      const bool wanted = listed.empty() || std::any_of(listed.begin(), listed.end(), [&](const schema::NameRef& r) {
                            return r.name == segment.name;
                          });
      if (wanted) wants.push_back(k);
    }
    wants_.push_back(std::move(wants));
  }
  scratch_.resize(users_.pricing.tiers.size() + 1);
}

double UpgradeOffers::shortfall_chance(double shortfall) const {
  // Softness 0 is the hard rule: an offer exactly when the clip costs more than the credits left.
  if (spec_.shortfall_softness_credits <= 0.0) return shortfall > 0.0 ? 1.0 : 0.0;
  return logistic(shortfall / spec_.shortfall_softness_credits);
}

double UpgradeOffers::wanted_features(std::size_t segment, rng::RandomStream& stream) const {
  double utility = 0.0;
  for (std::size_t k : wants_[segment]) {
    const auto& feature = spec_.paid_features[k];
    if (stream.bernoulli(feature.desire_per_request)) utility += feature.utility;
  }
  return utility;
}

std::vector<double> UpgradeOffers::probabilities(const OfferContext& user,
                                                 const std::vector<policies::Price>& offer) const {
  const auto& b = users_.behaviour;
  const auto& tiers = users_.pricing.tiers;
  // Staying free is worth the number of wanted clips a day the free credits allow (log, so the first ones count
  // most); it is what makes conversion fall smoothly as free credits grow.
  const double wanted = std::max(user.wanted_credits, 1.0);
  std::vector<double> utility(tiers.size() + 1);
  utility[0] = spec_.free_credit_weight * std::log1p(users_.pricing.free_daily_credits / wanted);
  const double common = b.conversion_intercept + b.conversion_satisfaction_weight * (user.satisfaction - 0.5) -
                        b.churn_competitor_weight * user.pressure + user.feature_utility;
  for (std::size_t k = 0; k < tiers.size(); ++k) {
    const double price = std::max(offer[k].usd, 1e-9);
    utility[k + 1] = common + b.conversion_price_weight * std::log(user.wtp_usd / price) -
                     spec_.overprice_weight * std::max(0.0, price / user.wtp_usd - 1.0) +
                     spec_.tier_credit_weight * std::log(tiers[k].credits_per_month / fewest_credits_);
  }
  const double top = *std::max_element(utility.begin(), utility.end());
  double total = 0.0;
  for (double& u : utility) {
    u = std::exp(u - top);
    total += u;
  }
  for (double& u : utility)
    u /= total;
  return utility;
}

std::optional<std::size_t> UpgradeOffers::choose(const OfferContext& user, const std::vector<policies::Price>& offer,
                                                 rng::RandomStream& stream) const {
  const std::vector<double> p = probabilities(user, offer);
  double running = 0.0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    running += p[i];
    scratch_[i] = running;
  }
  const std::size_t pick = stream.discrete(scratch_);
  if (pick == 0) return std::nullopt;
  return pick - 1;
}

}  // namespace gvsim::users
