#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include "sim/model/scenario.hpp"

namespace gvsim::users {

/// @brief Credits of one clip a segment requests and the share of its requests that want it.
using ClipCredits = std::pair<double, double>;

/// @brief Expected share of a free user's wanted credits per day that `free_credits` a day cover.
///
/// The user wants W credits a day: a Poisson number (mean `requests_per_day`) of clips whose credits are drawn from
/// `clips` (credits, share). C = E[min(W, F)] / E[W]: 0 at F = 0, rising and concave in F (diminishing returns),
/// 1 once F covers every day's wanted credits. Computed by Panjer's recursion on a grid of 1/20 of the cheapest
/// clip; when e^-requests_per_day underflows, the mean alone: min(1, F / E[W]). 1 when nothing is wanted.
double credit_coverage(double requests_per_day, const std::vector<ClipCredits>& clips, double free_credits);

/// @brief What the free daily credits do beyond paying for clips: they make the platform more attractive to
/// adopt and keep free users who would otherwise hit their limit (docs/model.md, Free credits, adoption and lapse).
///
/// Both effects are relative to `pricing.free_credits_reference`, the free offer at which the regions' Bass
/// coefficients and the segments' free-lapse rates hold, so both multipliers are exactly 1 when the free credits
/// equal the reference or the weights are 0:
/// - adoption: each consumer segment's part of the Bass hazard x exp(k (ln(1 + F / c) - ln(1 + F_ref / c))), c the
///   mean clip's credits over the consumer segments (weighted by share), k = market.adoption.free_credit_response;
///   segments billed per use have no free credits and keep their part, so p and q are multiplied by the
///   share-weighted mean of the segments' factors and a new user's segment is drawn by share x factor;
/// - lapse of a free user of segment s: x exp(w (C_s(F_ref) - C_s(F))), C_s = credit_coverage,
///   w = behaviour.lapse_coverage_weight (1 for segments billed per use).
class FreeOffer {
 public:
  /// @brief The free offer of `scenario`'s user model.
  explicit FreeOffer(const model::Scenario& scenario);

  /// @brief Multiplier of both Bass coefficients from the free daily credits (share-weighted over the segments).
  double adoption_multiplier() const { return adoption_; }
  /// @brief Multiplier of `segment`'s part of the adoption hazard (1 for segments billed per use).
  double segment_adoption(std::size_t segment) const { return segment_adoption_[segment]; }
  /// @brief Multiplier of the daily lapse hazard of a free user of `segment`.
  double lapse_multiplier(std::size_t segment) const { return lapse_[segment]; }
  /// @brief Share of the wanted credits of a free user of `segment` that the free daily credits cover.
  double coverage(std::size_t segment) const { return coverage_[segment]; }
  /// @brief Free clips a day the free credits buy, in clips of the mean consumer clip's credits.
  double free_clips_per_day() const { return free_clips_; }

 private:
  double adoption_ = 1.0;
  double free_clips_ = 0.0;
  std::vector<double> segment_adoption_;
  std::vector<double> lapse_;
  std::vector<double> coverage_;
};

}  // namespace gvsim::users
