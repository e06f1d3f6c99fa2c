#include "sim/users/adoption_drive.hpp"

#include <algorithm>
#include <cmath>

#include "sim/users/market_time.hpp"

namespace gvsim::users {

AdoptionDrive::AdoptionDrive(const model::AdoptionDriveSpec& spec, std::size_t regions)
    : spec_(spec),
      innovation_(1.0 + spec.marketing_response *
                            std::log1p(spec.marketing_usd_per_day / spec.marketing_reference_usd_per_day)),
      imitation_(regions, 1.0) {}

void AdoptionDrive::observe(std::size_t region, double satisfied_users, double dissatisfied_users, double active) {
  if (!dynamic() || active <= 0.0) return;  // no one to talk: q as before
  const double promoters = spec_.word_of_mouth_positive * (satisfied_users / active - spec_.satisfied_share_reference);
  const double detractors =
      spec_.word_of_mouth_negative * (dissatisfied_users / active - spec_.dissatisfied_share_reference);
  imitation_[region] = std::max(0.0, 1.0 + promoters - detractors);
}

double AdoptionDrive::marketing_usd(double open_s) const {
  return spec_.marketing_usd_per_day * open_s / kDay;
}

}  // namespace gvsim::users
