// Checks of the billing-retry keys (workload.users.pricing), which act only through the regions' declines.
#include "sim/config/renewal_checks.hpp"

#include <algorithm>

namespace gvsim::config {

void check_renewal_retry(const model::Scenario& scenario, schema::Diagnostics& diagnostics) {
  const auto& users = scenario.experiment.workload.users;
  const auto& pricing = users.pricing;
  if (scenario.experiment.workload.mode != "users" || pricing.retry_where.line == 0 ||
      pricing.renewal_retry_days == 0) {
    return;
  }
  const bool subscribers =
      std::any_of(users.segments.begin(), users.segments.end(), [](const auto& s) { return !s.api_billing; });
  const bool declines = std::any_of(scenario.regions.begin(), scenario.regions.end(), [](const auto& r) {
    return r.payments.decline_rate > 0.0 && r.payments.method_share > 0.0;
  });
  if (subscribers && declines) return;
  diagnostics.warning(pricing.retry_where, "workload.users.pricing.renewal_retry_days",
                      subscribers ? "set, but no region taking part declines a payment (payments.decline_rate or "
                                    "method_share is 0), so it has no effect in this run"
                                  : "set, but every segment is billed per use (api_billing), so no subscription "
                                    "renewal is declined and it has no effect in this run");
}

}  // namespace gvsim::config
