#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "policies/pricing_policy.hpp"
#include "sim/model/scenario.hpp"
#include "sim/rng/random_stream.hpp"

namespace gvsim::users {

/// @brief What a free user brings to an upgrade offer.
struct OfferContext {
  double wtp_usd = 1.0;          ///< willingness to pay per month
  double satisfaction = 0.5;     ///< in [0, 1]
  double pressure = 0.0;         ///< competitor pressure in the user's region
  double wanted_credits = 1.0;   ///< credits of the clip the user wants (segment mean for periodic offers)
  double feature_utility = 0.0;  ///< utility of the paid features the user wants now (0: none)
};

/// @brief When a free user meets an upgrade offer, and which tier (or none) the user chooses.
///
/// Triggers: a request the user's credits nearly or do not cover (smooth in the shortfall), a request wanting a
/// paid feature, and a small daily chance. The choice is a multinomial logit over {stay free, tier 1..n}: staying
/// free is worth more the more free clips a day it allows; a tier is worth its credits and the wanted features,
/// less its price relative to the user's willingness to pay (docs/model.md, Upgrade offers and tier choice).
class UpgradeOffers {
 public:
  /// @brief Offers of `scenario`'s user model.
  explicit UpgradeOffers(const model::Scenario& scenario);

  /// @brief Chance that a request `shortfall` credits short (negative: credits to spare) triggers an offer.
  double shortfall_chance(double shortfall) const;
  /// @brief Summed utility of the paid features a request of `segment` wants, drawn from `stream` (0: none).
  double wanted_features(std::size_t segment, rng::RandomStream& stream) const;
  /// @brief Chance per UTC day that an active free user meets an offer without a trigger.
  double periodic_per_day() const { return spec_.periodic_per_day; }
  /// @brief Mean credits of a request of `segment` (what a periodic offer assumes the user wants).
  double mean_clip_credits(std::size_t segment) const { return mean_credits_[segment]; }

  /// @brief Choice probabilities: index 0 staying free, k + 1 tier k, at the offer prices `offer` (one per tier).
  std::vector<double> probabilities(const OfferContext& user, const std::vector<policies::Price>& offer) const;
  /// @brief The tier the user chooses, drawn from `stream`, or nothing when the user stays free.
  std::optional<std::size_t> choose(const OfferContext& user, const std::vector<policies::Price>& offer,
                                    rng::RandomStream& stream) const;

 private:
  const model::UserModelSpec& users_;
  const model::UpgradeOfferSpec& spec_;
  double fewest_credits_ = 1.0;                  ///< fewest monthly credits of any tier
  std::vector<double> mean_credits_;             ///< per segment
  std::vector<std::vector<std::size_t>> wants_;  ///< per segment: the paid features it may want
  mutable std::vector<double> scratch_;          ///< per-option weights, reused
};

}  // namespace gvsim::users
