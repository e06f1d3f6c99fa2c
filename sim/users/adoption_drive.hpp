#pragma once

#include <cstddef>
#include <vector>

#include "sim/model/rival_spec.hpp"

namespace gvsim::users {

/// @brief What moves the Bass coefficients of a region beyond their given values: word of mouth from what active
/// users experience (imitation q) and marketing spend (innovation p).
///
/// q_eff = q max(0, 1 + w+ (S - S_ref) - w- (D - D_ref)), with S and D the satisfied and dissatisfied shares of
/// the region's active users at the last midnight sweep; p_eff = p (1 + k ln(1 + spend / ref)). With both weights
/// and the spend at 0 (the defaults) both multipliers are exactly 1.
class AdoptionDrive {
 public:
  /// @brief The drive of `spec` for `regions` regions.
  AdoptionDrive(const model::AdoptionDriveSpec& spec, std::size_t regions);

  /// @brief True when word of mouth changes q from day to day (a weight is not 0).
  bool dynamic() const { return spec_.word_of_mouth_positive != 0.0 || spec_.word_of_mouth_negative != 0.0; }
  /// @brief Multiplier of the innovation coefficient p from the marketing spend.
  double innovation_multiplier() const { return innovation_; }
  /// @brief Multiplier of the imitation coefficient q in `region` from its users' word of mouth.
  double imitation_multiplier(std::size_t region) const { return imitation_[region]; }
  /// @brief True when satisfaction `s` counts as satisfied (recommends the platform).
  bool satisfied(double s) const { return s >= spec_.satisfied_above; }
  /// @brief True when satisfaction `s` counts as dissatisfied (discourages others).
  bool dissatisfied(double s) const { return s < spec_.dissatisfied_below; }
  /// @brief Takes the day's counts of satisfied and dissatisfied users among `active` ones in `region`.
  void observe(std::size_t region, double satisfied_users, double dissatisfied_users, double active);
  /// @brief Marketing spend (real-world USD) over `open_s` seconds of a region being open.
  double marketing_usd(double open_s) const;

 private:
  const model::AdoptionDriveSpec& spec_;
  double innovation_ = 1.0;
  std::vector<double> imitation_;
};

}  // namespace gvsim::users
