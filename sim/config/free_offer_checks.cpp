// Checks of the free-offer keys, which sit in three blocks (pricing, behaviour, market.adoption) and act together.
#include "sim/config/free_offer_checks.hpp"

namespace gvsim::config {

void check_free_offer(const model::Scenario& scenario, schema::Diagnostics& diagnostics) {
  const auto& users = scenario.experiment.workload.users;
  if (scenario.experiment.workload.mode != "users") return;
  const auto& pricing = users.pricing;
  const auto& response = scenario.experiment.market.adoption;
  if (pricing.free_daily_credits == pricing.free_credits_reference) {
    const std::string reason = "workload.users.pricing.free_daily_credits equals free_credits_reference (" +
                               schema::shortest(pricing.free_credits_reference) + ")";
    if (response.free_credit_response_where.line != 0) {
      diagnostics.warning(response.free_credit_response_where, "market.adoption.free_credit_response",
                          "set, but " + reason + ", so it has no effect in this run");
    }
    if (users.behaviour.lapse_coverage_where.line != 0) {
      diagnostics.warning(users.behaviour.lapse_coverage_where, "workload.users.behaviour.lapse_coverage_weight",
                          "set, but " + reason + ", so it has no effect in this run");
    }
  }
  if (pricing.reference_where.line != 0 && response.free_credit_response == 0.0 &&
      users.behaviour.lapse_coverage_weight == 0.0) {
    diagnostics.warning(pricing.reference_where, "workload.users.pricing.free_credits_reference",
                        "set, but market.adoption.free_credit_response and behaviour.lapse_coverage_weight are 0, "
                        "so it has no effect in this run");
  }
}

}  // namespace gvsim::config
