#include "sim/users/api_demand.hpp"

#include <cmath>

namespace gvsim::users {

ApiDemand::ApiDemand(const model::Scenario& scenario)
    : spec_(scenario.experiment.workload.users.api_demand), factor_(scenario.regions.size(), 1.0), weights_(scenario) {}

double ApiDemand::volume_factor_at(double usd_per_credit) const {
  return std::pow(usd_per_credit / spec_.reference_usd_per_credit, spec_.price_elasticity);
}

}  // namespace gvsim::users
